"""Live figures in narrative text: ``{{ training.places_attended }}`` and the numbers typed instead.

The syntax is deliberately small and is not a template language: a name in double braces, letters,
digits, ``_``, ``-`` and ``.`` only. ``resolve`` replaces each name with the figure's value as plain
text (Markdown characters escaped), before the text is turned into HTML by ``render_markdown``, which
removes any HTML. Nothing is evaluated: no attributes, filters, tags or calls, so user text cannot reach
Django's template engine or any object. A name the report does not have becomes "[no figure: name]"
and the readiness check lists it; a figure that is not recorded prints "not recorded".

A list figure (``priorities.list``) on a line of its own becomes a numbered list.

``typed_numbers`` finds the numbers typed into a text (years, year ranges, dates, list numbering and
heading numbers left out) so business support can replace them with live figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9][a-z0-9_.\-]*)\s*\}\}")
_ANY_BRACES = re.compile(r"\{\{(.*?)\}\}")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")
NOT_RECORDED = "not recorded"


@dataclass(frozen=True)
class Figure:
    """A figure the report computes or holds, by the name narrative uses for it."""

    name: str
    value: object  # int, Decimal, str, list[str] or None (not recorded)
    label: str  # what it is, for the list beside the editor
    kind: str = "count"  # count / percent / money / text / list

    @property
    def display(self) -> str:
        return format_value(self.value, self.kind)


def format_value(value, kind: str = "count") -> str:
    if value is None:
        return NOT_RECORDED
    if kind == "list":
        return "; ".join(str(item) for item in value)
    if kind == "money":
        amount = Decimal(value)
        return f"£{amount:,.0f}" if amount == amount.to_integral() else f"£{amount:,.2f}"
    if kind == "percent":
        return f"{_number(value)}%"
    if kind == "text":
        return str(value)
    return _number(value)


def _number(value) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    amount = Decimal(value)
    if amount == amount.to_integral():
        return f"{int(amount):,}"
    return f"{amount.normalize():,f}"


def _escape(text: str) -> str:
    """Plain text for Markdown: HTML characters as entities, Markdown's own characters backslashed."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def names_used(text: str) -> list[str]:
    """The placeholder names in ``text``, in order, each once."""
    seen: dict[str, None] = {}
    for match in PLACEHOLDER.finditer(text or ""):
        seen.setdefault(match.group(1), None)
    return list(seen)


def malformed(text: str) -> list[str]:
    """Double-brace passages that are not a valid placeholder (for example ``{{ a b }}``)."""
    return [match.group(0) for match in _ANY_BRACES.finditer(text or "") if not PLACEHOLDER.fullmatch(match.group(0))]


def resolve(text: str, figures: dict[str, Figure]) -> str:
    """``text`` with every placeholder replaced by its figure's value (Markdown-escaped plain text)."""
    if not text or "{{" not in text:
        return text or ""
    lines = []
    for line in text.split("\n"):
        alone = PLACEHOLDER.fullmatch(line.strip())
        if alone and alone.group(1) in figures and figures[alone.group(1)].kind == "list":
            items = figures[alone.group(1)].value or []
            lines.extend(f"{number}. {_escape(str(item))}" for number, item in enumerate(items, start=1))
            continue
        lines.append(PLACEHOLDER.sub(lambda match: _replacement(match.group(1), figures), line))
    return "\n".join(lines)


def _replacement(name: str, figures: dict[str, Figure]) -> str:
    figure = figures.get(name)
    if figure is None:
        return _escape(f"[no figure: {name}]")
    return _escape(figure.display)


# --- numbers typed into text -----------------------------------------------------------------------
@dataclass(frozen=True)
class TypedNumber:
    number: str
    context: str  # the words around it


_NUMBER = re.compile(r"(?<![\w.,/£-])£?\d(?:[\d,]*\d)?(?:\.\d+)?%?(?![\w/])")
_YEAR = re.compile(r"^(19|20)\d\d$")
_SKIPPED_SPANS = (
    re.compile(r"\b(19|20)\d\d\s*[-\u2013/]\s*(19|20)?\d\d\b"),  # 2016-17, 2016/2017, 2017 - 2018
    re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"),  # 16/3/17, 30.06.17
    re.compile(
        r"\b\d{1,2}(st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|"
        r"October|November|December)\b",
        re.IGNORECASE,
    ),
    PLACEHOLDER,
)
_LINE_NUMBERING = re.compile(r"^\s*(#+\s*)?(\d+[.)]|[-*+])\s+")


def typed_numbers(text: str) -> list[TypedNumber]:
    """Numbers typed into ``text`` that could be figures: not years, year ranges, dates, the numbering
    of a list or heading, or placeholders."""
    found = []
    for line in (text or "").splitlines():
        body = _LINE_NUMBERING.sub(lambda m: " " * len(m.group(0)), line)
        for pattern in _SKIPPED_SPANS:
            body = pattern.sub(lambda m: " " * len(m.group(0)), body)
        for match in _NUMBER.finditer(body):
            token = match.group(0)
            digits = token.strip("£%").replace(",", "")
            if _YEAR.match(digits) and "," not in token and "%" not in token:
                continue
            start, end = max(0, match.start() - 40), min(len(line), match.end() + 40)
            context = line[start:end].strip()
            found.append(TypedNumber(token, ("…" if start else "") + context + ("…" if end < len(line) else "")))
    return found
