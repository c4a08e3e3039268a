"""The two-leads conflict tests run on PostgreSQL in the suite; this runs them again on SQLite."""

from tests.on_sqlite import run_on_sqlite


def test_the_two_leads_conflict_tests_also_pass_on_sqlite(tmp_path):
    summary = run_on_sqlite(tmp_path, "tests/reports/test_section_editing.py", "-k", "conflict", timeout=300)
    assert summary.startswith("2 passed"), summary
