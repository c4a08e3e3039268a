"""Boards kept apart: every model that belongs to a board reads only the current board's rows.

A model that belongs to a board, directly or through a parent, declares how to reach it::

    class Meeting(models.Model):
        group = models.ForeignKey(Group, ...)
        objects = BoardScopedManager("group__board")

Every request runs inside ``board_scope(request.board)`` (``wscb.boards.CurrentBoardMiddleware``),
so ``Meeting.objects.all()``, related managers (``group.meetings``), form choices, the back
office's change lists and autocompletes, and import-export's row lookups all see only that
board's meetings. Outside any scope a query on a scoped model raises ``ScopeError`` instead of
returning every board's rows, so a forgotten scope fails loudly (in tests, in a task, in a
command). Code that must see every board says so::

    with scopes_disabled():          # management commands, the demo loader, migrations' helpers
        ...
    with board_scope(board):         # a background task or command working for one board
        ...

Why not django-scopes (the same idea, pretix's library): it filters through the lookup path
(``group__board=...``), which Django turns into ``UPDATE ... WHERE id IN (SELECT ... JOIN ...)``
for an update on a child row. PostgreSQL does not re-run that sub-select when a concurrent
writer commits first, so ``versioned_update``'s "update where version = n" would let both of two
racing saves through. Here the filter is a sub-select on the row's *own* foreign key
(``group_id IN (SELECT id FROM group WHERE board_id = 1)``): an UPDATE stays a single-table
statement whose ``version = n`` condition PostgreSQL re-checks on the committed row.

``BoardScopedManager`` is the default manager (``objects``); the base manager Django uses for
``save()``, deletion cascades and ``instance.related_object`` stays unscoped, so writing a row
or following a foreign key never depends on the scope. A queryset takes the scope in force when
it is made; one made with no scope (a ModelForm's choice field, made at import time) takes the
scope in force when it is first copied or run, and raises if there is still none.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import models
from django.db.models import Q

__all__ = [
    "BoardScopedManager",
    "BoardScopedQuerySet",
    "ScopeError",
    "board_scope",
    "current_scope_board",
    "current_scope_board_id",
    "is_board_scoped",
    "scopes_disabled",
]


class ScopeError(Exception):
    """A board-scoped model was queried with no board scope and scoping not disabled."""


class _Disabled:
    def __repr__(self) -> str:
        return "<scopes disabled>"


DISABLED = _Disabled()


class _Scope:
    """The board in force; given as a Board, its pk, None (nothing visible) or a callable returning one."""

    __slots__ = ("_board", "_board_id", "_resolved")

    def __init__(self, board):
        self._board = board
        self._resolved = False
        self._board_id = None

    def _resolve(self) -> None:
        if not self._resolved:
            if callable(self._board):
                self._board = self._board()
            board = self._board
            self._board_id = board if board is None or isinstance(board, int) else getattr(board, "pk", None)
            self._resolved = True

    @property
    def board_id(self) -> int | None:
        self._resolve()
        return self._board_id

    @property
    def board(self):
        """The board given (None if it was given by its id or as None)."""
        self._resolve()
        return None if isinstance(self._board, int) else self._board


_state: contextvars.ContextVar[object] = contextvars.ContextVar("board_scope", default=None)


@contextmanager
def board_scope(board) -> Iterator[None]:
    """Scoped models see only ``board``'s rows inside the block (None: no rows at all).

    ``board`` may be a zero-argument callable, resolved when a scoped model is first queried
    (the request's board is read only by pages that need it).
    """
    token = _state.set(_Scope(board))
    try:
        yield
    finally:
        _state.reset(token)


@contextmanager
def scopes_disabled() -> Iterator[None]:
    """Scoped models see every board's rows inside the block: say why where you use it."""
    token = _state.set(DISABLED)
    try:
        yield
    finally:
        _state.reset(token)


def current_scope_board():
    """The board in force (None with no board, scoping disabled, no scope, or a board given by id)."""
    state = _state.get()
    return state.board if isinstance(state, _Scope) else None


def current_scope_board_id() -> int | None:
    """The board id in force (None with no board, scoping disabled or no scope)."""
    state = _state.get()
    return state.board_id if isinstance(state, _Scope) else None


def is_board_scoped(model) -> bool:
    """Whether ``model`` keeps its rows per board (its default manager is a ``BoardScopedManager``)."""
    return isinstance(model._default_manager, BoardScopedManager)


def board_filter(model, board_id: int | None) -> Q:
    """The condition "belongs to board ``board_id``" for ``model``, as a sub-select on its own column."""
    rule = getattr(model, "_board_scope_rule", None)
    if rule is None:
        raise ScopeError(f"{model._meta.label} has no board scope rule.")
    if board_id is None:
        return Q(pk__in=[])
    if callable(rule):
        return rule(board_id)
    first, _, rest = rule.partition("__")
    field = model._meta.get_field(first)
    if not rest:
        return Q(**{field.attname: board_id})
    parent = field.related_model
    return Q(**{f"{field.attname}__in": parent._base_manager.filter(**{f"{rest}_id": board_id}).values("pk")})


def _no_scope_error(model) -> ScopeError:
    return ScopeError(
        f"{model._meta.label} was queried outside a board scope. Run it inside "
        "wscb.scoping.board_scope(board), or scopes_disabled() where every board's rows are meant."
    )


class BoardScopedQuerySet(models.QuerySet):
    """A queryset of a scoped model.

    Made inside a board's scope it is filtered at once and remembers the board: used later while
    *another* board's scope is in force, it raises rather than show that board the first one's rows.
    Made with no board in force (at import time, as a ModelForm's choice field is; or with scoping
    disabled) it is *pending*: it takes the scope in force when it is copied (``.all()``,
    ``.filter()``), read as a sub-query or run; run with scoping disabled it sees every board, and
    run with no scope at all it raises ``ScopeError``. ``every_board()`` is the explicit, lasting
    "every board's rows" for code that says so on purpose.
    """

    _scope_pending = False
    _scope_board = None  # the board id whose filter the queryset carries
    _every_board = False

    def _check_scope(self) -> None:
        if self._scope_pending and _state.get() is None:
            raise _no_scope_error(self.model)
        self._check_board()

    def _check_board(self) -> None:
        state = _state.get()
        if self._scope_board is not None and isinstance(state, _Scope) and state.board_id != self._scope_board:
            raise ScopeError(
                f"A {self.model._meta.label} queryset made for board #{self._scope_board} was used for board "
                f"#{state.board_id}: make querysets where they are used (not at import time in a request)."
            )

    @property
    def query(self):
        if self._scope_pending:
            state = _state.get()
            if isinstance(state, _Scope):
                cache = self.__dict__.setdefault("_scope_queries", {})
                if state.board_id not in cache:
                    query = super().query.chain()
                    query.add_q(board_filter(self.model, state.board_id))
                    cache[state.board_id] = query
                return cache[state.board_id]
        return super().query

    @query.setter
    def query(self, value):
        self.__dict__.pop("_scope_queries", None)
        if value.values_select:
            from django.db.models.query import ValuesIterable

            self._iterable_class = ValuesIterable
        self._query = value

    def _clone(self):
        self._check_board()
        state = _state.get()
        if self._scope_pending and isinstance(state, _Scope):
            clone = super()._clone()  # built from the scoped query: no longer pending
            clone._scope_board = state.board_id
            return clone
        if not self._scope_pending:
            clone = super()._clone()
            clone._scope_board, clone._every_board = self._scope_board, self._every_board
            return clone
        self._scope_pending = False
        try:
            clone = super()._clone()
        finally:
            self._scope_pending = True
        clone._scope_pending = True
        return clone

    def every_board(self) -> BoardScopedQuerySet:
        """Every board's rows, whatever scope is in force where it is used (say why where you use it)."""
        if self._scope_board is not None:
            raise ScopeError(f"This {self.model._meta.label} queryset is already filtered for one board.")
        pending, self._scope_pending = self._scope_pending, False
        try:
            clone = super()._clone()
        finally:
            self._scope_pending = pending
        clone._every_board = True
        return clone

    # Everything that runs SQL (or hands the query to another one) checks for a scope first.
    def _fetch_all(self):
        self._check_scope()
        super()._fetch_all()

    def _iterator(self, use_chunked_fetch, chunk_size):
        self._check_scope()
        yield from super()._iterator(use_chunked_fetch, chunk_size)

    def count(self):
        self._check_scope()
        return super().count()

    def exists(self):
        self._check_scope()
        return super().exists()

    def contains(self, obj):
        self._check_scope()
        return super().contains(obj)

    def aggregate(self, *args, **kwargs):
        self._check_scope()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs):
        self._check_scope()
        return super().update(**kwargs)

    def _update(self, values):
        self._check_scope()
        return super()._update(values)

    def delete(self):
        self._check_scope()
        return super().delete()

    def _raw_delete(self, using):
        self._check_scope()
        return super()._raw_delete(using)

    def explain(self, *, format=None, **options):
        self._check_scope()
        return super().explain(format=format, **options)

    def resolve_expression(self, *args, **kwargs):
        self._check_scope()
        return super().resolve_expression(*args, **kwargs)

    resolve_expression.queryset_only = True

    def _combinator_query(self, combinator, *other_qs, all=False):
        self._check_scope()
        for other in other_qs:
            if isinstance(other, BoardScopedQuerySet):
                other._check_scope()
        return super()._combinator_query(combinator, *other_qs, all=all)


class BoardScopedManager(models.Manager.from_queryset(BoardScopedQuerySet)):
    """The default manager of a model that belongs to a board.

    ``rule`` is the lookup path to the board (``"board"``, ``"group__board"``,
    ``"session__course__board"``) or a callable ``board_id -> Q`` for a model linked to boards
    another way (an agency, through its memberships). Related managers (``group.meetings``) are
    built from this class, so they are scoped too.
    """

    def __init__(self, rule: str | Callable[[int], Q] | None = None):
        super().__init__()
        self._rule = rule

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        if self._rule is not None:
            cls._board_scope_rule = self._rule

    def every_board(self) -> BoardScopedQuerySet:
        """Every board's rows, whatever scope is in force where it is used (say why where you use it)."""
        queryset = super().get_queryset()
        queryset._every_board = True
        return queryset

    def get_queryset(self):
        queryset = super().get_queryset()
        state = _state.get()
        if isinstance(state, _Scope):
            queryset._query.add_q(board_filter(self.model, state.board_id))
            queryset._scope_board = state.board_id
        else:
            queryset._scope_pending = True  # disabled or no scope: the scope in force when it is used
        return queryset
