"""Template helpers for the start pages."""

from django import template

from training.selectors import sessions_awaiting_attendance

register = template.Library()


@register.simple_tag
def training_sessions_awaiting_attendance(board) -> int:
    """How many of the board's past sessions are neither marked delivered nor cancelled."""
    return sessions_awaiting_attendance(board=board).count() if board else 0
