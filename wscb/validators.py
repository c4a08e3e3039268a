"""Validators for names that end up in places other than a page: file names, headers, e-mail subjects."""

import re

from django.core.exceptions import ValidationError

_SHORT_NAME = re.compile(r"^[^\W_](?:[\w &'\u2019().,+-]*[^\W_)]|[\w &'\u2019().,+-]*\))?\Z")


def validate_short_name(value: str) -> None:
    """A short name (a board's "WSCB") is printed in download file names, the back office's header
    and e-mail subjects: letters, digits, spaces and a few harmless marks, starting and ending with a
    letter or digit; no quotes, semicolons, slashes or line breaks, which could break a header."""
    if not _SHORT_NAME.match(value or ""):
        raise ValidationError(
            "Use letters, digits, spaces and & ' ( ) . , + - only, starting and ending with a letter or digit.",
            code="short_name",
        )
