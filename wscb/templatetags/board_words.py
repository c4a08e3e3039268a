"""The board's own word in templates: ``{% load board_words %}``.

- ``{{ board_term }}`` (every page's context, wscb/context_processors.py): "Board" or
  "Partnership"; ``{{ board_term|lower }}`` inside a sentence.
- ``{{ text|termed:board }}``: a fixed text that names the board ("Boards", "Advisor to the Board")
  in ``board``'s word. Choice labels and verbose names made with ``wscb.words.termed`` need nothing:
  ``{{ member.get_status_display }}`` already reads "Advisor to the Partnership" for a partnership.
"""

from django import template

from wscb.boards import board_words

register = template.Library()


@register.filter
def termed(text, board):
    """``text`` with "Board"/"board" in ``board``'s own word (unchanged for a Board)."""
    return board_words(str(text), board)
