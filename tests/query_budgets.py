"""What keeping pages and charts in the cache adds to a page's queries, for the query-budget tests
(``wscb.data.page_cache``, ``wscb.charts.svgs``; the tests use the database cache, as production
does by default).

A first view (nothing kept yet) reads the data version, looks the page up, makes it, and stores it;
its charts are looked up together and stored together. A repeated view is two lookups and nothing
else. ``cold(board)`` empties the cache and settles the data version outside the count, so that a
budget test counts the same first view at every data size.
"""

from django.core.cache import cache

from wscb import charts
from wscb.data.changes import data_version

#: Storing one entry in the database cache: counting the entries, a savepoint, looking for the key,
#: the write, releasing the savepoint.
STORE = 5
#: A page's first view: the data version, the page's lookup, and storing it.
FIRST_VIEW = 1 + 1 + STORE
#: A page's charts the first time: one lookup for all of them, and storing them.
CHARTS_FIRST_TIME = 1 + STORE
#: A repeated view: the data version and the page's lookup.
REPEATED_VIEW = 2
#: The board's years for a year chooser (``wscb.years``), kept under the data version the page reads
#: anyway: one lookup; the first time, also the UNION over every record with a year, and storing it.
YEARS_KEPT = 1
YEARS_FIRST_TIME = 1 + 1 + STORE


def cold(board) -> None:
    """Nothing kept: the next view of any page makes it again (the records' version is settled)."""
    cache.clear()
    charts._drawn.clear()
    charts.svg.cache_clear()
    data_version(board)
