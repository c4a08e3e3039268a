"""Reliability plan T62: the suite runs on PostgreSQL; this runs the thread races (T61, 100 per scenario)
again on SQLite, the default for a local install, where ``select_for_update`` is a no-op and only the
conditional UPDATE and BEGIN IMMEDIATE protect the data."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
MODULE = "tests/wscb/test_concurrency_across_apps.py"


def test_the_races_also_lose_no_update_on_sqlite(tmp_path):
    if connection.vendor == "sqlite":
        pytest.skip("this run is on SQLite already, so the module itself covers it")
    env = {k: v for k, v in os.environ.items() if k not in {"PORTAL_REQUIRE_POSTGRES"}}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'races.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", MODULE, "-p", "no:randomly"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "database: SQLite" in result.stdout
    summary = result.stdout.strip().splitlines()[-1]
    # every race ran: none skipped for want of a file database
    assert re.fullmatch(r"\d+ passed in .*", summary), summary
    assert int(summary.split()[0]) >= 9, summary
