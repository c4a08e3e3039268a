"""Running some of the suite's modules again on SQLite (the default for a local install) from a
PostgreSQL run, for behaviour that differs between the two: locking, savepoints, the data-version
watch on each backend's cursor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def run_on_sqlite(tmp_path: Path, *pytest_args: str, timeout: int = 600) -> str:
    """pytest's last line for ``pytest_args`` run on a fresh SQLite file database; fails with the
    output's tail unless every test passed. Skips when this run is on SQLite already."""
    if connection.vendor == "sqlite":
        pytest.skip("this run is on SQLite already, so the modules themselves cover it")
    env = {k: v for k, v in os.environ.items() if k not in {"PORTAL_REQUIRE_POSTGRES"}}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'again.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", *pytest_args, "-p", "no:randomly"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "database: SQLite" in result.stdout
    return result.stdout.strip().splitlines()[-1]
