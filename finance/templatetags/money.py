"""Money for display: whole pounds with thousands separators. The only place amounts are rounded."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

DASH = "\u2013"  # shown for "no figure"
MINUS = "\u2212"  # a true minus sign reads better than a hyphen


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def pounds(value) -> str:
    """208422.40 -> "208,422"; half a pound rounds up (away from zero); None -> a dash."""
    amount = _decimal(value)
    if amount is None:
        return DASH
    whole = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{whole:,}".replace("-", MINUS)


@register.filter
def pounds_and_pence(value) -> str:
    """1234.5 -> "£1,234.50"; for single lines, where the pence matter."""
    amount = _decimal(value)
    if amount is None:
        return DASH
    exact = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = MINUS if exact < 0 else ""
    return f"{sign}£{abs(exact):,}"


@register.filter
def signed_pounds(value) -> str:
    """A difference: "+1", "-399" (with a minus sign), "0"."""
    amount = _decimal(value)
    if amount is None:
        return DASH
    text = pounds(amount)
    return f"+{text}" if amount.quantize(Decimal(1), rounding=ROUND_HALF_UP) > 0 else text


@register.filter
def at(sequence, index):
    """``row.amounts|at:forloop.counter0`` in templates."""
    try:
        return sequence[index]
    except (IndexError, TypeError, KeyError):
        return None
