"""Data versions: a token per board that every write replaces in the write's own transaction, so
that a page kept in the cache under it (``wscb.data.page_cache``) is never shown after a change.

**The rule: every write, whatever sent it.** The portal's database backends
(``wscb.data.backends``: PostgreSQL and SQLite, chosen in the settings) pass every statement
through ``_watch``. Each INSERT, UPDATE, DELETE or TRUNCATE on a table that is not exempt is
noted, whichever code sent it: a service, ``versioned_update``, the back office, an import,
``bulk_create``, a queryset ``update()`` or ``delete()``, a data migration, raw SQL through
``connection.cursor()``. Only the tables of ``EXEMPT`` (and those apps add with ``exempt()``)
are left out, each with the reason no cached page shows it; every other model, including one
added tomorrow, is watched from its first migration. ``tests/wscb/test_data_versions_cover_the_pages.py``
fails if a cached page reads an exempt table.

**In the same transaction.** When the transaction commits, the versions it moved get new random
tokens just before the COMMIT (``WatchedConnection._commit``), so the new records and the new token
become visible together and a rollback takes back both. A statement sent outside any transaction
(autocommit) is run inside one of its own for this. A page that reads the version inside a
transaction that has written first sees its own change (``data_version`` replaces the tokens
then; a savepoint rolled back over that replacement puts the writes back on the list).

**Which board.** A row saved with ``Model.save()`` inside a transaction is credited to its board:
the model's non-null foreign keys lead there (``Attendance -> meeting -> group -> board``). If
every row the transaction wrote on a table is such a save, only those boards' versions move.
Anything the portal cannot tie to one board moves the shared version, which every board's key
includes: a queryset ``update()`` (``versioned_update``), a deletion, ``bulk_create``, a record
shared by boards (an agency, a person), a statement outside a transaction. So a change never goes
unseen; at worst other boards' pages are made again once. A record is assumed never to move from
one board to another (its board's foreign keys are not editable).

**What it does not see.** Writes that do not go through Django's connection (``psql`` by hand,
another program): run ``python manage.py data_changed`` afterwards. A restored backup needs
nothing: its tokens are those of the state it holds.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections, models, transaction
from django.utils import timezone

#: The version every board's key includes: moved by writes that cannot be tied to one board.
SHARED = 0


def _version_model():
    # Imported late: the backends import this module before the app registry is ready.
    from wscb.data.models import DataVersion

    return DataVersion


#: Models no cached page shows, with the reason; their writes never move a data version.
EXEMPT: dict[str, str] = {
    "wscb.DataVersion": "the data versions themselves",
    "sessions.Session": "sign-in sessions (written on every request)",
    "wscb.UserSession": "the list of a person's sessions (written on every request)",
    "wscb.AuditEvent": "the audit trail (written on views too)",
    "admin.LogEntry": "the back office's own history",
    "axes.AccessAttempt": "sign-in throttling",
    "axes.AccessAttemptExpiration": "sign-in throttling",
    "axes.AccessFailureLog": "sign-in throttling",
    "axes.AccessLog": "sign-in records",
    "otp_totp.TOTPDevice": "second-factor devices (written at every code check)",
    "otp_static.StaticDevice": "backup codes",
    "otp_static.StaticToken": "backup codes",
    "jobs.Job": "background jobs' progress",
    "jobs.WorkerHeartbeat": "workers saying they are alive",
    "django_tasks_database.DBTaskResult": "the task queue's own rows",
    "mail.Email": "the e-mail outbox",
    "wscb.OnceSubmission": "create forms' submits already saved (the record saved moves its board)",
    "contenttypes.ContentType": "Django's model register",
    "auth.Permission": "Django's permission register",
}
#: Tables without a model that are never shown either.
EXEMPT_TABLES = {"django_migrations"}
#: Columns of watched models that no cached page shows: an UPDATE (or a ``save(update_fields=...)``)
#: that sets only these leaves the data versions alone. Signing in writes ``last_login``, which
#: would otherwise make every kept page and laid-out draft file stale at each sign-in.
UNSHOWN_COLUMNS: dict[str, frozenset[str]] = {settings.AUTH_USER_MODEL: frozenset({"last_login"})}
_UPDATE_SET = re.compile(r"\bSET\s+(?P<set>.*?)\s+WHERE\b", re.IGNORECASE | re.DOTALL)
_SET_COLUMN = re.compile(r"""(?:^|,)\s*["`]?(\w+)["`]?\s*=""")

_WRITE = re.compile(
    r"""^\s*(?:
        (?P<insert>INSERT(?:\s+OR\s+\w+)?\s+INTO)
      | (?P<replace>REPLACE\s+INTO)
      | (?P<update>UPDATE(?:\s+OR\s+\w+)?)
      | (?P<delete>DELETE\s+FROM)
      | (?P<truncate>TRUNCATE(?:\s+TABLE)?)
    )\s+(?:ONLY\s+)?["`]?(?P<table>[\w.]+)["`]?""",
    re.IGNORECASE | re.VERBOSE,
)
_WRITE_WORDS = ("INSERT", "UPDATE", "DELETE", "REPLAC", "TRUNCA", "MERGE ", "COPY ")


def exempt(label: str, reason: str) -> None:
    """Leave ``label``'s writes out of the data versions (an app's ``ready()``): only for records no
    cached page shows. The guard test checks that no cached page reads them."""
    EXEMPT[label] = reason
    _tables.cache_clear()


@functools.cache
def _tables() -> tuple[dict[str, type[models.Model]], frozenset[str]]:
    """(table -> model, exempt tables), from the app registry once it is ready."""
    by_table = {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}
    skipped = set(EXEMPT_TABLES)
    for label in EXEMPT:
        try:
            skipped.add(apps.get_model(label)._meta.db_table)
        except LookupError:
            continue  # an optional app that is not installed
    for cache in settings.CACHES.values():
        if cache.get("BACKEND", "").endswith("DatabaseCache"):
            skipped.add(cache["LOCATION"])
    return by_table, frozenset(skipped)


@functools.cache
def _unshown_by_table() -> dict[str, frozenset[str]]:
    return {apps.get_model(label)._meta.db_table: columns for label, columns in UNSHOWN_COLUMNS.items()}


def _sets_only_unshown_columns(match, sql: str, table: str) -> bool:
    """An UPDATE of ``table`` whose SET list names only columns of ``UNSHOWN_COLUMNS``."""
    unshown = _unshown_by_table().get(table)
    if not unshown or not match.group("update"):
        return False
    found = _UPDATE_SET.search(sql)
    columns = set(_SET_COLUMN.findall(found.group("set"))) if found else set()
    return bool(columns) and columns <= unshown


def is_watched(table: str) -> bool:
    """Whether writes to ``table`` move a data version (tables without a model count, to be safe)."""
    return table not in _tables()[1]


# --- what a transaction wrote ------------------------------------------------------------------------
@dataclass
class _Pending:
    rows_written: Counter = field(default_factory=Counter)  # table -> rows written by any statement
    rows_saved: Counter = field(default_factory=Counter)  # table -> rows written by Model.save()
    boards: set[int] = field(default_factory=set)  # boards of the saved rows
    unresolved: dict[type, set] = field(default_factory=dict)  # model -> pks whose board needs a query
    everything: bool = False  # a write that cannot be tied to one board

    def __bool__(self) -> bool:
        return bool(self.rows_written or self.everything)

    def merge(self, other: _Pending) -> None:
        self.rows_written.update(other.rows_written)
        self.rows_saved.update(other.rows_saved)
        self.boards |= other.boards
        for model, pks in other.unresolved.items():
            self.unresolved.setdefault(model, set()).update(pks)
        self.everything |= other.everything


@dataclass
class _State:
    pending: _Pending = field(default_factory=_Pending)
    #: Versions already replaced inside the open transaction (by ``data_version``), with the
    #: savepoints open at the time: rolling back to one of them undoes the replacement.
    replaced: list[tuple[tuple, _Pending]] = field(default_factory=list)
    paused: bool = False  # while migrations run (the table may not exist yet)

    def reset(self) -> None:
        self.pending = _Pending()
        self.replaced = []


def _state(connection) -> _State | None:
    return getattr(connection, "data_changes", None)


def _in_transaction(connection) -> bool:
    return connection.in_atomic_block or not connection.get_autocommit()


def _watch(execute, sql, params, many, context):
    """The execute wrapper of every portal connection: notes writes to watched tables."""
    connection = context["connection"]
    state = _state(connection)
    head = sql.lstrip()[:7].upper()
    if state is None or state.paused or not head.startswith(_WRITE_WORDS):
        return execute(sql, params, many, context)
    match = _WRITE.match(sql)
    table = match.group("table").split(".")[-1] if match else None
    if table is not None and (not is_watched(table) or _sets_only_unshown_columns(match, sql, table)):
        return execute(sql, params, many, context)
    if not _in_transaction(connection):
        # The statement would commit on its own: give it a transaction, so that the version moves
        # in the same commit (SQLite returns no rows from an INSERT outside a transaction, see
        # wscb.data.backends.sqlite3, so nothing is left to fetch after the commit).
        with transaction.atomic(using=connection.alias):
            result = execute(sql, params, many, context)
            _note(state, match, table, _rows(match, sql, params, many, context["cursor"]))
        return result
    result = execute(sql, params, many, context)
    _note(state, match, table, _rows(match, sql, params, many, context["cursor"]))
    return result


_INSERT_COLUMNS = re.compile(r"^\s*INSERT(?:\s+OR\s+\w+)?\s+INTO\s+\S+\s*\(([^)]*)\)\s*VALUES\s*\(", re.IGNORECASE)


def _rows(match, sql: str, params, many: bool, cursor) -> int | None:
    """How many rows a write statement wrote (None: unknown). An INSERT's rows are counted from its
    parameters: SQLite does not know the row count of an INSERT ... RETURNING until its rows are read."""
    if match is not None and match.group("insert"):
        columns = _INSERT_COLUMNS.match(sql)
        if many:
            return len(params) if isinstance(params, list | tuple) else None
        if columns and params is not None:
            width = columns.group(1).count(",") + 1
            return len(params) // width if len(params) % width == 0 else None
    rowcount = getattr(cursor, "rowcount", None)
    return rowcount if isinstance(rowcount, int) and rowcount >= 0 else None


def _note(state: _State, match, table: str | None, rows: int | None) -> None:
    pending = state.pending
    if match is None or table is None or match.group("delete") or match.group("truncate") or rows is None:
        pending.everything = True  # deletions, and statements we cannot read: every board
        pending.rows_written[table or "?"] += 1
        return
    if rows:
        pending.rows_written[table] += rows


def _saved(sender, instance, raw, using, update_fields=None, **kwargs):
    """``post_save``: credit the saved row to its board (inside a transaction; see the module)."""
    connection = connections[using]
    state = _state(connection)
    if state is None or state.paused or not _in_transaction(connection):
        return
    concrete = sender._meta.concrete_model
    unshown = UNSHOWN_COLUMNS.get(concrete._meta.label)
    if update_fields and unshown and set(update_fields) <= unshown:
        return
    tables = {model._meta.db_table for model in (concrete, *concrete._meta.get_parent_list())}
    tables = [table for table in tables if is_watched(table)]
    if not tables:
        return
    pending = state.pending
    for table in tables:
        pending.rows_saved[table] += 1
    board = _board_of(instance)
    if board is _UNRESOLVED:
        pending.unresolved.setdefault(concrete, set()).add(instance.pk)
    elif board is None:
        pending.everything = True
    else:
        pending.boards.add(board)


# --- which board a row belongs to ------------------------------------------------------------------------
_UNRESOLVED = object()
BOARD_MODEL = "partners.Board"


def _board_model():
    return apps.get_model(BOARD_MODEL)


@functools.cache
def board_path(model) -> tuple | None:
    """The foreign keys from ``model`` to its board (``()`` for the board itself), or None for a
    record shared by boards. Non-null foreign keys only, the shortest way, in field order."""
    model = model._meta.concrete_model
    board = _board_model()
    if model is board:
        return ()
    return _path(model, board, frozenset())


def _path(model, board, seen) -> tuple | None:
    keys = [
        field
        for field in model._meta.concrete_fields
        if field.many_to_one or field.one_to_one
        if field.related_model is not None and not field.null
    ]
    direct = [field for field in keys if field.related_model is board]
    if direct:
        return (next((field for field in direct if field.name == "board"), direct[0]),)
    best = None
    for key in keys:
        parent = key.related_model._meta.concrete_model
        if parent in seen or parent is model:
            continue
        rest = _path(parent, board, seen | {model})
        if rest is not None and (best is None or len(rest) + 1 < len(best)):
            best = (key, *rest)
    return best


def _board_of(instance):
    """The board id of a saved row: from its related objects already loaded, else ``_UNRESOLVED``
    (one query per model at commit); None for a record shared by boards."""
    path = board_path(type(instance))
    if path is None:
        return None
    if not path:
        return instance.pk
    current = instance
    for key in path[:-1]:
        if not key.is_cached(current):
            return _UNRESOLVED
        current = key.get_cached_value(current)
    return getattr(current, path[-1].attname)


def _resolve(pending: _Pending, using: str) -> set[int] | None:
    """Boards of the saved rows whose board was not loaded: one query per model (None: a row is gone)."""
    boards = set()
    for model, pks in pending.unresolved.items():
        lookup = "__".join(key.name for key in board_path(model))
        rows = list(model._base_manager.using(using).filter(pk__in=pks).values_list("pk", lookup))
        if len(rows) != len(pks) or any(board is None for _, board in rows):
            return None
        boards.update(board for _, board in rows)
    return boards


def _targets(pending: _Pending, using: str) -> set[int]:
    """The data versions a transaction's writes move."""
    if pending.everything:
        return {SHARED}
    for table, rows in pending.rows_written.items():
        if rows > pending.rows_saved.get(table, 0):
            return {SHARED}  # some rows were written without Model.save(): no board to credit
    boards = set(pending.boards)
    if pending.unresolved:
        found = _resolve(pending, using)
        if found is None:
            return {SHARED}
        boards |= found
    return boards or ({SHARED} if pending.rows_written else set())


def _replace(connection, targets: set[int]) -> None:
    now = timezone.now()
    DataVersion = _version_model()
    DataVersion.objects.using(connection.alias).bulk_create(
        [DataVersion(board_id=board, token=secrets.token_hex(16), changed_at=now) for board in sorted(targets)],
        update_conflicts=True,
        unique_fields=["board_id"],
        update_fields=["token", "changed_at"],
    )


def before_commit(connection) -> None:
    """Replace the versions the transaction moved (the connection's ``_commit`` calls this)."""
    state = _state(connection)
    if state is None or state.paused or not state.pending:
        return
    targets = _targets(state.pending, connection.alias)
    if targets:
        _replace(connection, targets)


def settle(connection) -> None:
    """Replace, now, the versions the open transaction has moved so far, so that its own reads
    see them; remembered in case a savepoint is rolled back over the replacement."""
    state = _state(connection)
    if state is None or state.paused or not state.pending or not _in_transaction(connection):
        return
    targets = _targets(state.pending, connection.alias)
    if targets:
        _replace(connection, targets)
    state.replaced.append((tuple(connection.savepoint_ids), state.pending))
    state.pending = _Pending()


def savepoint_rolled_back(connection, sid) -> None:
    """A savepoint rolled back undid the replacements made inside it: their writes are pending again."""
    state = _state(connection)
    if state is None:
        return
    kept = []
    for savepoints, pending in state.replaced:
        if sid in savepoints:
            state.pending.merge(pending)
        else:
            kept.append((savepoints, pending))
    state.replaced = kept


def mark_changed(*, board_id: int | None = None, using: str = "default") -> None:
    """Note a change the watcher cannot see (made outside Django's connection): the board's version
    moves, or every board's with ``board_id=None``. Inside a transaction it moves at the commit."""
    connection = connections[using]
    with transaction.atomic(using=using):
        state = _state(connection)
        if state is None:
            _replace(connection, {SHARED if board_id is None else board_id})
            return
        if board_id is None:
            state.pending.everything = True
        else:
            state.pending.boards.add(board_id)
            state.pending.rows_written["<marked>"] += 1
            state.pending.rows_saved["<marked>"] += 1


# --- reading it ---------------------------------------------------------------------------------------
def data_version(board, *, using: str = "default") -> str:
    """The state of ``board``'s records (and of those every board shares) as one short string; any
    write to them gives a new one. One query (two more the first time a board is asked about)."""
    connection = connections[using]
    settle(connection)
    board_id = board if isinstance(board, int) else board.pk
    wanted = [SHARED, board_id]
    DataVersion = _version_model()
    tokens = dict(DataVersion.objects.using(using).filter(board_id__in=wanted).values_list("board_id", "token"))
    if len(tokens) < len(set(wanted)):
        now = timezone.now()
        DataVersion.objects.using(using).bulk_create(
            [DataVersion(board_id=b, token=secrets.token_hex(16), changed_at=now) for b in wanted if b not in tokens],
            ignore_conflicts=True,
        )
        tokens = dict(DataVersion.objects.using(using).filter(board_id__in=wanted).values_list("board_id", "token"))
    return f"{tokens[SHARED]}.{tokens[board_id]}"


#: What the code version is made of: the project's code, templates and static files, and the pins.
_CODE_SUFFIXES = {".py", ".html", ".txt", ".css", ".js", ".json", ".md"}
_SKIPPED_FOLDERS = {".venv", "node_modules", "staticfiles", "media", "tests", "docs", ".git", "__pycache__"}


@functools.cache
def code_version() -> str:
    """A hash of the code, templates and static files that make pages (computed once per process),
    so that a deployment never shows pages the old code made. The same on every server that runs
    the same code."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for path in sorted(_code_files(root)):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _code_files(root: Path):
    for entry in root.iterdir():
        if entry.name in _SKIPPED_FOLDERS or entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _code_files(entry)
        elif entry.suffix in _CODE_SUFFIXES and entry.is_file():
            yield entry


# --- wiring -----------------------------------------------------------------------------------------------
class WatchedConnection:
    """Mixed into the portal's database backends: the execute wrapper and the commit hooks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.data_changes = _State()
        self.execute_wrappers.append(_watch)

    def _commit(self):
        try:
            before_commit(self)
            return super()._commit()
        finally:
            self.data_changes.reset()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self.data_changes.reset()

    def _savepoint_rollback(self, sid):
        super()._savepoint_rollback(sid)
        savepoint_rolled_back(self, sid)

    def _close(self):
        try:
            return super()._close()
        finally:
            self.data_changes.reset()


def on_pre_migrate(using="default", **kwargs):
    state = _state(connections[using])
    if state is not None:
        state.paused = True


def on_post_migrate(using="default", **kwargs):
    """Migrations may change records: every board's pages are made again (once the table exists)."""
    connection = connections[using]
    state = _state(connection)
    if state is None or not state.paused:
        return
    state.paused = False
    state.reset()
    if _version_model()._meta.db_table in connection.introspection.table_names():
        with transaction.atomic(using=using):
            _replace(connection, {SHARED})


def connect_signals() -> None:
    from django.db.models.signals import post_migrate, post_save, pre_migrate

    post_save.connect(_saved, dispatch_uid="wscb-data-changes-saved")
    pre_migrate.connect(on_pre_migrate, dispatch_uid="wscb-data-changes-pre-migrate")
    post_migrate.connect(on_post_migrate, dispatch_uid="wscb-data-changes-post-migrate")
