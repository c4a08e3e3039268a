"""Finding (Low): ``manage.py benchmark`` emptied whatever ``DATABASE_URL`` named. Now it runs in a
database it creates for the run (and drops), or in a scratch database named with
``--i-understand-this-empties-the-database NAME`` that is not the configured one; never elsewhere."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bench import benchmark
from bench import database as bench_database

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(monkeypatch):
    """The databases the command switches to and runs in, without creating, migrating or emptying any."""
    seen = {"switched": [], "ran_in": [], "created": [], "dropped": []}
    current = {"name": bench_database.configured_name()}

    def switch(name):
        seen["switched"].append(name)
        current["name"] = name

    monkeypatch.setattr(bench_database, "_switch_to", switch)
    monkeypatch.setattr(bench_database, "_create", lambda name: seen["created"].append(name))
    monkeypatch.setattr(bench_database, "_drop", lambda name: seen["dropped"].append(name))
    monkeypatch.setattr(bench_database, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(
        benchmark, "run", lambda **kwargs: seen["ran_in"].append(current["name"]) or benchmark.Results(factors=[1])
    )
    monkeypatch.setattr(benchmark, "write", lambda results, path: "")
    return seen


def test_it_refuses_to_empty_the_configured_database_even_with_the_flag(recorded, tmp_path):
    configured = bench_database.configured_name()
    with pytest.raises(CommandError, match="the portal's own database"):
        call_command(
            "benchmark",
            "--allow-sqlite",
            "--i-understand-this-empties-the-database",
            configured,
            "--output",
            str(tmp_path / "b.md"),
        )
    assert recorded["ran_in"] == [] and recorded["switched"] == []


def test_by_default_it_runs_in_a_database_of_its_own_and_never_the_configured_one(recorded, tmp_path):
    configured = bench_database.configured_name()
    call_command("benchmark", "--allow-sqlite", "--factors", "1", "--output", str(tmp_path / "b.md"))
    assert len(recorded["ran_in"]) == 1 and recorded["ran_in"][0] != configured
    assert recorded["switched"][-1] == configured  # back to the portal's database afterwards
    assert recorded["dropped"] == recorded["created"]  # what it made, it drops (none on SQLite: a temp file)


def test_a_named_scratch_database_is_used_only_with_the_flag(recorded, tmp_path):
    call_command(
        "benchmark",
        "--allow-sqlite",
        "--factors",
        "1",
        "--i-understand-this-empties-the-database",
        "bench_scratch",
        "--output",
        str(tmp_path / "b.md"),
    )
    assert recorded["ran_in"] == ["bench_scratch"] and recorded["created"] == []


def test_the_gunicorn_servers_are_pointed_at_the_same_database(settings, monkeypatch):
    from django.db import connection

    for key, value in {"USER": "bench", "PASSWORD": "p@ss", "HOST": "127.0.0.1", "PORT": "5433"}.items():
        monkeypatch.setitem(settings.DATABASES["default"], key, value)  # put back after the test

    if connection.vendor == "postgresql":
        assert (
            bench_database._url("portal_benchmark_ab") == "postgres://bench:p%40ss@127.0.0.1:5433/portal_benchmark_ab"
        )
