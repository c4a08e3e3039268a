"""The two-leads conflict tests run on PostgreSQL in the suite; this runs them again on SQLite."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def test_the_two_leads_conflict_tests_also_pass_on_sqlite(tmp_path):
    if connection.vendor == "sqlite":
        pytest.skip("this run is on SQLite already, so tests/reports/test_section_editing.py covers it")
    env = {k: v for k, v in os.environ.items() if k not in {"PORTAL_REQUIRE_POSTGRES"}}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'conflict.sqlite3'}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/reports/test_section_editing.py",
            "-k",
            "conflict",
            "-p",
            "no:randomly",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "database: SQLite" in result.stdout
    assert "2 passed" in result.stdout
