"""Which boards a user works for, which one they are working in now, and the board's words.

A signed-in user works in one board at a time: the one chosen in the header's switcher this
session, else the one they used last (``User.last_board``, kept by the switcher), else their
first. Every request runs inside that board's scope (``wscb.scoping``), so scoped models show its
rows only. ``board_words`` and the ``board_term`` template variable put the board's own word
("Board" or "Partnership") into text.
"""

from django.db.models import QuerySet
from django.utils.functional import SimpleLazyObject

from partners.models import Board, User
from wscb.scoping import board_scope
from wscb.words import DEFAULT_TERM
from wscb.words import board_words as _board_words

SESSION_KEY = "board_id"


def boards_for(user) -> QuerySet[Board]:
    """Administrators see every active board; everyone else the boards they are assigned to."""
    if not user.is_authenticated:
        return Board.objects.none()
    boards = Board.objects.filter(is_active=True)
    if user.is_administrator:
        return boards
    return boards.filter(users=user)


def current_board(request) -> Board | None:
    """The board chosen in this session if the user may see it, else the one they used last, else
    their first board.

    Anonymous visitors see the installation's only board (for the sign-in page's heading)
    when there is exactly one; with several, none is named before sign-in.
    """
    if not request.user.is_authenticated:
        only = list(Board.objects.filter(is_active=True)[:2])
        return only[0] if len(only) == 1 else None
    boards = available_boards(request)
    for chosen in (request.session.get(SESSION_KEY), request.user.last_board_id):
        for board in boards:
            if board.pk == chosen:
                return board
    return boards[0] if boards else None


def available_boards(request) -> list[Board]:
    """The boards the signed-in user works for, read once per request (header and current board)."""
    if not hasattr(request, "_available_boards"):
        request._available_boards = list(boards_for(request.user))
    return request._available_boards


def board_switch(*, request, board_id: int) -> Board | None:
    """Make ``board_id`` the session's board if the user works for it, and the one they start in
    next time; returns it or None."""
    board = boards_for(request.user).filter(pk=board_id).first()
    if board is not None:
        request.session[SESSION_KEY] = board.pk
        if request.user.last_board_id != board.pk:
            User._base_manager.filter(pk=request.user.pk).update(last_board=board)
            request.user.last_board = board
    return board


def board_term(board) -> str:
    """The board's word for itself, "Board" when there is no board."""
    return getattr(board, "term", None) or DEFAULT_TERM


def board_words(text: str, board) -> str:
    """``text`` with every whole word "Board"/"board" in ``board``'s own word (``wscb.words``)."""
    return _board_words(text, board_term(board))


class CurrentBoardMiddleware:
    """Sets ``request.board`` (the board the user is working in) and runs the request in its scope."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Import every view (and so every form) now, outside any board's scope: a choice field's
        # queryset made at import time must wait for the scope of the request that uses it, not be
        # made inside the first request's scope (Django imports the URLconf on first use).
        import importlib

        from django.conf import settings

        importlib.import_module(settings.ROOT_URLCONF)

    def __call__(self, request):
        request.board = SimpleLazyObject(lambda: current_board(request))
        with board_scope(lambda: request.board):
            return self.get_response(request)


def board_public_slug(board) -> str:
    """The board's part of its public addresses (published reports, the training catalogue): its short
    name as a slug ("wscb")."""
    from django.utils.text import slugify

    return slugify(board.short_name)


def public_board_get(*, slug: str) -> Board:
    """The active board whose short name gives ``slug``; 404 otherwise (or if two boards share it)."""
    from django.http import Http404

    matches = [board for board in Board.objects.filter(is_active=True) if board_public_slug(board) == slug]
    if len(matches) != 1:
        raise Http404("No such board.")
    return matches[0]
