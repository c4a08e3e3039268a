"""Reliability plan T62: the suite runs on PostgreSQL; this runs the thread races (T61, 100 per scenario)
again on SQLite, the default for a local install, where ``select_for_update`` is a no-op and only the
conditional UPDATE and BEGIN IMMEDIATE protect the data."""

import re

from tests.on_sqlite import run_on_sqlite


def test_the_races_also_lose_no_update_on_sqlite(tmp_path):
    summary = run_on_sqlite(tmp_path, "tests/wscb/test_concurrency_across_apps.py")
    # every race ran: none skipped for want of a file database
    assert re.fullmatch(r"\d+ passed in .*", summary), summary
    assert int(summary.split()[0]) >= 9, summary
