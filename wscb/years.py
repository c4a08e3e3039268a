"""The year a person expects: each board's current reporting year, and the one list of years that
every year chooser offers.

Apps say which of their records carry a year (``year_source_register`` in ``AppConfig.ready``), so
wscb never imports them. ``years_with_records(board)`` reads every source in one ``UNION`` query.
A page that chooses a year calls ``chosen_year(request)`` (the ``?year=2016/17`` asked for, else the
board's current reporting year) and ``year_choices(request, year)`` for its chooser; both remember the
board's years on the request, so a page asks once, and keep them in the cache per state of the
board's data (``_kept_years``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db import models
from django.db.models.functions import Cast, ExtractYear

from wscb.periods import FIRST_MONTH, ReportingYear


@dataclass(frozen=True)
class YearSource:
    """Records of ``model`` belong to the board at ``board`` (a lookup path) and to the reporting year
    held in ``year_field`` (a start year: 2016 for 2016/17) or containing the date in ``date_field``."""

    model: type[models.Model]
    board: str
    year_field: str | None = None
    date_field: str | None = None

    def queryset(self, board_id: int) -> models.QuerySet:
        rows = self.model._base_manager.filter(**{f"{self.board}_id": board_id}).order_by()
        if self.year_field:
            return rows.exclude(**{f"{self.year_field}__isnull": True}).values_list(self.year_field, flat=True)
        field = self.date_field
        start = Cast(
            ExtractYear(field)
            - models.Case(
                models.When(**{f"{field}__month__lt": FIRST_MONTH}, then=models.Value(1)),
                default=models.Value(0),
                output_field=models.IntegerField(),
            ),
            models.IntegerField(),
        )
        rows = rows.exclude(**{f"{field}__isnull": True})
        return rows.annotate(record_year=start).values_list("record_year", flat=True)


_sources: list[YearSource] = []


def year_source_register(model, *, board: str, year_field: str | None = None, date_field: str | None = None) -> None:
    """Count ``model``'s records among the years a board has (exactly one of the two fields)."""
    if (year_field is None) == (date_field is None):
        raise ValueError("Give a year field or a date field, not both.")
    source = YearSource(model=model, board=board, year_field=year_field, date_field=date_field)
    if source not in _sources:
        _sources.append(source)


def years_with_records(board) -> list[ReportingYear]:
    """Every reporting year in which ``board`` holds a record, newest first (one query)."""
    if not board or not _sources:
        return []
    parts = [source.queryset(board.pk) for source in _sources]
    starts = {int(start) for start in parts[0].union(*parts[1:])}
    return [ReportingYear(start) for start in sorted(starts, reverse=True) if 1900 <= start <= 2200]


def _kept_years(request, board) -> list[ReportingYear]:
    """``years_with_records``, kept in Django's cache per state of the board's data: the query reads
    every record that carries a year, so at scale it costs more than a kept page; any write that
    could add or remove a year moves the data version (``wscb.data.changes``)."""
    from wscb.data.changes import code_version
    from wscb.data.page_cache import PAGE_TIMEOUT, request_data_version

    # the code version too: a deployment may register another app's records as a year source
    key = f"board-years:{board.pk}:{request_data_version(request, board)}:{code_version()}"
    starts = cache.get(key)
    if starts is None:
        starts = [year.start_year for year in years_with_records(board)]
        cache.set(key, starts, PAGE_TIMEOUT)
    return [ReportingYear(start) for start in starts]


def _cached_years(request) -> list[ReportingYear]:
    board = getattr(request, "board", None) or None
    pk = board.pk if board else None
    memo = getattr(request, "_board_years", None)
    if memo is None or memo[0] != pk:
        memo = (pk, _kept_years(request, board) if board else [])
        request._board_years = memo
    return memo[1]


def default_year(years: list[ReportingYear], today_year: ReportingYear | None = None) -> ReportingYear:
    """The latest of ``years`` that is not after this calendar's reporting year, else this one: a
    session booked for next year does not move the board on before its time."""
    today_year = today_year or ReportingYear.current()
    past = [year for year in years if year <= today_year]
    return past[0] if past else today_year


def board_current_year(board, *, years: list[ReportingYear] | None = None) -> ReportingYear:
    """The year ``board``'s pages open on: the one business support set, else ``default_year``."""
    if not board:
        return ReportingYear.current()
    if board.current_reporting_year:
        return ReportingYear(board.current_reporting_year)
    return default_year(years_with_records(board) if years is None else years)


def current_year(request) -> ReportingYear:
    """The current reporting year of the board the request works in."""
    board = getattr(request, "board", None)
    if not board:  # no board yet (a lazy "no board" is not None)
        return ReportingYear.current()
    if board.current_reporting_year:
        return ReportingYear(board.current_reporting_year)
    return default_year(_cached_years(request))


def chosen_year(request, parameter: str = "year") -> ReportingYear:
    """The year asked for in ``?year=2016/17`` (read by ``ReportingYear.from_query``: a usable year, in
    ASCII digits), else the board's current reporting year."""
    return ReportingYear.from_query(request.GET.get(parameter)) or current_year(request)


def year_options(years: list[ReportingYear], *also: ReportingYear) -> list[ReportingYear]:
    """``years`` with ``also``, and the year after the newest of them, newest first."""
    every = set(years) | set(also)
    if every:
        every.add(max(every).next)
    return sorted(every, reverse=True)


def year_choices(request, chosen: ReportingYear | None = None) -> list[ReportingYear]:
    """Every year the board has records in, its current year, the year chosen and the year after the
    newest of them, newest first: what every year chooser lists."""
    also = [current_year(request)] + ([chosen] if chosen else [])
    return year_options(_cached_years(request), *also)
