"""Which boards a user works for, and which one they are looking at now."""

from django.db.models import QuerySet
from django.utils.functional import SimpleLazyObject

from partners.models import Board

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
    """The board chosen in this session if the user may see it, else their first board.

    Anonymous visitors see the installation's only board (for the sign-in page's heading)
    when there is exactly one; with several, none is named before sign-in.
    """
    if not request.user.is_authenticated:
        only = list(Board.objects.filter(is_active=True)[:2])
        return only[0] if len(only) == 1 else None
    boards = available_boards(request)
    chosen = request.session.get(SESSION_KEY)
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
    """Make ``board_id`` the session's board if the user works for it; returns it or None."""
    board = boards_for(request.user).filter(pk=board_id).first()
    if board is not None:
        request.session[SESSION_KEY] = board.pk
    return board


class CurrentBoardMiddleware:
    """Sets ``request.board``: the board the user is working for (chosen in the header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.board = SimpleLazyObject(lambda: current_board(request))
        return self.get_response(request)
