"""The picture across agencies: every agency's rating against every standard (the rating questions of a
year's form), with the change since last year, counts per level and filters. A fixed number of queries
whatever the count of agencies or standards."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from partners.models import Board, BoardMembership, Partner
from reports.selfreports.models import Answer, FormTemplate, Question, RatingLevel, SelfReport, parse_scale
from reports.selfreports.selectors import question_spec
from wscb.periods import ReportingYear

#: Returns whose ratings business support sees (board members: accepted only).
RECEIVED = (SelfReport.Status.SUBMITTED, SelfReport.Status.RETURNED, SelfReport.Status.ACCEPTED)


@dataclass(frozen=True)
class Standard:
    key: str
    label: str
    question: str
    levels: tuple[RatingLevel, ...]


def tone(number: int, size: int) -> str:
    """The cell's colour band (CSS class suffix) for level ``number`` of ``size`` levels: low, mid, good, best."""
    if size < 2:
        return "mid"
    share = (number - 1) / (size - 1)
    if share == 0:
        return "low"
    if share <= 0.5:
        return "mid"
    return "good" if share < 1 else "best"


@dataclass(frozen=True)
class Cell:
    level: RatingLevel | None
    previous: RatingLevel | None
    tone: str = ""

    @property
    def change(self) -> int | None:
        """Levels up (+) or down (-) since last year; None when either year is not rated."""
        if self.level is None or self.previous is None:
            return None
        return self.level.number - self.previous.number

    @property
    def change_words(self) -> str:
        if self.change is None:
            return "new" if self.level and self.previous is None else ""
        if self.change == 0:
            return "no change"
        word = "up" if self.change > 0 else "down"
        return f"{word} from {self.previous.label}"


@dataclass(frozen=True)
class Row:
    agency: Partner
    report_id: int
    status: str
    status_label: str
    cells: list[Cell]


@dataclass(frozen=True)
class LevelCount:
    level: RatingLevel
    count: int


@dataclass(frozen=True)
class StandardCounts:
    standard: Standard
    levels: list[LevelCount]
    not_rated: int


@dataclass
class RatingsPicture:
    year: ReportingYear
    standards: list[Standard]
    rows: list[Row]
    counts: list[StandardCounts] = field(default_factory=list)
    accepted_only: bool = True

    @property
    def scale_size(self) -> int:
        return max((len(standard.levels) for standard in self.standards), default=0)


def rating_years(*, board: Board | None) -> list[ReportingYear]:
    """The years whose update form has rating questions, newest first."""
    if board is None:
        return []
    years = (
        FormTemplate.objects.filter(board=board, sections__questions__kind=Question.Kind.RATING)
        .values_list("start_year", flat=True)
        .distinct()
        .order_by("-start_year")
    )
    return [ReportingYear(start) for start in years]


def _standards(board: Board, year: ReportingYear) -> list[Standard]:
    questions = Question.objects.filter(
        section__template__board=board, section__template__start_year=year.start_year, kind=Question.Kind.RATING
    ).order_by("section__order", "order", "pk")
    standards = []
    for question in questions:
        spec = question_spec(question)
        standards.append(Standard(spec.key, spec.standard, spec.text, spec.levels))
    return standards


def _ratings(reports, keys) -> dict[tuple[int, str], int]:
    rows = Answer.objects.filter(entry__report__in=reports, key__in=keys, rating__isnull=False).values_list(
        "entry__report_id", "key", "rating"
    )
    return {(report_id, key): rating for report_id, key, rating in rows}


def _level(standard: Standard, number: int | None) -> RatingLevel | None:
    if number is None:
        return None
    return next((level for level in standard.levels if level.number == number), None)


def ratings_picture(
    *,
    board: Board,
    year: ReportingYear,
    accepted_only: bool,
    sector: str = "",
    statutory: bool | None = None,
) -> RatingsPicture:
    """Agencies (rows, by name) x standards (columns, in the form's order) for ``year``.

    ``accepted_only``: board members see accepted returns only; business support also submitted and
    returned ones. Last year's cell is the agency's accepted rating for the same question key a year
    earlier. ``sector`` and ``statutory`` (the agency's membership of ``board``) filter the agencies.
    Five queries, whatever the numbers of agencies and standards.
    """
    standards = _standards(board, year)
    statuses = (SelfReport.Status.ACCEPTED,) if accepted_only else RECEIVED
    reports = SelfReport.objects.filter(
        round__board=board, round__start_year=year.start_year, status__in=statuses
    ).select_related("partner")
    if sector:
        reports = reports.filter(partner__sector=sector)
    if statutory is not None:
        member = BoardMembership.objects.filter(partner=OuterRef("partner_id"), board=board, is_statutory=True)
        reports = reports.filter(Exists(member)) if statutory else reports.exclude(Exists(member))
    reports = list(reports.order_by("partner__name"))
    keys = [standard.key for standard in standards]
    current = _ratings([report.pk for report in reports], keys) if reports and keys else {}
    previous_reports = SelfReport.objects.filter(
        round__board=board,
        round__start_year=year.previous.start_year,
        status=SelfReport.Status.ACCEPTED,
        partner_id__in=[report.partner_id for report in reports],
    ).values_list("pk", "partner_id")
    previous_by_agency = {}
    if reports and keys:
        previous_ids = dict(previous_reports)
        for (report_id, key), rating in _ratings(list(previous_ids), keys).items():
            previous_by_agency[(previous_ids[report_id], key)] = rating
    labels = dict(SelfReport.Status.choices)
    rows = []
    for report in reports:
        cells = []
        for standard in standards:
            level = _level(standard, current.get((report.pk, standard.key)))
            previous = _level(standard, previous_by_agency.get((report.partner_id, standard.key)))
            cells.append(Cell(level, previous, tone(level.number, len(standard.levels)) if level else ""))
        rows.append(Row(report.partner, report.pk, report.status, labels[report.status], cells))
    counts = []
    for index, standard in enumerate(standards):
        tally = {level.number: 0 for level in standard.levels}
        not_rated = 0
        for row in rows:
            level = row.cells[index].level
            if level is None:
                not_rated += 1
            else:
                tally[level.number] += 1
        counts.append(StandardCounts(standard, [LevelCount(lv, tally[lv.number]) for lv in standard.levels], not_rated))
    return RatingsPicture(year=year, standards=standards, rows=rows, counts=counts, accepted_only=accepted_only)


def picture_table(picture: RatingsPicture) -> tuple[list[str], list[list]]:
    """The picture as headings and rows for CSV/XLSX: one row per agency, rating and change per standard."""
    headers = ["Agency"]
    if not picture.accepted_only:
        headers.append("Status")
    for standard in picture.standards:
        headers += [f"{standard.label}: rating", f"{standard.label}: level (1 = lowest)", f"{standard.label}: change"]
    rows = []
    for row in picture.rows:
        line = [row.agency.name] + ([row.status_label] if not picture.accepted_only else [])
        for cell in row.cells:
            line += [
                cell.level.label if cell.level else "Not rated",
                cell.level.number if cell.level else "",
                cell.change_words,
            ]
        rows.append(line)
    return headers, rows


# --- one agency over the years (its profile) -----------------------------------------------------------
@dataclass(frozen=True)
class YearCell:
    year: ReportingYear
    level: RatingLevel | None
    tone: str = ""


@dataclass(frozen=True)
class StandardHistory:
    key: str
    label: str
    question: str
    cells: list[YearCell]


@dataclass
class AgencyRatings:
    """An agency's rating against each standard, one column per year (oldest first)."""

    years: list[ReportingYear]
    rows: list[StandardHistory]
    accepted_only: bool = True


def agency_ratings_over_years(*, board: Board, agency: Partner, accepted_only: bool) -> AgencyRatings:
    """Two queries: the rating questions of every year's form, and the agency's ratings in its returns
    (accepted ones only for board members, ``accepted_only``; business support also sees those
    submitted or returned). A standard is followed by its question's key from year to year."""
    questions = (
        Question.objects.filter(section__template__board=board, kind=Question.Kind.RATING)
        .order_by("section__template__start_year", "section__order", "order", "pk")
        .values_list("section__template__start_year", "key", "standard", "text", "scale")
    )
    statuses = (SelfReport.Status.ACCEPTED,) if accepted_only else RECEIVED
    answers = Answer.objects.filter(
        entry__report__partner=agency,
        entry__report__round__board=board,
        entry__report__status__in=statuses,
        rating__isnull=False,
    ).values_list("entry__report__round__start_year", "key", "rating")
    rated = {(start, key): number for start, key, number in answers}
    scales: dict[tuple[int, str], tuple[RatingLevel, ...]] = {}
    labels: dict[str, tuple[str, str]] = {}
    for start, key, standard, text, scale in questions:
        scales[(start, key)] = parse_scale(scale)
        labels[key] = (standard or text[:60], text)  # the latest year's wording
    years = sorted({start for start, _ in rated})
    rows = []
    for key, (label, text) in labels.items():
        cells = []
        for start in years:
            levels = scales.get((start, key), ())
            number = rated.get((start, key))
            level = next((item for item in levels if item.number == number), None)
            cells.append(YearCell(ReportingYear(start), level, tone(level.number, len(levels)) if level else ""))
        if any(cell.level for cell in cells):
            rows.append(StandardHistory(key, label, text, cells))
    return AgencyRatings(years=[ReportingYear(start) for start in years], rows=rows, accepted_only=accepted_only)
