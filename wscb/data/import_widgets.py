"""Cell readers for the import kinds (``wscb.data.import_kinds``): a cell as a person writes it, read
as the record's form reads it, or a ``ValueError`` whose message names what to write instead.

    from wscb.data.import_widgets import ChoiceCell, DateCell, LookupCell, NumberCell, TimeCell, YesNoCell

``LookupCell`` finds one of the board's records by what people call it (a name, a short name, a
title), ignoring case; the records are read once per import (the resource gives them), and a name
two records share is an error naming them, never a guess.
"""

from __future__ import annotations

from datetime import date, datetime, time

from import_export import widgets

YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


def _blank(value) -> bool:
    return value is None or str(value).strip() == ""


class DateCell(widgets.Widget):
    """dd/mm/yyyy (also yyyy-mm-dd, or a spreadsheet date cell)."""

    def __init__(self, *, required: bool = False):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            if self.required:
                raise ValueError("Enter a date like 31/03/2017.")
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(str(value).strip(), pattern).date()
            except ValueError:
                continue
        raise ValueError(f"“{value}” is not a date like 31/03/2017.")

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d/%m/%Y") if value else ""


class TimeCell(widgets.Widget):
    """A time like 09:30 (or a spreadsheet time cell); blank is allowed."""

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        if isinstance(value, datetime):
            return value.time()
        if isinstance(value, time):
            return value
        for pattern in ("%H:%M", "%H:%M:%S", "%H.%M"):
            try:
                return datetime.strptime(str(value).strip(), pattern).time()
            except ValueError:
                continue
        raise ValueError(f"“{value}” is not a time like 09:30.")

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%H:%M") if value else ""


class NumberCell(widgets.Widget):
    """A whole number, not negative."""

    def __init__(self, *, required: bool = False):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            if self.required:
                raise ValueError("Enter a whole number.")
            return None
        text = str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if not text.isdigit():
            raise ValueError(f"“{value}” is not a whole number like 12.")
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class YesNoCell(widgets.Widget):
    """Yes/No (also True/False, 1/0); anything else is an error, never a silent "No"."""

    def __init__(self, *, default: bool):
        super().__init__()
        self.default = default

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return self.default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError("Enter Yes or No.")

    def render(self, value, obj=None, **kwargs):
        return "Yes" if value else "No"


class ChoiceCell(widgets.Widget):
    """One of a field's choices, by its label ("Did not attend") or stored value, in any case."""

    def __init__(self, choices, *, default=None):
        super().__init__()
        self.default = default
        self.labels = {value: str(label) for value, label in choices}
        self.lookup = {}
        for value, label in self.labels.items():
            self.lookup[str(value).lower()] = value
            self.lookup[label.lower()] = value

    def clean(self, value, row=None, **kwargs):
        if _blank(value) and self.default is not None:
            return self.default
        text = str(value or "").strip().lower()
        if text not in self.lookup:
            raise ValueError(f"Choose one of: {', '.join(self.labels.values())}.")
        return self.lookup[text]

    def render(self, value, obj=None, **kwargs):
        return self.labels.get(value, value or "")


class LookupCell(widgets.Widget):
    """One of ``records`` by any of the names ``names(record)`` gives, ignoring case.

    ``what`` names the kind of record in messages ("agency of WSCB"); ``required=False`` reads a
    blank cell as none."""

    def __init__(self, records, *, names, what: str, required: bool = True, shown=str):
        super().__init__()
        self.what, self.required, self.shown = what, required, shown
        self.found: dict[str, list] = {}
        self.listed = []
        for record in records:
            self.listed.append(shown(record))
            for name in {str(name).strip().casefold() for name in names(record) if name}:
                self.found.setdefault(name, []).append(record)

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            if self.required:
                raise ValueError(f"Name the {self.what.split(' of ')[0]}.")
            return None
        matches = self.found.get(str(value).strip().casefold(), [])
        if len(matches) > 1:
            raise ValueError(
                f"“{value}” could be any of {len(matches)} records ({'; '.join(self.shown(m) for m in matches)}): "
                "tell them apart first."
            )
        if not matches:
            known = ", ".join(sorted(self.listed)[:20]) or "none yet"
            more = " (and more)" if len(self.listed) > 20 else ""
            raise ValueError(f"“{value}” is not a {self.what}. Known: {known}{more}.")
        return matches[0]

    def render(self, value, obj=None, **kwargs):
        return self.shown(value) if value else ""
