"""Backups of the database and uploaded files, and restoring them.

A backup is a directory:

    manifest.json      when, which database engine, row counts per table, every file's SHA-256
    database.dump      PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot)
    database.sqlite3   SQLite: a consistent copy made with SQLite's online backup API
    media/             a copy of MEDIA_ROOT (taken after the database, see README)

``restore`` replaces the database contents and MEDIA_ROOT with the backup's, after
checking every file against the manifest.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

MANIFEST = "manifest.json"
PG_DUMP_FILE = "database.dump"
SQLITE_FILE = "database.sqlite3"
MEDIA_DIR = "media"


class BackupError(Exception):
    pass


def pg_tool(name: str) -> str:
    """Find pg_dump/pg_restore like bin/lib/pg.sh does: PG_BIN, PGBIN, the PATH, then Debian's versioned dirs."""
    for directory in (os.environ.get("PG_BIN"), os.environ.get("PGBIN")):
        if directory and os.access(os.path.join(directory, name), os.X_OK):
            return os.path.join(directory, name)
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return candidates[-1]
    raise BackupError(f"{name} was not found. Install the PostgreSQL client tools or set PG_BIN.")


def _pg_args_and_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"], "--no-password"]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    # The command is pg_dump/pg_restore with arguments from settings, never from a request.
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[:2000]}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> dict[str, str]:
    """Relative path -> SHA-256 for every file under ``root``."""
    if not root.exists():
        return {}
    return {str(path.relative_to(root)): _sha256(path) for path in sorted(root.rglob("*")) if path.is_file()}


def table_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.db_table] = model._base_manager.count()
    return counts


def backup_create(*, output: Path) -> dict:
    """Write a backup into ``output`` (which must not exist or be empty). Returns the manifest."""
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise BackupError(f"{output} is not empty; choose a new directory for the backup.")
    output.mkdir(parents=True, exist_ok=True)
    os.chmod(output, 0o700)
    vendor = connection.vendor
    if vendor == "postgresql":
        args, env = _pg_args_and_env()
        _run(
            [
                pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *args,
                "--file",
                str(output / PG_DUMP_FILE),
            ],
            env,
        )
    elif vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(output / SQLITE_FILE)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    media_root = Path(settings.MEDIA_ROOT)
    files = media_files(media_root)
    if media_root.exists():
        shutil.copytree(media_root, output / MEDIA_DIR)
    else:
        (output / MEDIA_DIR).mkdir()
    copied = media_files(output / MEDIA_DIR)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": vendor,
        "tables": table_counts(),
        "media": copied,
        "media_changed_during_backup": sorted(name for name in files if copied.get(name) != files[name]),
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    for path in output.rglob("*"):
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    return manifest


def backup_read_manifest(source: Path) -> dict:
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError(f"{source} does not hold a portal backup (no readable {MANIFEST}).") from None
    damaged = [
        name for name, digest in manifest["media"].items() if media_files(source / MEDIA_DIR).get(name) != digest
    ]
    if damaged:
        raise BackupError(f"Files in the backup do not match its manifest: {', '.join(damaged[:10])}")
    return manifest


def backup_restore(*, source: Path) -> dict:
    """Replace the database and MEDIA_ROOT with the backup's. Returns the manifest."""
    source = Path(source)
    manifest = backup_read_manifest(source)
    vendor = connection.vendor
    if manifest["database"] != vendor:
        raise BackupError(f"The backup is of a {manifest['database']} database; this portal uses {vendor}.")
    if vendor == "postgresql":
        dump = source / PG_DUMP_FILE
        if not dump.exists():
            raise BackupError(f"{dump} is missing.")
        connections.close_all()
        args, env = _pg_args_and_env()
        _run(
            [
                pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(dump),
            ],
            env,
        )
    else:
        copy = source / SQLITE_FILE
        if not copy.exists():
            raise BackupError(f"{copy} is missing.")
        connection.ensure_connection()
        origin = sqlite3.connect(copy)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.rmtree(media_root)
    shutil.copytree(source / MEDIA_DIR, media_root)
    return manifest
