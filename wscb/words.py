"""The board's own word in fixed texts: "Board" or "Partnership" (``Board.term``) is data.

- ``board_words(text, term)``: ``text`` with every whole word "Board"/"board" (and plurals) in the
  board's word ("Advisor to the Board" -> "Advisor to the Partnership").
- ``termed(text)``: the same, lazily, for the board in force when the text is shown (the request's
  board, or the one a task or command works for: ``wscb.scoping.board_scope``). Use it for choice
  labels, verbose names and help texts that name the board, as one would use ``gettext_lazy``::

      ADVISOR = "advisor", termed("Advisor to the Board")

  Outside any board it reads "Board". Text a board writes for itself (its narrative) is never changed.

Templates have ``{{ board_term }}`` and the ``termed`` filter (``{% load board_words %}``); see the README.
"""

from __future__ import annotations

import re

from django.utils.functional import lazy

from wscb.scoping import current_scope_board

DEFAULT_TERM = "Board"
_BOARD_WORD = re.compile(r"\b(Boards|boards|Board|board|BOARD)\b")


def board_words(text: str, term: str | None) -> str:
    """``text`` with the whole words "Board"/"board" (and "Boards"/"boards") in the board's ``term``."""
    term = term or DEFAULT_TERM
    if term == DEFAULT_TERM or not text:
        return str(text)
    plural = term if term.endswith("s") else f"{term}s"

    def replace(match):
        word = match.group(1)
        if word == "BOARD":
            return term.upper()
        chosen = plural if word.lower() == "boards" else term
        return chosen if word[0].isupper() else chosen.lower()

    return _BOARD_WORD.sub(replace, str(text))


def current_term() -> str:
    """The word of the board in force ("Board" when there is none)."""
    return getattr(current_scope_board(), "term", None) or DEFAULT_TERM


def _termed(text) -> str:
    return board_words(str(text), current_term())


#: ``termed("Advisor to the Board")``: a lazy text in the word of the board in force when it is shown.
termed = lazy(_termed, str)
