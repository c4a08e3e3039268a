"""The cache-correctness tests (each app changes one record and sees the draft report and the
dashboard change; the data versions move with every kind of write) run on PostgreSQL in the suite;
this runs them again on SQLite, whose cursor the data-version watch wraps separately
(``wscb.data.backends``)."""

import re

from tests.on_sqlite import ROOT, run_on_sqlite

MODULES = sorted(str(path.relative_to(ROOT)) for path in ROOT.glob("tests/*/test_pages_follow_the_records.py"))


def test_every_app_has_a_pages_follow_test():
    assert {path.split("/")[1] for path in MODULES} >= {
        "annual",
        "finance",
        "meetings",
        "partners",
        "reports",
        "training",
    }


def test_the_cached_pages_follow_the_records_on_sqlite_too(tmp_path):
    summary = run_on_sqlite(tmp_path, *MODULES, "tests/wscb/test_data_versions.py", timeout=900)
    assert re.fullmatch(r"\d+ passed in .*", summary), summary  # none skipped
