"""Counts in words with the right plural: ``counted(1, "agency", "agencies")`` is "1 agency".

Templates use Django's ``pluralize`` (``{{ n }} agenc{{ n|pluralize:"y,ies" }}``); Python texts (messages,
e-mails, audit details) use this, so no text says "1 agencies".
"""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun: ``singular`` for exactly one, else ``plural`` (default: ``singular`` + "s")."""
    noun = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {noun}"
