"""Reporting years: 1 April to 31 March, labelled like "2016/17". Pure, no database."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

FIRST_MONTH = 4  # April

_LABEL = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")
_ASCII_YEAR = re.compile(r"^[0-9]{4}$")

#: The years a page may be asked for (in a query or a URL): wide enough for any board's records,
#: narrow enough that the years a page shows around one (three before it in a report, ten in a year
#: chooser) are still reporting years. Outside it a page uses its default year, or answers 404.
USABLE_FIRST, USABLE_LAST = 1950, 2150


@dataclass(frozen=True, order=True)
class ReportingYear:
    """The reporting (and financial) year that starts on 1 April of ``start_year``."""

    start_year: int

    def __post_init__(self):
        if not 1900 <= self.start_year <= 2200:
            raise ValueError(f"{self.start_year} is not a plausible reporting year.")

    @classmethod
    def containing(cls, day: date) -> ReportingYear:
        """The year that contains ``day``: 31 March belongs to the year before, 1 April starts one."""
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @classmethod
    def current(cls) -> ReportingYear:
        return cls.containing(timezone.localdate())

    @classmethod
    def from_label(cls, label: str) -> ReportingYear:
        """Parse "2016/17", "2016-17" or "2016/2017"; the second year must follow the first."""
        match = _LABEL.match(label.strip())
        if not match:
            raise ValueError(f"{label!r} is not a reporting year such as 2016/17.")
        first, second = int(match.group(1)), match.group(2)
        expected = str(first + 1)
        if second not in (expected, expected[-2:]):
            raise ValueError(f"{label!r}: the second year must be the year after the first.")
        return cls(first)

    @classmethod
    def from_query(cls, value, *, default: ReportingYear | None = None) -> ReportingYear | None:
        """The year a query parameter or URL asks for: "2016/17", "2016-17", "2016/2017" or "2016",
        in ASCII digits, between ``USABLE_FIRST`` and ``USABLE_LAST``; anything else (``9999``,
        ``٣٣٣٣``, ``abc``, a NUL) gives ``default``. Use it for every year read from a request."""
        text = str(value if value is not None else "").strip()
        if not text.isascii():
            return default
        try:
            year = cls(int(text)) if _ASCII_YEAR.match(text) else cls.from_label(text)
        except ValueError:
            return default
        return year if USABLE_FIRST <= year.start_year <= USABLE_LAST else default

    @property
    def start(self) -> date:
        return date(self.start_year, FIRST_MONTH, 1)

    @property
    def end_exclusive(self) -> date:
        return date(self.start_year + 1, FIRST_MONTH, 1)

    @property
    def end(self) -> date:
        """The last day of the year, 31 March."""
        return date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def previous(self) -> ReportingYear:
        return ReportingYear(self.start_year - 1)

    @property
    def next(self) -> ReportingYear:
        return ReportingYear(self.start_year + 1)

    def __contains__(self, day: date) -> bool:
        return self.start <= day < self.end_exclusive

    def __str__(self) -> str:
        return self.label


def working_days_before(day: date, *, on: date) -> int:
    """How many working days (Monday to Friday) fall after ``on`` up to and including ``day``: a
    cancellation on Monday for a session the next Monday is 5 working days before it. 0 when ``day``
    is not after ``on``. Bank holidays are counted as working days (the portal keeps no list of them)."""
    if day <= on:
        return 0
    whole_weeks, rest = divmod((day - on).days, 7)
    count = whole_weeks * 5
    for offset in range(1, rest + 1):
        if (on + timedelta(days=whole_weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count
