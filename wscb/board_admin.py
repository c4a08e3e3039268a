"""The back office's half of keeping boards apart: ``BoardScopedModelAdmin`` and ``BoardScopedInline``.

Every ModelAdmin (and inline) of a model that belongs to a board uses them
(``tests/wscb/test_boards_kept_apart_in_the_back_office.py`` fails for one that does not). The rows
themselves are scoped by the model's ``BoardScopedManager`` (``wscb.scoping``) inside the request's
board scope, so the change list, change form, history, deletion, actions, autocompletes, choice
fields and import-export all see the current board's rows only. On top of that these bases:

- show the board as a fixed field: a new record belongs to the board the user is working in,
  and no other board is offered (nor named in a list filter);
- offer as users only those who work for the current board;
- answer 404, not "perhaps it was deleted", for a record of another board (or none).
"""

from __future__ import annotations

from django.http import Http404

from partners.models import Board, User
from wscb.boards import board_term


def board_users(board):
    """The users who work for ``board`` (none without a board)."""
    if board is None:
        return User.objects.none()
    return User.objects.filter(boards=board).order_by("full_name")


def _current_board(request):
    board = getattr(request, "board", None)
    return board if board else None


class BoardChoicesMixin:
    """Choice fields of a board's record: the board fixed to the current one, users of the board."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        board = _current_board(request)
        if db_field.related_model is Board:
            kwargs["queryset"] = Board.objects.filter(pk=board.pk) if board else Board.objects.none()
            kwargs["initial"] = board
            kwargs["disabled"] = True
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label = board_term(board)
            if board:
                field.help_text = (
                    f"Records are kept for {board.name}, the {board_term(board).lower()} you are working in."
                )
            return field
        if db_field.related_model is User:
            kwargs["queryset"] = board_users(board)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        board = _current_board(request)
        if db_field.related_model is Board:
            kwargs["queryset"] = Board.objects.filter(pk=board.pk) if board else Board.objects.none()
        elif db_field.related_model is User:
            kwargs["queryset"] = board_users(board)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class MissingIs404:
    """A record the user may not see (another board's, or none) is "not found", not a redirect
    saying it may have been deleted: the same answer the portal's pages give."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404(f"No {opts.verbose_name} with that number here.")


class BoardScopedModelAdmin(MissingIs404, BoardChoicesMixin):
    """Mixin for the ModelAdmin of a model that belongs to a board (put it before ``admin.ModelAdmin``)."""

    def get_list_filter(self, request):
        # One board at a time: a filter by board would only name the others.
        return [item for item in super().get_list_filter(request) if not _names_board(item)]

    def get_list_display(self, request):
        return [item for item in super().get_list_display(request) if item != "board"]


class BoardScopedInline(BoardChoicesMixin):
    """Mixin for an inline of a model that belongs to a board."""


def _names_board(item) -> bool:
    name = item[0] if isinstance(item, tuple | list) else item
    return isinstance(name, str) and (name == "board" or name.endswith("__board"))
