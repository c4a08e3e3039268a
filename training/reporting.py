"""Training figures for a reporting year, computed from the records (pure reads returning dataclasses).

Every function takes a board and a ``ReportingYear`` and runs a fixed number of queries (grouped
aggregates), whatever the number of courses, sessions, bookings or enrolments. A session belongs to
the year its date falls in; a booking to its session's year; an e-learning licence to the year it
was allocated in. Money is ``Decimal`` pounds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pygal
from django.db.models import Count, Q, QuerySet, Sum
from pygal.style import Style

from partners.models import Board, Partner
from training.models import (
    COMMUNITY_SECTOR,
    Booking,
    ChargeRate,
    Course,
    CoursePlan,
    ELearningEnrolment,
    ELearningPackage,
    OtherActivity,
    Session,
    YearStatement,
)
from wscb.periods import ReportingYear

B = Booking.Status
S = Session.Status
PENNY = Decimal("0.01")


def _percent(part: int | None, whole: int | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _in_year(prefix: str, year: ReportingYear) -> Q:
    return Q(**{f"{prefix}__gte": year.start, f"{prefix}__lt": year.end_exclusive})


# --- places booked, attended, cancelled, did not attend ------------------------------------------
@dataclass(frozen=True)
class PlaceCounts:
    booked: int | None
    attended: int | None
    cancelled: int | None
    did_not_attend: int | None

    @property
    def attendance_rate(self) -> Decimal | None:
        """Attended as a percentage of places booked."""
        return _percent(self.attended, self.booked)

    @property
    def unaccounted(self) -> int | None:
        """Places booked that are neither attended, cancelled nor did-not-attend (None if a part is missing)."""
        parts = (self.booked, self.attended, self.cancelled, self.did_not_attend)
        if any(value is None for value in parts):
            return None
        return self.booked - self.attended - self.cancelled - self.did_not_attend


@dataclass(frozen=True)
class Change:
    number: int | None
    percent: Decimal | None


def _change(now: int | None, before: int | None) -> Change:
    if now is None or before is None:
        return Change(None, None)
    return Change(now - before, _percent(now - before, before))


@dataclass(frozen=True)
class TrainingSummary:
    year: ReportingYear
    recorded: PlaceCounts
    previous_recorded: PlaceCounts
    stated: PlaceCounts | None
    previous_stated: PlaceCounts | None
    statement_source: str

    @property
    def headline(self) -> PlaceCounts:
        """The stated figure where one is entered, else the recorded one (field by field)."""
        return _prefer(self.stated, self.recorded)

    @property
    def previous_headline(self) -> PlaceCounts:
        return _prefer(self.previous_stated, self.previous_recorded)

    @property
    def attended_change(self) -> Change:
        return _change(self.headline.attended, self.previous_headline.attended)

    @property
    def booked_change(self) -> Change:
        return _change(self.headline.booked, self.previous_headline.booked)


def _prefer(stated: PlaceCounts | None, recorded: PlaceCounts) -> PlaceCounts:
    if stated is None:
        return recorded
    return PlaceCounts(
        *(
            getattr(stated, name) if getattr(stated, name) is not None else getattr(recorded, name)
            for name in ("booked", "attended", "cancelled", "did_not_attend")
        )
    )


def _recorded_counts(board: Board, years: list[ReportingYear]) -> dict[ReportingYear, PlaceCounts]:
    aggregates = {}
    for year in years:
        in_year = _in_year("session__starts_on", year)
        prefix = f"y{year.start_year}_"
        aggregates[prefix + "booked"] = Count("pk", filter=in_year & ~Q(status=B.WAITING))
        aggregates[prefix + "attended"] = Count("pk", filter=in_year & Q(status=B.ATTENDED))
        aggregates[prefix + "cancelled"] = Count("pk", filter=in_year & Q(status=B.CANCELLED))
        aggregates[prefix + "did_not_attend"] = Count("pk", filter=in_year & Q(status=B.DID_NOT_ATTEND))
    # Only the years asked for: the board's whole history would make this grow with every year kept.
    span = Q(
        session__starts_on__gte=min(year.start for year in years),
        session__starts_on__lt=max(year.end_exclusive for year in years),
    )
    row = Booking.objects.filter(span, session__course__board=board).aggregate(**aggregates)
    return {
        year: PlaceCounts(
            *(row[f"y{year.start_year}_{name}"] for name in ("booked", "attended", "cancelled", "did_not_attend"))
        )
        for year in years
    }


def _statements(board: Board, years: list[ReportingYear]) -> dict[int, YearStatement]:
    return {
        statement.start_year: statement
        for statement in YearStatement.objects.filter(board=board, start_year__in=[y.start_year for y in years])
    }


def _stated_counts(statement: YearStatement | None) -> PlaceCounts | None:
    if statement is None:
        return None
    return PlaceCounts(statement.places_booked, statement.attended, statement.cancelled, statement.did_not_attend)


def training_summary(*, board: Board, year: ReportingYear) -> TrainingSummary:
    """Places booked, attended, cancelled and did-not-attend for ``year`` and the year before, as
    recorded in the portal and as stated by another source (``YearStatement``). Two queries."""
    years = [year, year.previous]
    recorded = _recorded_counts(board, years)
    statements = _statements(board, years)
    this_statement = statements.get(year.start_year)
    return TrainingSummary(
        year=year,
        recorded=recorded[year],
        previous_recorded=recorded[year.previous],
        stated=_stated_counts(this_statement),
        previous_stated=_stated_counts(statements.get(year.previous.start_year)),
        statement_source=this_statement.source if this_statement else "",
    )


# --- Table One, Table Two and the commissioned courses --------------------------------------------
@dataclass(frozen=True)
class CourseRow:
    course_id: int
    title: str
    planned: int | None
    delivered: int | None
    cancelled: int | None
    places_available: int | None
    attended: int | None
    has_impact_report: bool
    evaluation_score: Decimal | None
    plan_id: int = 0
    impact_summary: str = ""
    has_impact_file: bool = False
    evaluation_responses: int | None = None


@dataclass(frozen=True)
class CourseTable:
    programme: str
    caption: str
    rows: list[CourseRow]

    def _total(self, name: str) -> int:
        return sum(getattr(row, name) or 0 for row in self.rows)

    @property
    def evaluated_rows(self) -> list[CourseRow]:
        """Rows with an impact report or evaluation scores, for the impact and evaluation table."""
        return [row for row in self.rows if row.has_impact_report or row.evaluation_score is not None]

    @property
    def totals(self) -> dict[str, int]:
        names = ("planned", "delivered", "cancelled", "places_available", "attended")
        return {name: self._total(name) for name in names}


def course_tables(*, board: Board, year: ReportingYear) -> dict[str, CourseTable]:
    """The year's courses in their tables (keys: ``CoursePlan.Programme`` values), row by row.

    Planned is the plan's figure; delivered and cancelled count the sessions so marked; places
    available add up every session's places (cancelled ones too: they were offered); attended
    counts bookings marked attended. A plan whose places and attendance were not recorded shows
    blanks (None), and a new course with no plan figure and no sessions shows blanks throughout.
    Three queries.
    """
    plans = list(
        CoursePlan.objects.filter(course__board=board, start_year=year.start_year)
        .select_related("course")
        .order_by("programme", "position", "course__title")
    )
    course_ids = [plan.course_id for plan in plans]
    sessions = {
        row["course_id"]: row
        for row in Session.objects.filter(_in_year("starts_on", year), course_id__in=course_ids)
        .values("course_id")
        .annotate(
            count=Count("pk"),
            delivered=Count("pk", filter=Q(status=S.DELIVERED)),
            cancelled=Count("pk", filter=Q(status=S.CANCELLED)),
            places=Sum("places_available"),
        )
    }
    attended = dict(
        Booking.objects.filter(
            _in_year("session__starts_on", year), session__course_id__in=course_ids, status=B.ATTENDED
        )
        .values("session__course_id")
        .annotate(count=Count("pk"))
        .values_list("session__course_id", "count")
    )
    rows = defaultdict(list)
    for plan in plans:
        counts = sessions.get(plan.course_id, {"count": 0, "delivered": 0, "cancelled": 0, "places": None})
        unplanned = plan.courses_planned is None and counts["count"] == 0
        recorded = plan.are_figures_recorded
        rows[plan.programme].append(
            CourseRow(
                course_id=plan.course_id,
                title=plan.course.title,
                planned=plan.courses_planned,
                delivered=None if unplanned else counts["delivered"],
                cancelled=None if unplanned else counts["cancelled"],
                places_available=(counts["places"] or 0) if recorded else None,
                attended=attended.get(plan.course_id, 0) if recorded else None,
                has_impact_report=plan.has_impact_report,
                evaluation_score=plan.evaluation_score,
                plan_id=plan.pk,
                impact_summary=plan.impact_summary,
                has_impact_file=bool(plan.impact_file),
                evaluation_responses=plan.evaluation_responses,
            )
        )
    return {
        value: CourseTable(programme=value, caption=label, rows=rows.get(value, []))
        for value, label in CoursePlan.Programme.choices
    }


# --- cancelled sessions ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CancellationRow:
    reason: str
    label: str
    count: int
    share_of_planned: Decimal | None
    stated: int | None


@dataclass(frozen=True)
class Cancellations:
    rows: list[CancellationRow]
    total: int
    planned: int
    stated_total: int | None

    @property
    def share_of_planned(self) -> Decimal | None:
        return _percent(self.total, self.planned)

    @property
    def stated_share_of_planned(self) -> Decimal | None:
        return _percent(self.stated_total, self.planned)


def cancellations_by_reason(*, board: Board, year: ReportingYear) -> Cancellations:
    """Sessions cancelled in ``year`` by reason, each as a count and a percentage of all the courses
    planned in the year's three tables; with the stated counts where entered. Three queries."""
    counts = dict(
        Session.objects.filter(_in_year("starts_on", year), course__board=board, status=S.CANCELLED)
        .values("cancellation_reason")
        .annotate(count=Count("pk"))
        .values_list("cancellation_reason", "count")
    )
    planned = (
        CoursePlan.objects.filter(course__board=board, start_year=year.start_year).aggregate(
            total=Sum("courses_planned")
        )["total"]
        or 0
    )
    statement = _statements(board, [year]).get(year.start_year)
    rows = [
        CancellationRow(
            reason=value,
            label=label,
            count=counts.get(value, 0),
            share_of_planned=_percent(counts.get(value, 0), planned),
            stated=getattr(statement, f"cancelled_{value}", None) if statement else None,
        )
        for value, label in Session.CancellationReason.choices
    ]
    return Cancellations(
        rows=rows,
        total=sum(counts.values()),
        planned=planned,
        stated_total=statement.sessions_cancelled if statement else None,
    )


# --- e-learning ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ModuleFigures:
    title: str
    allocated: int
    completed: int


@dataclass(frozen=True)
class ELearningFigures:
    year: ReportingYear
    licences_purchased: int | None
    cost: Decimal | None
    previous_cost_per_licence: Decimal | None
    allocated: int
    completed: int
    stated_allocated: int | None
    stated_completed: int | None
    stated_completion_rate: Decimal | None
    modules: list[ModuleFigures] = field(default_factory=list)

    @property
    def completion_rate(self) -> Decimal | None:
        return _percent(self.completed, self.allocated)

    @property
    def cost_per_licence(self) -> Decimal | None:
        """The package cost divided by the licences purchased."""
        return _cost_per_licence(self.cost, self.licences_purchased)


def _cost_per_licence(cost, licences) -> Decimal | None:
    if cost is None or not licences:
        return None
    return (cost / licences).quantize(PENNY, rounding=ROUND_HALF_UP)


def elearning_figures(*, board: Board, year: ReportingYear) -> ELearningFigures:
    """Licences purchased, allocated and completed in ``year``, the completion rate, the cost per
    licence (this year and last), and allocations and completions by module. Two queries."""
    packages = {
        package.start_year: package
        for package in ELearningPackage.objects.filter(
            board=board, start_year__in=[year.start_year, year.previous.start_year]
        )
    }
    modules = list(
        ELearningEnrolment.objects.filter(_in_year("allocated_on", year), module__board=board)
        .values("module__title")
        .annotate(allocated=Count("pk"), completed=Count("pk", filter=Q(completed_on__isnull=False)))
        .order_by("-completed", "module__title")
    )
    package = packages.get(year.start_year)
    previous = packages.get(year.previous.start_year)
    return ELearningFigures(
        year=year,
        licences_purchased=package.licences_purchased if package else None,
        cost=package.cost if package else None,
        previous_cost_per_licence=_cost_per_licence(previous.cost, previous.licences_purchased) if previous else None,
        allocated=sum(row["allocated"] for row in modules),
        completed=sum(row["completed"] for row in modules),
        stated_allocated=package.stated_allocated if package else None,
        stated_completed=package.stated_completed if package else None,
        stated_completion_rate=package.stated_completion_rate if package else None,
        modules=[ModuleFigures(row["module__title"], row["allocated"], row["completed"]) for row in modules],
    )


def completions_chart_svg(figures: ELearningFigures) -> str:
    """A horizontal bar chart of completions by module, as inline SVG (the table beside it is the
    text alternative)."""
    chart = pygal.HorizontalBar(
        title=f"E-learning completions by module, {figures.year.label}",
        show_legend=False,
        width=800,
        height=max(200, 40 * len(figures.modules) + 80),
        disable_xml_declaration=True,
        print_values=True,
        js=[],  # pygal's default loads tooltips from the internet; the portal must work offline
        style=Style(background="white", plot_background="white", colors=("#1d4f91",), font_family="sans-serif"),
    )
    modules = list(reversed(figures.modules))  # pygal draws the first bar at the bottom
    chart.x_labels = [module.title for module in modules]
    chart.add("Completions", [module.completed for module in modules])
    return chart.render(is_unicode=True)


# --- uptake and charges by agency ------------------------------------------------------------------
@dataclass
class AgencyUptake:
    partner_id: int | None
    name: str
    booked: int = 0
    attended: int = 0
    did_not_attend: int = 0
    cancelled: int = 0
    elearning_completed: int = 0


def uptake_by_agency(*, board: Board, year: ReportingYear, partner: Partner | None = None) -> list[AgencyUptake]:
    """Places booked, attended, did-not-attend and cancelled, and e-learning completions, per
    agency (partners by id, community organisations by name), for ``year``. Two queries."""
    bookings = Booking.objects.filter(_in_year("session__starts_on", year), session__course__board=board)
    enrolments = ELearningEnrolment.objects.filter(
        _in_year("allocated_on", year), module__board=board, completed_on__isnull=False
    )
    if partner is not None:
        bookings = bookings.filter(partner=partner)
        enrolments = enrolments.filter(partner=partner)
    table: dict[tuple, AgencyUptake] = {}

    def entry(row) -> AgencyUptake:
        key = (row["partner_id"], "" if row["partner_id"] else row["organisation_name"])
        if key not in table:
            table[key] = AgencyUptake(row["partner_id"], row["partner__name"] or row["organisation_name"])
        return table[key]

    for row in bookings.values("partner_id", "partner__name", "organisation_name").annotate(
        booked=Count("pk", filter=~Q(status=B.WAITING)),
        attended=Count("pk", filter=Q(status=B.ATTENDED)),
        did_not_attend=Count("pk", filter=Q(status=B.DID_NOT_ATTEND)),
        cancelled=Count("pk", filter=Q(status=B.CANCELLED)),
    ):
        uptake = entry(row)
        uptake.booked += row["booked"]
        uptake.attended += row["attended"]
        uptake.did_not_attend += row["did_not_attend"]
        uptake.cancelled += row["cancelled"]
    for row in enrolments.values("partner_id", "partner__name", "organisation_name").annotate(completed=Count("pk")):
        entry(row).elearning_completed += row["completed"]
    return sorted(table.values(), key=lambda uptake: (-uptake.booked - uptake.elearning_completed, uptake.name))


@dataclass(frozen=True)
class ChargeLine:
    """What one agency is charged for a year's did-not-attends, late cancellations and e-learning
    licences allocated in the year but not completed by its end."""

    partner_id: int | None
    agency_name: str
    sector: str
    did_not_attend: int
    late_cancellations: int
    elearning_not_completed: int
    did_not_attend_rate: Decimal
    late_cancellation_rate: Decimal
    elearning_not_completed_rate: Decimal

    @property
    def sector_label(self) -> str:
        return Partner.Sector(self.sector).label

    @property
    def amount(self) -> Decimal:
        return (
            self.did_not_attend * self.did_not_attend_rate
            + self.late_cancellations * self.late_cancellation_rate
            + self.elearning_not_completed * self.elearning_not_completed_rate
        )


def charges_by_agency(*, board: Board, year: ReportingYear, partner: Partner | None = None) -> list[ChargeLine]:
    """Charges per agency for ``year`` at the board's rates for the agency's sector (community
    organisations use the voluntary and community sector's rates). Plain data, for the finance
    statement to take as training income. Agencies with nothing to charge are left out. Three queries."""
    rates = {(rate.sector, rate.reason): rate.amount for rate in ChargeRate.objects.filter(board=board)}
    chargeable = Q(status=B.DID_NOT_ATTEND) | Q(status=B.CANCELLED, is_late_cancellation=True)
    bookings = Booking.objects.filter(_in_year("session__starts_on", year), chargeable, session__course__board=board)
    uncompleted = ELearningEnrolment.objects.filter(_in_year("allocated_on", year), module__board=board).filter(
        Q(completed_on__isnull=True) | Q(completed_on__gte=year.end_exclusive)
    )
    if partner is not None:
        bookings = bookings.filter(partner=partner)
        uncompleted = uncompleted.filter(partner=partner)
    names = ("partner_id", "partner__name", "partner__sector", "organisation_name")
    counts: dict[tuple, dict] = {}

    def entry(row) -> dict:
        key = (row["partner_id"], "" if row["partner_id"] else row["organisation_name"])
        return counts.setdefault(key, {**{name: row[name] for name in names}, "dna": 0, "late": 0, "elearning": 0})

    for row in bookings.values(*names).annotate(
        dna=Count("pk", filter=Q(status=B.DID_NOT_ATTEND)), late=Count("pk", filter=Q(status=B.CANCELLED))
    ):
        entry(row).update(dna=row["dna"], late=row["late"])
    for row in uncompleted.values(*names).annotate(elearning=Count("pk")):
        entry(row)["elearning"] = row["elearning"]
    lines = []
    for row in counts.values():
        sector = row["partner__sector"] or COMMUNITY_SECTOR

        def rate(reason, sector=sector):
            return rates.get((sector, reason), Decimal("0.00"))

        lines.append(
            ChargeLine(
                partner_id=row["partner_id"],
                agency_name=row["partner__name"] or row["organisation_name"],
                sector=sector,
                did_not_attend=row["dna"],
                late_cancellations=row["late"],
                elearning_not_completed=row["elearning"],
                did_not_attend_rate=rate(ChargeRate.Reason.DID_NOT_ATTEND),
                late_cancellation_rate=rate(ChargeRate.Reason.LATE_CANCELLATION),
                elearning_not_completed_rate=rate(ChargeRate.Reason.ELEARNING_NOT_COMPLETED),
            )
        )
    return sorted(lines, key=lambda line: line.agency_name.casefold())


def training_income(*, board: Board, year: ReportingYear) -> Decimal:
    """The year's total training charges in pounds (for the finance statement)."""
    return sum((line.amount for line in charges_by_agency(board=board, year=year)), Decimal("0.00"))


# --- other activity and reconciliation -------------------------------------------------------------
@dataclass(frozen=True)
class ActivityRow:
    kind: str
    description: str
    settings_count: int | None
    people_trained: int
    previous_people_trained: int | None


def other_activity(*, board: Board, year: ReportingYear) -> list[ActivityRow]:
    """Counted training (schools, programmes, children and young people...) with last year's count
    for the same kind and description. One query."""
    records = list(
        OtherActivity.objects.filter(board=board, start_year__in=[year.start_year, year.previous.start_year])
    )
    previous = {(r.kind, r.description): r.people_trained for r in records if r.start_year == year.previous.start_year}
    return [
        ActivityRow(
            r.get_kind_display(),
            r.description,
            r.settings_count,
            r.people_trained,
            previous.get((r.kind, r.description)),
        )
        for r in records
        if r.start_year == year.start_year
    ]


@dataclass(frozen=True)
class ReconciliationLine:
    """A stated total next to what it should equal; ``difference`` = stated - expected."""

    label: str
    stated: int
    expected: int
    explanation: str

    @property
    def difference(self) -> int:
        return self.stated - self.expected


def reconciliation(
    *, summary: TrainingSummary, cancellations: Cancellations, elearning: ELearningFigures
) -> list[ReconciliationLine]:
    """Where stated totals do not add up (to each other or to the records), one line each. No queries."""
    lines = []
    stated = summary.stated
    if stated is not None and stated.unaccounted:
        lines.append(
            ReconciliationLine(
                "Places booked (stated), against its parts",
                stated.booked,
                stated.attended + stated.cancelled + stated.did_not_attend,
                "stated attended + cancelled + did not attend",
            )
        )
    if stated is not None:
        for name, label in (("attended", "Attended"), ("booked", "Places booked")):
            stated_value = getattr(stated, name)
            recorded_value = getattr(summary.recorded, name)
            if stated_value is not None and stated_value != recorded_value:
                lines.append(
                    ReconciliationLine(
                        f"{label} (stated), against the records", stated_value, recorded_value, "recorded in the portal"
                    )
                )
    if cancellations.stated_total is not None and cancellations.stated_total != cancellations.total:
        lines.append(
            ReconciliationLine(
                "Sessions cancelled (stated)", cancellations.stated_total, cancellations.total, "recorded in the portal"
            )
        )
    for name, label in (("allocated", "E-learning licences allocated"), ("completed", "E-learning completions")):
        stated_value = getattr(elearning, f"stated_{name}")
        if stated_value is not None and stated_value != getattr(elearning, name):
            lines.append(
                ReconciliationLine(
                    f"{label} (stated)", stated_value, getattr(elearning, name), "recorded licences by module"
                )
            )
    return lines


@dataclass(frozen=True)
class TrainingReport:
    summary: TrainingSummary
    tables: dict[str, CourseTable]
    cancellations: Cancellations
    elearning: ELearningFigures
    uptake: list[AgencyUptake]
    activity: list[ActivityRow]
    reconciliation: list[ReconciliationLine]


def training_report(*, board: Board, year: ReportingYear) -> TrainingReport:
    """Everything on the training summary page, in a bounded number of queries (about 15)."""
    summary = training_summary(board=board, year=year)
    cancellations = cancellations_by_reason(board=board, year=year)
    elearning = elearning_figures(board=board, year=year)
    return TrainingReport(
        summary=summary,
        tables=course_tables(board=board, year=year),
        cancellations=cancellations,
        elearning=elearning,
        uptake=uptake_by_agency(board=board, year=year),
        activity=other_activity(board=board, year=year),
        reconciliation=reconciliation(summary=summary, cancellations=cancellations, elearning=elearning),
    )


def courses_by_priority(*, board: Board, year: ReportingYear) -> dict[int, int]:
    """Evidence for the annual report: courses tagged to each strategic priority (by id) that are
    planned for ``year`` or have a session in it. One query."""
    return dict(courses_by_priority_queryset(board=board, year=year))


def courses_by_priority_queryset(*, board: Board, year: ReportingYear) -> QuerySet:
    """(priority id, count) pairs for ``courses_by_priority``, unevaluated (for a batch)."""
    in_year = Q(course__plans__start_year=year.start_year) | _in_year("course__sessions__starts_on", year)
    return (
        Course.priorities.through.objects.filter(in_year, course__board=board)
        .values("strategicpriority_id")
        .annotate(count=Count("course_id", distinct=True))
        .values_list("strategicpriority_id", "count")
    )
