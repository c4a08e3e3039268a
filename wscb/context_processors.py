"""Template context every page needs: the current board, its wording and the user's role."""

from wscb.boards import available_boards


def portal(request):
    user = getattr(request, "user", None)
    board = getattr(request, "board", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "board": board,
        "board_term": board.term if board else "Board",
        "available_boards": available_boards(request) if signed_in else [],
        "role": user.role if signed_in else None,
    }
