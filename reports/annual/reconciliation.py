"""Reconciliation: small named checks that run on every report and say where its figures do not add up.

Each check is a function of ``ReportFacts`` (the parts of an assembled report it reads; a part may be
missing, and a check with nothing to read finds nothing) returning ``Finding``s. ``CHECKS`` lists them;
``run_checks`` runs them all. The readiness page shows every finding; the report prints, at the end of
the section each belongs to, those of the checks business support has not hidden in the report's
settings (``ReportConfiguration.hidden_checks``).

Kinds of finding:

* a stated total or rate against the one computed from its own parts;
* the same figure stated in two places with different values;
* rows that cannot be right (more attended than places, more delivered than planned, ...);
* comparator values identical to the year before's (the rating is withheld: probably not updated);
* records dated outside the reporting year they are counted in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.urls import reverse

TOTAL_AGAINST_PARTS = "total_against_parts"
SAME_FIGURE = "same_figure"
IMPOSSIBLE_ROW = "impossible_row"
COMPARATOR_NOT_UPDATED = "comparator_not_updated"
OUTSIDE_YEAR = "outside_year"
KINDS = {
    TOTAL_AGAINST_PARTS: "Stated totals and rates against their parts",
    SAME_FIGURE: "The same figure stated differently in two places",
    IMPOSSIBLE_ROW: "Rows that cannot be right",
    COMPARATOR_NOT_UPDATED: "Comparators that repeat the year before's",
    OUTSIDE_YEAR: "Records outside the reporting year they are counted in",
}


@dataclass(frozen=True)
class Finding:
    check: str  # the check's name
    kind: str  # one of KINDS
    section: str  # the key of the report section it belongs to
    label: str  # the figure or row
    stated_text: str  # what the record or text says
    expected_text: str  # what it should agree with, and why
    difference_text: str = ""
    fix_url: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def message(self) -> str:
        difference = f" (difference {self.difference_text})" if self.difference_text else ""
        return f"{self.label}: {self.stated_text}; {self.expected_text}{difference}."


@dataclass
class ReportFacts:
    """What the checks read, each part optional (None: not in this report)."""

    year: object  # wscb.periods.ReportingYear
    training: object = None  # training.reporting.TrainingReport
    finance: object = None  # finance.reporting.FinanceStatement
    training_charges: Decimal | None = None  # the training app's charges for the year (None: not recorded)
    indicator_tables: list = field(default_factory=list)  # reports.annual.reporting.IndicatorTable
    child_population: int | None = None  # the year's context fact
    attendance: object = None  # meetings.reporting.AttendanceTable of the board
    engagement_events: list = field(default_factory=list)
    partner_updates: list = field(default_factory=list)  # reports.selfreports.reporting.ReportDocument
    text_figures: list = field(default_factory=list)  # reports.annual.models.TextFigure
    figures: dict = field(default_factory=dict)  # reports.annual.placeholders.Figure by name
    urls: dict = field(default_factory=dict)  # section key -> where its figures are fixed


def _count(value) -> str:
    if value is None:
        return "not recorded"
    if isinstance(value, Decimal) and value != value.to_integral():
        return f"{value.normalize():,f}"
    return f"{int(value):,}"


def _signed(value, unit: str = "") -> str:
    text = f"{unit}{_count(abs(value))}"
    return f"+{text}" if value > 0 else (f"-{text}" if value < 0 else "0")


def _points(value: Decimal) -> str:
    return f"{value.normalize():+f} points"


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def _rate(part, whole) -> Decimal | None:
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _same_precision(computed: Decimal, stated: Decimal) -> Decimal:
    """``computed`` rounded to as many decimal places as ``stated`` has (40 -> whole numbers)."""
    places = max(0, -stated.normalize().as_tuple().exponent)
    return computed.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# --- stated totals and rates against their parts ---------------------------------------------------
def places_booked_against_parts(facts: ReportFacts) -> list[Finding]:
    """Stated places booked against stated attended + cancelled + did not attend."""
    stated = facts.training.summary.stated if facts.training else None
    if stated is None or stated.unaccounted in (None, 0):
        return []
    parts = stated.attended + stated.cancelled + stated.did_not_attend
    return [
        Finding(
            "places_booked_against_parts",
            TOTAL_AGAINST_PARTS,
            "training",
            "Face-to-face places booked",
            f"stated as {_count(stated.booked)}",
            f"attended {_count(stated.attended)} + cancelled {_count(stated.cancelled)} + did not attend "
            f"{_count(stated.did_not_attend)} = {_count(parts)}",
            _signed(stated.booked - parts),
            facts.urls.get("training", ""),
        )
    ]


def completion_rate_against_parts(facts: ReportFacts) -> list[Finding]:
    """A stated e-learning completion rate against completed / allocated (stated, and as recorded)."""
    elearning = facts.training.elearning if facts.training else None
    if elearning is None or elearning.stated_completion_rate is None:
        return []
    found = []
    stated = elearning.stated_completion_rate
    for completed, allocated, where in (
        (elearning.stated_completed, elearning.stated_allocated, "the stated"),
        (elearning.completed, elearning.allocated, "the recorded"),
    ):
        computed = _rate(completed, allocated)
        if computed is None or _same_precision(computed, stated) == stated:
            continue
        found.append(
            Finding(
                "completion_rate_against_parts",
                TOTAL_AGAINST_PARTS,
                "training",
                "E-learning completion rate",
                f"stated as {_percent(stated)}",
                f"{where} {_count(completed)} completed of {_count(allocated)} allocated is {_percent(computed)}",
                _points(computed - stated),
                facts.urls.get("training", ""),
            )
        )
    return found


def completions_against_modules(facts: ReportFacts) -> list[Finding]:
    """Stated e-learning licences allocated and completed against their totals by module."""
    elearning = facts.training.elearning if facts.training else None
    if elearning is None or not elearning.modules:
        return []
    found = []
    for name, label in (("allocated", "E-learning licences allocated"), ("completed", "E-learning completions")):
        stated, by_module = getattr(elearning, f"stated_{name}"), getattr(elearning, name)
        if stated is None or by_module is None or stated == by_module:
            continue
        found.append(
            Finding(
                "completions_against_modules",
                TOTAL_AGAINST_PARTS,
                "training",
                label,
                f"stated as {_count(stated)}",
                f"the {len(elearning.modules)} modules add up to {_count(by_module)}",
                _signed(stated - by_module),
                facts.urls.get("training", ""),
            )
        )
    return found


def cancellations_against_reasons(facts: ReportFacts) -> list[Finding]:
    """The stated number of cancelled sessions against the stated counts by reason."""
    cancellations = facts.training.cancellations if facts.training else None
    if cancellations is None or cancellations.stated_total is None:
        return []
    reasons = [row.stated for row in cancellations.rows if row.stated is not None]
    if not reasons or sum(reasons) == cancellations.stated_total:
        return []
    return [
        Finding(
            "cancellations_against_reasons",
            TOTAL_AGAINST_PARTS,
            "training",
            "Courses cancelled",
            f"stated as {_count(cancellations.stated_total)}",
            f"the reasons given add up to {_count(sum(reasons))}",
            _signed(cancellations.stated_total - sum(reasons)),
            facts.urls.get("training", ""),
        )
    ]


def finance_totals_against_lines(facts: ReportFacts) -> list[Finding]:
    """Stated finance totals (expenditure, income, transfer, reserves) against the lines they total."""
    if facts.finance is None:
        return []
    return [
        Finding(
            "finance_totals_against_lines",
            TOTAL_AGAINST_PARTS,
            "finance",
            f"{item.label}, {item.year.label}",
            f"stated as £{_count(item.stated)}",
            f"the lines give £{_count(item.computed)}",
            _signed(item.difference, "£"),
            facts.urls.get("finance", ""),
        )
        for item in facts.finance.differences
        if item.computed is not None
    ]


def _part(value: str, figures: dict) -> tuple[Decimal | None, str]:
    """A TextFigure part: a figure name (its value and name) or a typed number."""
    value = (value or "").strip()
    try:
        return Decimal(value.replace(",", "")), ""
    except InvalidOperation:
        figure = figures.get(value)
        if figure is None or figure.value is None:
            return None, value
        try:
            return Decimal(str(figure.value).replace(",", "").strip("%£")), figure.label
        except InvalidOperation:
            return None, value


def _with_label(number: Decimal, label: str) -> str:
    return f"{_count(number)} ({label})" if label else _count(number)


def stated_percentages_against_parts(facts: ReportFacts) -> list[Finding]:
    """Percentages the text states (a share of, or a change from) against the parts they come from."""
    found = []
    for figure in facts.text_figures:
        if figure.comparison not in ("share", "change"):
            continue
        part, part_label = _part(figure.figure, facts.figures)
        base, base_label = _part(figure.base, facts.figures)
        if part is None or not base:
            continue
        computed = (part * 100 / base) if figure.comparison == "share" else ((part - base) * 100 / base)
        computed = computed.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        stated = Decimal(figure.value)
        if _same_precision(computed, stated) == stated.normalize():
            continue
        part_text, base_text = _with_label(part, part_label), _with_label(base, base_label)
        how = (
            f"{part_text} of {base_text} is {_percent(computed)}"
            if figure.comparison == "share"
            else f"from {base_text} to {part_text} is {_percent(computed)}"
        )
        found.append(
            Finding(
                "stated_percentages_against_parts",
                TOTAL_AGAINST_PARTS,
                figure.section,
                figure.label,
                f"“{figure.quote}” ({_percent(stated.normalize())})",
                how,
                _points(computed - stated),
                facts.urls.get(figure.section, ""),
            )
        )
    return found


# --- the same figure stated in two places ----------------------------------------------------------
def stated_places_against_records(facts: ReportFacts) -> list[Finding]:
    """Stated places booked, attended, cancelled and did-not-attend against the recorded bookings."""
    summary = facts.training.summary if facts.training else None
    if summary is None or summary.stated is None or not summary.recorded.is_recorded:
        return []
    found = []
    for name, label in (
        ("booked", "Places booked"),
        ("attended", "Places attended"),
        ("cancelled", "Places cancelled"),
        ("did_not_attend", "Did not attend"),
    ):
        stated, recorded = getattr(summary.stated, name), getattr(summary.recorded, name)
        if stated is None or recorded is None or stated == recorded:
            continue
        found.append(
            Finding(
                "stated_places_against_records",
                SAME_FIGURE,
                "training",
                label,
                f"stated as {_count(stated)}" + (f" ({summary.statement_source})" if summary.statement_source else ""),
                f"the bookings recorded give {_count(recorded)}",
                _signed(stated - recorded),
                facts.urls.get("training", ""),
            )
        )
    return found


def attended_against_course_tables(facts: ReportFacts) -> list[Finding]:
    """The year's places attended (stated, else recorded) against the attendance in the course tables."""
    if facts.training is None:
        return []
    attended = facts.training.summary.headline.attended
    rows = [row for table in facts.training.tables.values() for row in table.rows if row.attended is not None]
    if attended is None or not rows:
        return []
    in_tables = sum(row.attended for row in rows)
    if in_tables == attended:
        return []
    return [
        Finding(
            "attended_against_course_tables",
            SAME_FIGURE,
            "training",
            "Places attended",
            f"{_count(attended)} in the summary of places",
            f"the course tables add up to {_count(in_tables)} attended",
            _signed(attended - in_tables),
            facts.urls.get("training", ""),
        )
    ]


def cancellations_against_records(facts: ReportFacts) -> list[Finding]:
    """The stated number of cancelled sessions against the cancelled sessions recorded."""
    cancellations = facts.training.cancellations if facts.training else None
    if cancellations is None or cancellations.stated_total is None or not cancellations.is_recorded:
        return []
    if cancellations.stated_total == cancellations.total:
        return []
    return [
        Finding(
            "cancellations_against_records",
            SAME_FIGURE,
            "training",
            "Courses cancelled",
            f"stated as {_count(cancellations.stated_total)}",
            f"{_count(cancellations.total)} cancelled sessions are recorded",
            _signed(cancellations.stated_total - cancellations.total),
            facts.urls.get("training", ""),
        )
    ]


def course_totals_against_sessions(facts: ReportFacts) -> list[Finding]:
    """A course's stated totals for the year against what its recorded sessions and bookings give."""
    if facts.training is None:
        return []
    found = []
    for table in facts.training.tables.values():
        for row in table.rows:
            if not row.stated:
                continue
            for name, label in (
                ("delivered", "delivered"),
                ("cancelled", "cancelled"),
                ("places_available", "places available"),
                ("attended", "attended"),
            ):
                stated, counted = row.stated.get(name), getattr(row, name)
                if stated is None or counted is None or stated == counted:
                    continue
                found.append(
                    Finding(
                        "course_totals_against_sessions",
                        SAME_FIGURE,
                        "training",
                        f"{row.title}: {label}",
                        f"stated as {_count(stated)}",
                        f"the recorded sessions give {_count(counted)}",
                        _signed(stated - counted),
                        facts.urls.get("training", ""),
                    )
                )
    return found


def figures_in_text_against_records(facts: ReportFacts) -> list[Finding]:
    """Figures the text states against the figure the portal holds for the same thing."""
    found = []
    for figure in facts.text_figures:
        if figure.comparison != "equals":
            continue
        held, held_label = _part(figure.figure, facts.figures)
        stated = Decimal(figure.value)
        if held is None or held == stated:
            continue
        found.append(
            Finding(
                "figures_in_text_against_records",
                SAME_FIGURE,
                figure.section,
                figure.label,
                f"“{figure.quote}”",
                (f"{held_label}: {_count(held)}" if held_label else _count(held))
                + (f" ({figure.note})" if figure.note else ""),
                _signed(stated - held),
                facts.urls.get(figure.section, ""),
            )
        )
    return found


def rate_population_against_context(facts: ReportFacts) -> list[Finding]:
    """Rates per 10,000 worked out on a population other than the year's child population."""
    if not facts.child_population:
        return []
    found = []
    for table in facts.indicator_tables:
        if not table.indicator.is_rate:
            continue
        used = table.denominators[-1]
        if used is None or used == facts.child_population:
            continue
        found.append(
            Finding(
                "rate_population_against_context",
                SAME_FIGURE,
                "performance",
                f"{table.indicator.name}: children aged 0-17",
                f"the rate uses {_count(used)} for {facts.year.label}",
                f"the context section states {_count(facts.child_population)} children and young people",
                _signed(used - facts.child_population),
                facts.urls.get("performance", ""),
            )
        )
    return found


def training_income_against_charges(facts: ReportFacts) -> list[Finding]:
    """Training income in the finance statement against the training charges recorded for the year."""
    if facts.finance is None or facts.training_charges is None or facts.year not in facts.finance.years:
        return []
    recorded = facts.finance.training_income[facts.finance.years.index(facts.year)]
    if recorded == facts.training_charges:
        return []
    return [
        Finding(
            "training_income_against_charges",
            SAME_FIGURE,
            "finance",
            f"Training income, {facts.year.label}",
            f"£{_count(recorded)} in the finance statement",
            f"the training charges recorded come to £{_count(facts.training_charges)}",
            _signed(recorded - facts.training_charges, "£"),
            facts.urls.get("training_income", ""),
        )
    ]


# --- rows that cannot be right ----------------------------------------------------------------------
def _course_rows(facts: ReportFacts):
    if facts.training is None:
        return []
    return [(table, row) for table in facts.training.tables.values() for row in table.rows]


def attended_more_than_places(facts: ReportFacts) -> list[Finding]:
    """Courses with more people attending than places available."""
    return [
        Finding(
            "attended_more_than_places",
            IMPOSSIBLE_ROW,
            "training",
            f"{row.title} ({table.caption})",
            f"{_count(row.attended)} attended",
            f"only {_count(row.places_available)} places were available",
            _signed(row.attended - row.places_available),
            facts.urls.get("training", ""),
        )
        for table, row in _course_rows(facts)
        if row.attended is not None and row.places_available is not None and row.attended > row.places_available
    ]


def delivered_more_than_planned(facts: ReportFacts) -> list[Finding]:
    """Courses delivered more often than planned."""
    return [
        Finding(
            "delivered_more_than_planned",
            IMPOSSIBLE_ROW,
            "training",
            f"{row.title} ({table.caption})",
            f"{_count(row.delivered)} delivered",
            f"{_count(row.planned)} planned",
            _signed(row.delivered - row.planned),
            facts.urls.get("training", ""),
        )
        for table, row in _course_rows(facts)
        if row.delivered is not None and row.planned is not None and row.delivered > row.planned
    ]


def attendance_with_nothing_delivered(facts: ReportFacts) -> list[Finding]:
    """Courses with people attending although no date was delivered."""
    return [
        Finding(
            "attendance_with_nothing_delivered",
            IMPOSSIBLE_ROW,
            "training",
            f"{row.title} ({table.caption})",
            f"{_count(row.attended)} attended",
            "no course was delivered",
            "",
            facts.urls.get("training", ""),
        )
        for table, row in _course_rows(facts)
        if row.delivered == 0 and row.attended
    ]


def delivered_and_cancelled_more_than_planned(facts: ReportFacts) -> list[Finding]:
    """Courses whose delivered and cancelled dates together exceed the dates planned."""
    return [
        Finding(
            "delivered_and_cancelled_more_than_planned",
            IMPOSSIBLE_ROW,
            "training",
            f"{row.title} ({table.caption})",
            f"{_count(row.delivered)} delivered and {_count(row.cancelled)} cancelled",
            f"{_count(row.planned)} planned",
            _signed(row.delivered + row.cancelled - row.planned),
            facts.urls.get("training", ""),
        )
        for table, row in _course_rows(facts)
        if row.cancelled and row.delivered is not None and row.planned is not None
        and row.delivered + row.cancelled > row.planned
    ]  # fmt: skip


def cancelled_more_than_not_delivered(facts: ReportFacts) -> list[Finding]:
    """More courses cancelled than the planned dates the tables show as not delivered."""
    if facts.training is None:
        return []
    cancellations = facts.training.cancellations
    cancelled = cancellations.stated_total if cancellations.stated_total is not None else cancellations.total
    rows = [row for _, row in _course_rows(facts) if row.planned is not None and row.delivered is not None]
    if cancelled is None or not rows:
        return []
    not_delivered = sum(max(row.planned - row.delivered, 0) for row in rows)
    if cancelled <= not_delivered:
        return []
    return [
        Finding(
            "cancelled_more_than_not_delivered",
            IMPOSSIBLE_ROW,
            "training",
            "Courses cancelled",
            f"{_count(cancelled)} cancelled" + (" (stated)" if cancellations.stated_total is not None else ""),
            f"the course tables show only {_count(not_delivered)} planned dates not delivered",
            _signed(cancelled - not_delivered),
            facts.urls.get("training", ""),
        )
    ]


def completions_more_than_allocated(facts: ReportFacts) -> list[Finding]:
    """E-learning modules with more completions than licences allocated."""
    elearning = facts.training.elearning if facts.training else None
    if elearning is None:
        return []
    return [
        Finding(
            "completions_more_than_allocated",
            IMPOSSIBLE_ROW,
            "training",
            f"E-learning: {module.title}",
            f"{_count(module.completed)} completed",
            f"{_count(module.allocated)} licences allocated",
            _signed(module.completed - module.allocated),
            facts.urls.get("training", ""),
        )
        for module in elearning.modules
        if module.allocated is not None and module.completed > module.allocated
    ]


# --- comparators that repeat the year before -------------------------------------------------------
def comparators_same_as_previous_year(facts: ReportFacts) -> list[Finding]:
    """Comparator values (statistical neighbours, North West, England) identical to the year before's:
    most likely last year's figure carried forward. One finding per indicator; the rating against
    England is withheld for such a year (``reporting.rag_against_england``)."""
    found = []
    for table in facts.indicator_tables:
        repeats = []
        for name, values in table.comparators:
            years = [
                table.labels[index]
                for index in range(1, len(values))
                if values[index] is not None and values[index] == values[index - 1]
            ]
            if years:
                repeats.append((name, years, values))
        if not repeats:
            continue
        stated = "; ".join(
            f"{name} {', '.join(f'{year} ({values[table.labels.index(year)]})' for year in years)}"
            for name, years, values in repeats
        )
        found.append(
            Finding(
                "comparators_same_as_previous_year",
                COMPARATOR_NOT_UPDATED,
                "performance",
                table.indicator.name,
                stated,
                "each is the same as the year before's, so it may not have been updated; not rated",
                "",
                facts.urls.get("performance", ""),
            )
        )
    return found


# --- outside the reporting year ----------------------------------------------------------------------
def meetings_outside_the_year(facts: ReportFacts) -> list[Finding]:
    """Board meetings counted in the year but held outside it."""
    if facts.attendance is None:
        return []
    year = facts.year
    return [
        Finding(
            "meetings_outside_the_year",
            OUTSIDE_YEAR,
            "governance",
            f"{facts.attendance.group.name} meeting of {meeting.held_on:%d/%m/%Y}",
            f"counted in {year.label}",
            f"{year.label} runs from {year.start:%d/%m/%Y} to {year.end:%d/%m/%Y}",
            "",
            reverse("meetings:meeting-detail", args=[meeting.pk]),
        )
        for meeting in facts.attendance.meetings
        if not (year.start <= meeting.held_on <= year.end)
    ]


def events_outside_the_year(facts: ReportFacts) -> list[Finding]:
    """Engagement events counted in the year but dated outside it."""
    year = facts.year
    return [
        Finding(
            "events_outside_the_year",
            OUTSIDE_YEAR,
            "engagement",
            event.title,
            f"dated {event.date_display}, counted in {year.label}",
            f"{year.label} runs from {year.start:%d/%m/%Y} to {year.end:%d/%m/%Y}",
            "",
            reverse("admin:annual_engagementevent_change", args=[event.pk]) if event.pk else "",
        )
        for event in facts.engagement_events
        if event.is_dated_outside_its_year
    ]


def returns_for_another_period(facts: ReportFacts) -> list[Finding]:
    """Partner updates whose period covered is not the reporting year."""
    return [
        Finding(
            "returns_for_another_period",
            OUTSIDE_YEAR,
            "partner_updates",
            f"{document.partner.name}: period covered",
            document.wrong_year.rstrip("."),
            f"the report covers {facts.year.label}",
            "",
            reverse("reports:selfreport-detail", args=[document.report.pk]),
        )
        for document in facts.partner_updates
        if document.wrong_year
    ]


@dataclass(frozen=True)
class Check:
    name: str
    title: str
    kind: str
    function: Callable[[ReportFacts], list[Finding]]


def _check(function, kind) -> Check:
    return Check(function.__name__, (function.__doc__ or "").strip().splitlines()[0].rstrip("."), kind, function)


CHECKS: list[Check] = [
    _check(places_booked_against_parts, TOTAL_AGAINST_PARTS),
    _check(completion_rate_against_parts, TOTAL_AGAINST_PARTS),
    _check(completions_against_modules, TOTAL_AGAINST_PARTS),
    _check(cancellations_against_reasons, TOTAL_AGAINST_PARTS),
    _check(finance_totals_against_lines, TOTAL_AGAINST_PARTS),
    _check(stated_percentages_against_parts, TOTAL_AGAINST_PARTS),
    _check(stated_places_against_records, SAME_FIGURE),
    _check(attended_against_course_tables, SAME_FIGURE),
    _check(cancellations_against_records, SAME_FIGURE),
    _check(course_totals_against_sessions, SAME_FIGURE),
    _check(figures_in_text_against_records, SAME_FIGURE),
    _check(rate_population_against_context, SAME_FIGURE),
    _check(training_income_against_charges, SAME_FIGURE),
    _check(attended_more_than_places, IMPOSSIBLE_ROW),
    _check(delivered_more_than_planned, IMPOSSIBLE_ROW),
    _check(attendance_with_nothing_delivered, IMPOSSIBLE_ROW),
    _check(delivered_and_cancelled_more_than_planned, IMPOSSIBLE_ROW),
    _check(cancelled_more_than_not_delivered, IMPOSSIBLE_ROW),
    _check(completions_more_than_allocated, IMPOSSIBLE_ROW),
    _check(comparators_same_as_previous_year, COMPARATOR_NOT_UPDATED),
    _check(meetings_outside_the_year, OUTSIDE_YEAR),
    _check(events_outside_the_year, OUTSIDE_YEAR),
    _check(returns_for_another_period, OUTSIDE_YEAR),
]
CHECK_NAMES = [check.name for check in CHECKS]


def run_checks(facts: ReportFacts) -> list[Finding]:
    """Every check's findings, in the order of ``CHECKS``."""
    return [finding for check in CHECKS for finding in check.function(facts)]


def facts_from_report(report, figures: dict) -> ReportFacts:
    """The parts of an assembled report the checks read."""
    sections = {section.key: section for section in report.all_sections}

    def data(key):
        section = sections.get(key)
        return section.data if section is not None else None

    training, finance, governance, updates = (
        data("training"),
        data("finance"),
        data("governance"),
        data("partner_updates"),
    )
    context = data("context")
    urls = {key: section.fix_url for key, section in sections.items() if section.fix_url}
    if finance is not None:
        urls["finance"] = finance.differences_url or urls.get("finance", "")
        urls["training_income"] = finance.training_income_url
    population = context.child_population if context is not None else None
    return ReportFacts(
        year=report.year,
        training=getattr(training, "report", None),
        finance=getattr(finance, "statement", None) if finance is not None and finance.statement.years_held else None,
        training_charges=getattr(finance, "training_charges", None),
        indicator_tables=report.bundle.indicator_tables,
        child_population=int(population.value) if population is not None else None,
        attendance=getattr(governance, "attendance", None),
        engagement_events=report.bundle.engagement_events,
        partner_updates=getattr(updates, "returns", []) or [],
        text_figures=report.bundle.text_figures,
        figures=figures,
        urls=urls,
    )
