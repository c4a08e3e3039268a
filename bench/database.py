"""Where the benchmark runs: never on the configured database, which it would empty.

By default ``throwaway_database`` creates a database of its own on the configured server (on
SQLite, a file in a temporary folder), migrates it, points this process (and the gunicorn servers
it starts, through ``DATABASE_URL``) at it, and drops it afterwards. The only other way is to name
a scratch database with ``--i-understand-this-empties-the-database NAME``: it must exist, and it
may not be the configured one (the database the portal itself uses).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections


class Refused(Exception):
    """The benchmark will not run there; the message says why."""


def configured_name() -> str:
    return str(settings.DATABASES["default"]["NAME"])


def _url(name: str) -> str:
    database = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    user = quote(database.get("USER") or "", safe="")
    password = quote(database.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if user or password else ""
    host = database.get("HOST") or "localhost"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(name, safe='')}"


def _switch_to(name: str) -> None:
    connections.close_all()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name
    os.environ["DATABASE_URL"] = _url(name)


def _create(name: str) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")


def _drop(name: str) -> None:
    connections.close_all()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


@contextlib.contextmanager
def throwaway_database(*, scratch: str | None = None, out=print):
    """Run the body against a database that is not the configured one (see the module's docstring)."""
    original, original_url = configured_name(), os.environ.get("DATABASE_URL")
    if scratch is not None:
        if scratch.strip() in ("", original, Path(original).name):
            raise Refused(
                f"--i-understand-this-empties-the-database names {scratch!r}, the portal's own database: "
                "the benchmark empties the database it runs on. Name a scratch database instead."
            )
        name, made = scratch, False
    elif connection.vendor == "sqlite":
        name, made = str(Path(tempfile.mkdtemp(prefix="benchmark-")) / "benchmark.sqlite3"), True
    else:
        name, made = f"portal_benchmark_{secrets.token_hex(4)}", True
        _create(name)
    out(f"Benchmark database: {name} ({'made for this run, dropped afterwards' if made else 'emptied'}).")
    try:
        _switch_to(name)
        call_command("migrate", verbosity=0, interactive=False)
        yield name
    finally:
        _switch_to(original)
        if original_url is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = original_url
        if made and connection.vendor != "sqlite":
            _drop(name)
