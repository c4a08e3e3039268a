"""The board's own word in templates: ``{% load board_words %}``.

- ``{{ board_term }}`` (every page's context): "Board" or "Partnership"; ``{{ board_term|lower }}``
  inside a sentence.
- ``{{ text|termed:board }}``: a fixed label that names the board ("Advisor to the Board",
  "Board member", a group kind) in the board's word.
- ``{% role_label user %}``: the user's role as the board says it ("Partnership member").
"""

from django import template

from wscb.boards import board_term, board_words
from wscb.roles import role_label as _role_label

register = template.Library()


@register.filter
def termed(text, board):
    """``text`` with "Board"/"board" in ``board``'s own word (unchanged for a Board)."""
    return board_words(str(text), board)


@register.simple_tag(takes_context=True)
def role_label(context, user) -> str:
    return _role_label(getattr(user, "role", ""), board_term(context.get("board")))
