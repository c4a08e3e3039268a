"""Money in pounds, read the same way from a form and from a spreadsheet.

``parse_pounds`` accepts what people type for pounds and pence: ``1234.50``, ``1,234.50``,
``£1,234.50``, ``1234`` (and a number cell of a spreadsheet). It refuses anything that could mean
two amounts: ``12,50`` (a decimal comma, or a thousands comma in the wrong place), ``1.234,50``,
``1e3``, more than two decimal places. ``PoundsField`` is the form field that uses it, so a form and
an import of the same record accept exactly the same amounts; the limits (not negative, the number
of digits) are the model field's validators, which both apply.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

_POUNDS = re.compile(r"^(?P<sign>-?)\s*£?\s*(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<pence>\d{1,2}))?$")
EXAMPLE = "such as 1234.50 or £1,234.50"


def parse_pounds(value) -> Decimal:
    """A ``Decimal`` with two places, or ``ValueError`` naming what was given and an example."""
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        text = repr(value) if isinstance(value, float) else str(value)
    else:
        text = str(value if value is not None else "").strip().replace("\xa0", "").replace(" ", "")
    match = _POUNDS.match(text)
    if not match:
        if re.fullmatch(r"-?£?\d+(\.\d+)?", text):
            raise ValueError(f"“{value}” has more than two decimal places; give pounds and pence, {EXAMPLE}.")
        raise ValueError(f"“{value}” is not an amount in pounds {EXAMPLE}.")
    try:
        amount = Decimal(f"{match['sign']}{match['whole'].replace(',', '')}.{match['pence'] or '0'}")
    except InvalidOperation:
        raise ValueError(f"“{value}” is not an amount in pounds {EXAMPLE}.") from None
    return amount.quantize(Decimal("0.01"))


class PoundsField(forms.DecimalField):
    """A ``DecimalField`` that reads amounts with ``parse_pounds`` (commas, a pound sign)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", False)
        super().__init__(*args, **kwargs)
        self.widget.input_type = "text"
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.pop("step", None)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_pounds(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None
