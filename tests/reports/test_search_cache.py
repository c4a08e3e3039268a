"""Search results are kept per state of the board's data and per what the viewer may see: the same
search again (the next page, going back) is not run again, a change is found on the very next search,
and one viewer's results are never another's. What the search reads moves the data version when it
changes (the rule of wscb/data/changes.py for every kept page)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.meetings.factories import ActionFactory
from tests.query_budgets import cold
from tests.reports import search_records
from tests.reports.search_records import WORD
from wscb.data import changes

pytestmark = pytest.mark.django_db

_TABLES = re.compile(r'\b(?:FROM|JOIN)\s+"?([\w.]+)"?', re.IGNORECASE)


def _search(client, text=WORD, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("search:results"), {"q": text, **extra})
    searched = [query["sql"] for query in queries.captured_queries if "s_kind" in query["sql"]]
    return response, searched


@pytest.fixture
def records(cast):
    return search_records.build(cast)


def test_the_same_search_again_is_not_run_again(as_user, cast, records):
    client = as_user(cast.business_support)
    first, searched = _search(client)
    assert searched
    again, searched_again = _search(client, page=1)
    assert searched_again == []
    assert again.context["paginator"].count == first.context["paginator"].count


def test_a_change_is_found_on_the_next_search(as_user, cast, records):
    client = as_user(cast.business_support)
    before, _ = _search(client, kind="action")
    ActionFactory(meeting=records.a.meeting, owner=cast.agency_a, description=f"{WORD} new action")
    after, searched = _search(client, kind="action")
    assert searched
    assert after.context["paginator"].count == before.context["paginator"].count + 1


def test_one_viewers_results_are_never_anothers(as_user, cast, records):
    _search(as_user(cast.business_support))
    response, searched = _search(as_user(cast.lead_a))
    assert searched  # not business support's rows
    assert "Agency B" not in " ".join(result.title for result in response.context["results"])
    _, searched_b = _search(as_user(cast.lead_b))
    assert searched_b  # a lead of another agency: their own search


def test_the_search_reads_only_tables_whose_writes_move_the_version(as_user, cast, records):
    cold(cast.board)
    for user in (cast.business_support, cast.lead_a, cast.board_member):
        _, searched = _search(as_user(user))
        tables = {table for sql in searched for table in _TABLES.findall(sql)}
        assert {"meetings_meeting", "reports_answer", "partners_person"} <= tables
        assert not {table for table in tables if not changes.is_watched(table)}, user.role
