"""Training figures for a reporting year, computed from the records (pure reads returning dataclasses).

Every function takes a board and a ``ReportingYear`` and runs ONE query, whatever the number of
courses, sessions, bookings or enrolments: each figure is built from a few read-only querysets
(grouped aggregates, no pk lists carried between queries) that ``wscb.data.batching.fetch`` sends
together. ``training_report`` (the summary page and the annual report's section) and
``training_income`` (the finance section) send all of theirs as one query too; their parts are
public (``training_report_queries`` / ``training_report_from_rows`` and the ``training_income``
pair) so a caller can put them into a larger batch. ``courses_per_priority_queryset`` is the
annual report's evidence count as an unevaluated queryset, for the same purpose.

A session belongs to the year its date falls in; a booking to its session's year; an e-learning
licence to the year it was allocated in. Money is ``Decimal`` pounds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, F, Q, QuerySet, Sum

from partners.models import Board, Partner
from training.models import (
    COMMUNITY_SECTOR,
    Booking,
    ChargeRate,
    Course,
    CoursePlan,
    ELearningEnrolment,
    ELearningModuleTotal,
    ELearningPackage,
    Evaluation,
    ImpactResponse,
    OtherActivity,
    Session,
    TrainingPolicy,
    YearStatement,
)
from wscb import charts
from wscb.data.batching import fetch
from wscb.periods import ReportingYear

B = Booking.Status
#: Waiting-list entries, freed places offered but not taken up in time, and places the manager did not
#: approve (declined, or not in time) were never booked places.
NOT_BOOKED = (B.WAITING, B.OFFER_EXPIRED, B.DECLINED, B.APPROVAL_EXPIRED)
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
    def is_recorded(self) -> bool:
        """Whether any of the four figures is known."""
        return any(getattr(self, name) is not None for name in PLACE_NAMES)

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


PLACE_NAMES = ("booked", "attended", "cancelled", "did_not_attend")
#: A dict of named read-only querysets for ``wscb.data.batching.fetch``; names start with ``training_``
#: so they can join other apps' parts in one batch, and a name always means the same queryset for
#: the same board and year (parts shared by two figures are sent once).
Parts = dict[str, QuerySet]


def _recorded_queryset(board: Board, years: list[ReportingYear]) -> QuerySet:
    """One row (none when nothing is booked) with booked, attended, cancelled and did-not-attend per year."""
    aggregates = {}
    for year in years:
        in_year = _in_year("session__starts_on", year)
        prefix = f"y{year.start_year}_"
        aggregates[prefix + "rows"] = Count("pk", filter=in_year)
        aggregates[prefix + "booked"] = Count("pk", filter=in_year & ~Q(status__in=NOT_BOOKED))
        aggregates[prefix + "attended"] = Count("pk", filter=in_year & Q(status=B.ATTENDED))
        aggregates[prefix + "cancelled"] = Count("pk", filter=in_year & Q(status=B.CANCELLED))
        aggregates[prefix + "did_not_attend"] = Count("pk", filter=in_year & Q(status=B.DID_NOT_ATTEND))
    # Only the years asked for: the board's whole history would make this grow with every year kept.
    span = Q(
        session__starts_on__gte=min(year.start for year in years),
        session__starts_on__lt=max(year.end_exclusive for year in years),
    )
    # Grouped by the board (one value under this filter) so that it can be batched like any part.
    return (
        Booking.objects.filter(span, session__course__board=board)
        .values("session__course__board")
        .annotate(**aggregates)
    )


NOT_RECORDED = PlaceCounts(None, None, None, None)


def _recorded_counts(rows: list[dict], years: list[ReportingYear]) -> dict[ReportingYear, PlaceCounts]:
    """Per year, the bookings' counts; ``NOT_RECORDED`` (every figure None) for a year with no booking
    at all, so that a year whose bookings were never entered shows "not recorded", not zeros."""
    (row,) = rows or [{}]
    return {
        year: PlaceCounts(*(row.get(f"y{year.start_year}_{name}", 0) for name in PLACE_NAMES))
        if row.get(f"y{year.start_year}_rows")
        else NOT_RECORDED
        for year in years
    }


def _statements_queryset(board: Board, year: ReportingYear) -> QuerySet:
    """The stated figures for ``year`` and the year before."""
    return YearStatement.objects.filter(board=board, start_year__in=[year.start_year, year.previous.start_year])


def _statements(rows: list[YearStatement]) -> dict[int, YearStatement]:
    return {statement.start_year: statement for statement in rows}


def _stated_counts(statement: YearStatement | None) -> PlaceCounts | None:
    if statement is None:
        return None
    return PlaceCounts(statement.places_booked, statement.attended, statement.cancelled, statement.did_not_attend)


def _summary_queries(board: Board, year: ReportingYear) -> Parts:
    return {
        f"training_recorded_{year.start_year}": _recorded_queryset(board, [year, year.previous]),
        f"training_statements_{year.start_year}": _statements_queryset(board, year),
    }


def _summary_from_rows(rows: dict[str, list], year: ReportingYear) -> TrainingSummary:
    recorded = _recorded_counts(rows[f"training_recorded_{year.start_year}"], [year, year.previous])
    statements = _statements(rows[f"training_statements_{year.start_year}"])
    this_statement = statements.get(year.start_year)
    return TrainingSummary(
        year=year,
        recorded=recorded[year],
        previous_recorded=recorded[year.previous],
        stated=_stated_counts(this_statement),
        previous_stated=_stated_counts(statements.get(year.previous.start_year)),
        statement_source=this_statement.source if this_statement else "",
    )


def training_summary(*, board: Board, year: ReportingYear) -> TrainingSummary:
    """Places booked, attended, cancelled and did-not-attend for ``year`` and the year before, as
    recorded in the portal and as stated by another source (``YearStatement``). One query."""
    return _summary_from_rows(fetch(**_summary_queries(board, year)), year)


# --- Table One, Table Two and the commissioned courses --------------------------------------------
@dataclass(frozen=True)
class CourseRow:
    course_id: int
    title: str
    planned: int | None
    delivered: int | None
    cancelled: int | None
    places_available: int | None  # the places column: delivered sessions' (or every session's, per the policy)
    attended: int | None
    has_impact_report: bool
    evaluation_score: Decimal | None
    plan_id: int = 0
    impact_summary: str = ""
    has_impact_file: bool = False
    evaluation_responses: int | None = None
    places_in_cancelled: int | None = None  # places the cancelled sessions would have offered
    #: "sessions" when the figures are counted from recorded sessions and bookings, "stated" when they
    #: are the plan's stated totals (the sessions are not recorded), "" when nothing is recorded.
    source: str = ""
    #: The plan's stated totals when sessions are recorded too (for the reconciliation), else None.
    stated: dict | None = None
    #: Counted from the learners' evaluations of the year's sessions (None: none recorded): how many,
    #: and the average of their ratings (1-5) on the course's learning outcomes before and after.
    evaluations_recorded: int | None = None
    rating_before: Decimal | None = None
    rating_after: Decimal | None = None
    #: Counted from the follow-up impact questionnaires: how many, and the average of "how much the
    #: course changed your practice" (1-5).
    impact_responses: int | None = None
    practice_change: Decimal | None = None

    @property
    def rating_change(self) -> Decimal | None:
        return (
            None if self.rating_before is None or self.rating_after is None else self.rating_after - self.rating_before
        )

    @property
    def score_difference(self) -> Decimal | None:
        """The entered evaluation score less the recorded average rating after the course."""
        if self.evaluation_score is None or self.rating_after is None:
            return None
        return self.evaluation_score - self.rating_after

    @property
    def responses_difference(self) -> int | None:
        """The entered number of evaluation responses less the evaluations recorded."""
        if self.evaluation_responses is None or self.evaluations_recorded is None:
            return None
        return self.evaluation_responses - self.evaluations_recorded

    @property
    def is_evaluated(self) -> bool:
        return bool(
            self.impact_summary
            or self.evaluation_score is not None
            or self.evaluation_responses is not None
            or self.evaluations_recorded
            or self.impact_responses
        )


@dataclass(frozen=True)
class CourseTable:
    programme: str
    caption: str
    rows: list[CourseRow]
    places_label: str = TrainingPolicy.PlacesCount.DELIVERED.label  # what the places column counts

    def _total(self, name: str) -> int:
        return sum(getattr(row, name) or 0 for row in self.rows)

    @property
    def evaluated_rows(self) -> list[CourseRow]:
        """Rows with an impact report, entered evaluation scores or recorded evaluations and impact
        questionnaires, for the impact and evaluation table."""
        return [row for row in self.rows if row.has_impact_report or row.is_evaluated]

    @property
    def totals(self) -> dict[str, int]:
        names = ("planned", "delivered", "cancelled", "places_available", "places_in_cancelled", "attended")
        return {name: self._total(name) for name in names}


def _plans_queryset(board: Board, year: ReportingYear) -> QuerySet:
    return CoursePlan.objects.filter(course__board=board, start_year=year.start_year)


def _tables_queries(board: Board, year: ReportingYear) -> Parts:
    planned_courses = _plans_queryset(board, year).values("course_id")
    return {
        f"training_plans_{year.start_year}": _plans_queryset(board, year)
        .annotate(course_title=F("course__title"))
        .order_by("programme", "position", "course__title"),
        f"training_sessions_{year.start_year}": Session.objects.filter(
            _in_year("starts_on", year), course_id__in=planned_courses
        )
        .values("course_id")
        .annotate(
            count=Count("pk"),
            delivered=Count("pk", filter=Q(status=S.DELIVERED)),
            cancelled=Count("pk", filter=Q(status=S.CANCELLED)),
            places_delivered=Sum("places_available", filter=Q(status=S.DELIVERED)),
            places_all=Sum("places_available"),
            places_cancelled=Sum("places_available", filter=Q(status=S.CANCELLED)),
        ),
        f"training_attended_{year.start_year}": Booking.objects.filter(
            _in_year("session__starts_on", year), session__course_id__in=planned_courses, status=B.ATTENDED
        )
        .values("session__course_id")
        .annotate(count=Count("pk"))
        .values_list("session__course_id", "count"),
        f"training_places_count_{year.start_year}": TrainingPolicy.objects.filter(board=board).values_list(
            "places_count", flat=True
        ),
        f"training_evaluations_{year.start_year}": Evaluation.objects.filter(
            _in_year("booking__session__starts_on", year), booking__session__course_id__in=planned_courses
        )
        .values("booking__session__course_id")
        .annotate(count=Count("pk"), before=Avg("before_average"), after=Avg("after_average"))
        .order_by("booking__session__course_id"),
        f"training_impact_{year.start_year}": ImpactResponse.objects.filter(
            _in_year("booking__session__starts_on", year), booking__session__course_id__in=planned_courses
        )
        .values("booking__session__course_id")
        .annotate(count=Count("pk"), practice=Avg("practice_change"))
        .order_by("booking__session__course_id"),
    }


def _evaluation_figures(evaluations: dict | None, impact: dict | None) -> dict:
    figures = {}
    if evaluations:
        figures.update(
            evaluations_recorded=evaluations["count"],
            rating_before=_two_places(evaluations["before"]),
            rating_after=_two_places(evaluations["after"]),
        )
    if impact:
        figures.update(impact_responses=impact["count"], practice_change=_two_places(impact["practice"]))
    return figures


def _two_places(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _tables_from_rows(rows: dict[str, list], year: ReportingYear) -> dict[str, CourseTable]:
    plans = rows[f"training_plans_{year.start_year}"]
    sessions = {row["course_id"]: row for row in rows[f"training_sessions_{year.start_year}"]}
    attended = dict(rows[f"training_attended_{year.start_year}"])
    evaluated = {row["booking__session__course_id"]: row for row in rows[f"training_evaluations_{year.start_year}"]}
    impacts = {row["booking__session__course_id"]: row for row in rows[f"training_impact_{year.start_year}"]}
    rule = next(iter(rows[f"training_places_count_{year.start_year}"]), TrainingPolicy.PlacesCount.DELIVERED)
    places_key = "places_all" if rule == TrainingPolicy.PlacesCount.ALL_SESSIONS else "places_delivered"
    table_rows = defaultdict(list)
    for plan in plans:
        counts = sessions.get(
            plan.course_id, {"count": 0, "delivered": 0, "cancelled": 0, places_key: None, "places_cancelled": None}
        )
        recorded = plan.are_figures_recorded
        stated = _stated_figures(plan)
        if counts["count"] or not plan.has_stated_figures:
            unplanned = plan.courses_planned is None and counts["count"] == 0
            figures = {
                "delivered": None if unplanned else counts["delivered"],
                "cancelled": None if unplanned else counts["cancelled"],
                "places_available": (counts.get(places_key) or 0) if recorded else None,
                "places_in_cancelled": (counts.get("places_cancelled") or 0) if recorded else None,
                "attended": attended.get(plan.course_id, 0) if recorded else None,
            }
            source = "sessions" if counts["count"] else ""
        else:
            figures = {
                **stated,
                "places_available": stated["places_available"] if recorded else None,
                "attended": stated["attended"] if recorded else None,
            }
            source = "stated"
        table_rows[plan.programme].append(
            CourseRow(
                course_id=plan.course_id,
                title=plan.course_title,
                planned=plan.courses_planned,
                **figures,
                source=source,
                stated=stated if source == "sessions" and plan.has_stated_figures else None,
                has_impact_report=plan.has_impact_report,
                evaluation_score=plan.evaluation_score,
                plan_id=plan.pk,
                impact_summary=plan.impact_summary,
                has_impact_file=bool(plan.impact_file),
                evaluation_responses=plan.evaluation_responses,
                **_evaluation_figures(evaluated.get(plan.course_id), impacts.get(plan.course_id)),
            )
        )
    return {
        value: CourseTable(
            programme=value,
            caption=label,
            rows=table_rows.get(value, []),
            places_label=TrainingPolicy.PlacesCount(rule).label,
        )
        for value, label in CoursePlan.Programme.choices
    }


def _stated_figures(plan: CoursePlan) -> dict:
    return {
        "delivered": plan.stated_delivered,
        "cancelled": plan.stated_cancelled,
        "places_available": plan.stated_places,
        "attended": plan.stated_attended,
    }


def course_tables(*, board: Board, year: ReportingYear) -> dict[str, CourseTable]:
    """The year's courses in their tables (keys: ``CoursePlan.Programme`` values), row by row.

    Planned is the plan's figure; delivered and cancelled count the sessions so marked; the places
    column adds up the places of delivered sessions, or of every session (cancelled and not yet
    marked ones too) where the board's ``TrainingPolicy.places_count`` says so (the Wigan seed does:
    its LADO row has 90 places and no course delivered); ``table.places_label`` says which. The
    places the cancelled sessions offered are always counted apart (``places_in_cancelled``);
    attended counts bookings marked attended. A course whose sessions are not recorded one by one
    shows the plan's stated totals instead (blank where not stated). A plan whose places and
    attendance were not recorded shows blanks (None), and a new course with no plan figure and no
    sessions shows blanks throughout. One query.
    """
    return _tables_from_rows(fetch(**_tables_queries(board, year)), year)


# --- cancelled sessions ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CancellationRow:
    reason: str
    label: str
    count: int | None
    share_of_planned: Decimal | None
    stated: int | None


@dataclass(frozen=True)
class Cancellations:
    rows: list[CancellationRow]
    total: int | None  # None when no session of the year is recorded (so none could be counted)
    planned: int
    stated_total: int | None

    @property
    def is_recorded(self) -> bool:
        return self.total is not None

    @property
    def share_of_planned(self) -> Decimal | None:
        return _percent(self.total, self.planned)

    @property
    def stated_share_of_planned(self) -> Decimal | None:
        return _percent(self.stated_total, self.planned)


def _cancellations_queries(board: Board, year: ReportingYear) -> Parts:
    return {
        f"training_cancelled_{year.start_year}": Session.objects.filter(
            _in_year("starts_on", year), course__board=board, status=S.CANCELLED
        )
        .values("cancellation_reason")
        .annotate(count=Count("pk"))
        .values_list("cancellation_reason", "count"),
        f"training_session_total_{year.start_year}": Session.objects.filter(
            _in_year("starts_on", year), course__board=board
        )
        .values("course__board")
        .annotate(count=Count("pk"))
        .values_list("count", flat=True),
        f"training_planned_{year.start_year}": _plans_queryset(board, year).values_list("courses_planned", flat=True),
        f"training_statements_{year.start_year}": _statements_queryset(board, year),
    }


def _cancellations_from_rows(rows: dict[str, list], year: ReportingYear) -> Cancellations:
    counts = dict(rows[f"training_cancelled_{year.start_year}"])
    is_recorded = bool(sum(rows[f"training_session_total_{year.start_year}"]))
    planned = sum(planned or 0 for planned in rows[f"training_planned_{year.start_year}"])
    statement = _statements(rows[f"training_statements_{year.start_year}"]).get(year.start_year)
    cancellation_rows = [
        CancellationRow(
            reason=value,
            label=label,
            count=counts.get(value, 0) if is_recorded else None,
            share_of_planned=_percent(counts.get(value, 0), planned) if is_recorded else None,
            stated=getattr(statement, f"cancelled_{value}", None) if statement else None,
        )
        for value, label in Session.CancellationReason.choices
    ]
    return Cancellations(
        rows=cancellation_rows,
        total=sum(counts.values()) if is_recorded else None,
        planned=planned,
        stated_total=statement.sessions_cancelled if statement else None,
    )


def cancellations_by_reason(*, board: Board, year: ReportingYear) -> Cancellations:
    """Sessions cancelled in ``year`` by reason, each as a count and a percentage of all the courses
    planned in the year's three tables; with the stated counts where entered. The counts are None
    when no session of the year is recorded. One query."""
    return _cancellations_from_rows(fetch(**_cancellations_queries(board, year)), year)


# --- e-learning ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ModuleFigures:
    title: str
    allocated: int | None
    completed: int


@dataclass(frozen=True)
class ELearningFigures:
    """``modules_source`` is "licences" when the figures count recorded licences, "stated" when they are
    the provider's totals by module (``ELearningModuleTotal``), "" when neither is recorded."""

    year: ReportingYear
    licences_purchased: int | None
    cost: Decimal | None
    previous_cost_per_licence: Decimal | None
    allocated: int | None
    completed: int | None
    stated_allocated: int | None
    stated_completed: int | None
    stated_completion_rate: Decimal | None
    modules: list[ModuleFigures] = field(default_factory=list)
    stated_cost_per_licence: Decimal | None = None
    modules_source: str = ""

    @property
    def completion_rate(self) -> Decimal | None:
        return _percent(self.completed, self.allocated)

    @property
    def cost_per_licence(self) -> Decimal | None:
        """The package cost divided by the licences purchased; the stated cost per licence without them."""
        return _cost_per_licence(self.cost, self.licences_purchased, self.stated_cost_per_licence)

    @property
    def is_recorded(self) -> bool:
        return bool(self.modules_source) or any(
            value is not None
            for value in (self.licences_purchased, self.stated_allocated, self.stated_completed, self.cost_per_licence)
        )


def _cost_per_licence(cost, licences, stated=None) -> Decimal | None:
    if cost is None or not licences:
        return stated
    return (cost / licences).quantize(PENNY, rounding=ROUND_HALF_UP)


def _elearning_queries(board: Board, year: ReportingYear) -> Parts:
    return {
        f"training_packages_{year.start_year}": ELearningPackage.objects.filter(
            board=board, start_year__in=[year.start_year, year.previous.start_year]
        ),
        f"training_modules_{year.start_year}": ELearningEnrolment.objects.filter(
            _in_year("allocated_on", year), module__board=board
        )
        .values("module__title")
        .annotate(allocated=Count("pk"), completed=Count("pk", filter=Q(completed_on__isnull=False)))
        .order_by("-completed", "module__title"),
        f"training_module_totals_{year.start_year}": ELearningModuleTotal.objects.filter(
            module__board=board, start_year=year.start_year
        )
        .order_by("position", "module__title")
        .values("module__title", "allocated", "completed"),
    }


def _elearning_from_rows(rows: dict[str, list], year: ReportingYear) -> ELearningFigures:
    packages = {package.start_year: package for package in rows[f"training_packages_{year.start_year}"]}
    modules = rows[f"training_modules_{year.start_year}"]
    source = "licences"
    if not modules:
        modules = rows[f"training_module_totals_{year.start_year}"]
        source = "stated" if modules else ""
    package = packages.get(year.start_year)
    previous = packages.get(year.previous.start_year)
    allocations = [row["allocated"] for row in modules]
    return ELearningFigures(
        year=year,
        licences_purchased=package.licences_purchased if package else None,
        cost=package.cost if package else None,
        previous_cost_per_licence=(
            _cost_per_licence(previous.cost, previous.licences_purchased, previous.stated_cost_per_licence)
            if previous
            else None
        ),
        allocated=sum(allocations) if allocations and None not in allocations else None,
        completed=sum(row["completed"] for row in modules) if modules else None,
        stated_allocated=package.stated_allocated if package else None,
        stated_completed=package.stated_completed if package else None,
        stated_completion_rate=package.stated_completion_rate if package else None,
        modules=[ModuleFigures(row["module__title"], row["allocated"], row["completed"]) for row in modules],
        stated_cost_per_licence=package.stated_cost_per_licence if package else None,
        modules_source=source,
    )


def elearning_figures(*, board: Board, year: ReportingYear) -> ELearningFigures:
    """Licences purchased, allocated and completed in ``year``, the completion rate, the cost per
    licence (this year and last), and allocations and completions by module: counted from the
    recorded licences, or, for a year without them, the provider's stated totals by module
    (allocations None where not stated). One query."""
    return _elearning_from_rows(fetch(**_elearning_queries(board, year)), year)


def completions_chart_svg(figures: ELearningFigures) -> str:
    """A horizontal bar chart of completions by module, as inline SVG (``wscb.charts``; laid out once
    per set of numbers across processes and servers); the table beside it holds the same numbers."""
    spec = charts.bar_chart(
        title=f"E-learning completions by module, {figures.year.label}",
        labels=[module.title for module in figures.modules],
        values=[module.completed for module in figures.modules],
    )
    return charts.svgs([spec])[0]


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

    @property
    def did_not_attend_rate(self) -> Decimal | None:
        """Did-not-attends as a percentage of the places that were due to be used (attended or not),
        to one decimal place; None when there were none."""
        due = self.attended + self.did_not_attend
        if not due:
            return None
        return (Decimal(self.did_not_attend) * 100 / due).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _partner_key(partner: Partner | None) -> str:
    return "all" if partner is None else f"partner_{partner.pk}"


def _uptake_queries(board: Board, year: ReportingYear, partner: Partner | None) -> Parts:
    bookings = Booking.objects.filter(_in_year("session__starts_on", year), session__course__board=board)
    enrolments = ELearningEnrolment.objects.filter(
        _in_year("allocated_on", year), module__board=board, completed_on__isnull=False
    )
    if partner is not None:
        bookings = bookings.filter(partner=partner)
        enrolments = enrolments.filter(partner=partner)
    names = ("partner_id", "partner__name", "organisation_name")
    suffix = f"{year.start_year}_{_partner_key(partner)}"
    return {
        f"training_uptake_bookings_{suffix}": bookings.values(*names).annotate(
            booked=Count("pk", filter=~Q(status__in=NOT_BOOKED)),
            attended=Count("pk", filter=Q(status=B.ATTENDED)),
            did_not_attend=Count("pk", filter=Q(status=B.DID_NOT_ATTEND)),
            cancelled=Count("pk", filter=Q(status=B.CANCELLED)),
        ),
        f"training_uptake_elearning_{suffix}": enrolments.values(*names).annotate(completed=Count("pk")),
    }


def _uptake_from_rows(rows: dict[str, list], year: ReportingYear, partner: Partner | None) -> list[AgencyUptake]:
    suffix = f"{year.start_year}_{_partner_key(partner)}"
    table: dict[tuple, AgencyUptake] = {}

    def entry(row) -> AgencyUptake:
        key = (row["partner_id"], "" if row["partner_id"] else row["organisation_name"])
        if key not in table:
            table[key] = AgencyUptake(row["partner_id"], row["partner__name"] or row["organisation_name"])
        return table[key]

    for row in rows[f"training_uptake_bookings_{suffix}"]:
        uptake = entry(row)
        uptake.booked += row["booked"]
        uptake.attended += row["attended"]
        uptake.did_not_attend += row["did_not_attend"]
        uptake.cancelled += row["cancelled"]
    for row in rows[f"training_uptake_elearning_{suffix}"]:
        entry(row).elearning_completed += row["completed"]
    return sorted(table.values(), key=lambda uptake: (-uptake.booked - uptake.elearning_completed, uptake.name))


def uptake_by_agency(*, board: Board, year: ReportingYear, partner: Partner | None = None) -> list[AgencyUptake]:
    """Places booked, attended, did-not-attend and cancelled, and e-learning completions, per
    agency (partners by id, community organisations by name), for ``year``. One query."""
    return _uptake_from_rows(fetch(**_uptake_queries(board, year, partner)), year, partner)


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


def _charges_queries(board: Board, year: ReportingYear, partner: Partner | None) -> Parts:
    chargeable = Q(status=B.DID_NOT_ATTEND) | Q(status=B.CANCELLED, is_late_cancellation=True)
    bookings = Booking.objects.filter(_in_year("session__starts_on", year), chargeable, session__course__board=board)
    uncompleted = ELearningEnrolment.objects.filter(_in_year("allocated_on", year), module__board=board).filter(
        Q(completed_on__isnull=True) | Q(completed_on__gte=year.end_exclusive)
    )
    if partner is not None:
        bookings = bookings.filter(partner=partner)
        uncompleted = uncompleted.filter(partner=partner)
    names = ("partner_id", "partner__name", "partner__sector", "organisation_name")
    suffix = f"{year.start_year}_{_partner_key(partner)}"
    return {
        "training_charge_rates": ChargeRate.objects.filter(board=board),
        f"training_charge_bookings_{suffix}": bookings.values(*names).annotate(
            dna=Count("pk", filter=Q(status=B.DID_NOT_ATTEND)), late=Count("pk", filter=Q(status=B.CANCELLED))
        ),
        f"training_charge_elearning_{suffix}": uncompleted.values(*names).annotate(elearning=Count("pk")),
    }


def _charges_from_rows(rows: dict[str, list], year: ReportingYear, partner: Partner | None) -> list[ChargeLine]:
    rates = {(rate.sector, rate.reason): rate.amount for rate in rows["training_charge_rates"]}
    suffix = f"{year.start_year}_{_partner_key(partner)}"
    names = ("partner_id", "partner__name", "partner__sector", "organisation_name")
    counts: dict[tuple, dict] = {}

    def entry(row) -> dict:
        key = (row["partner_id"], "" if row["partner_id"] else row["organisation_name"])
        return counts.setdefault(key, {**{name: row[name] for name in names}, "dna": 0, "late": 0, "elearning": 0})

    for row in rows[f"training_charge_bookings_{suffix}"]:
        entry(row).update(dna=row["dna"], late=row["late"])
    for row in rows[f"training_charge_elearning_{suffix}"]:
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


def charges_by_agency(*, board: Board, year: ReportingYear, partner: Partner | None = None) -> list[ChargeLine]:
    """Charges per agency for ``year`` at the board's rates for the agency's sector (community
    organisations use the voluntary and community sector's rates). Plain data, for the finance
    statement to take as training income. Agencies with nothing to charge are left out. One query."""
    return _charges_from_rows(fetch(**_charges_queries(board, year, partner)), year, partner)


def training_income_queries(*, board: Board, year: ReportingYear) -> Parts:
    """The querysets ``training_income`` runs, for a caller's own ``wscb.data.batching.fetch``."""
    return _charges_queries(board, year, None)


def training_income_from_rows(*, year: ReportingYear, rows: dict[str, list]) -> Decimal:
    """``training_income`` from the rows of a batch that included ``training_income_queries``."""
    return sum((line.amount for line in _charges_from_rows(rows, year, None)), Decimal("0.00"))


def training_income(*, board: Board, year: ReportingYear) -> Decimal:
    """The year's total training charges in pounds (for the finance statement). One query."""
    return training_income_from_rows(year=year, rows=fetch(**training_income_queries(board=board, year=year)))


# --- other activity and reconciliation -------------------------------------------------------------
@dataclass(frozen=True)
class ActivityRow:
    kind: str
    description: str
    settings_count: int | None
    people_trained: int
    previous_people_trained: int | None


def _activity_queries(board: Board, year: ReportingYear) -> Parts:
    return {
        f"training_activity_{year.start_year}": OtherActivity.objects.filter(
            board=board, start_year__in=[year.start_year, year.previous.start_year]
        )
    }


def _activity_from_rows(rows: dict[str, list], year: ReportingYear) -> list[ActivityRow]:
    records = rows[f"training_activity_{year.start_year}"]
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


def other_activity(*, board: Board, year: ReportingYear) -> list[ActivityRow]:
    """Counted training (schools, programmes, children and young people...) with last year's count
    for the same kind and description. One query."""
    return _activity_from_rows(fetch(**_activity_queries(board, year)), year)


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
            if stated_value is not None and recorded_value is not None and stated_value != recorded_value:
                lines.append(
                    ReconciliationLine(
                        f"{label} (stated), against the records", stated_value, recorded_value, "recorded in the portal"
                    )
                )
    if cancellations.stated_total is not None and cancellations.total not in (None, cancellations.stated_total):
        lines.append(
            ReconciliationLine(
                "Sessions cancelled (stated)", cancellations.stated_total, cancellations.total, "recorded in the portal"
            )
        )
    for name, label in (("allocated", "E-learning licences allocated"), ("completed", "E-learning completions")):
        stated_value, by_module = getattr(elearning, f"stated_{name}"), getattr(elearning, name)
        if stated_value is not None and by_module is not None and stated_value != by_module:
            explanation = (
                "recorded licences by module" if elearning.modules_source == "licences" else "the totals by module"
            )
            lines.append(ReconciliationLine(f"{label} (stated)", stated_value, by_module, explanation))
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


def training_report_queries(*, board: Board, year: ReportingYear) -> Parts:
    """The querysets ``training_report`` runs, for a caller's own ``wscb.data.batching.fetch`` (names
    start with ``training_``); ``training_report_from_rows`` builds the report from the rows."""
    return {
        **_summary_queries(board, year),
        **_tables_queries(board, year),
        **_cancellations_queries(board, year),
        **_elearning_queries(board, year),
        **_uptake_queries(board, year, None),
        **_activity_queries(board, year),
    }


def training_report_from_rows(*, year: ReportingYear, rows: dict[str, list]) -> TrainingReport:
    """The ``TrainingReport`` from the rows of a batch that included ``training_report_queries``. No queries."""
    summary = _summary_from_rows(rows, year)
    cancellations = _cancellations_from_rows(rows, year)
    elearning = _elearning_from_rows(rows, year)
    return TrainingReport(
        summary=summary,
        tables=_tables_from_rows(rows, year),
        cancellations=cancellations,
        elearning=elearning,
        uptake=_uptake_from_rows(rows, year, None),
        activity=_activity_from_rows(rows, year),
        reconciliation=reconciliation(summary=summary, cancellations=cancellations, elearning=elearning),
    )


def training_report(*, board: Board, year: ReportingYear) -> TrainingReport:
    """Everything on the training summary page and in the annual report's training section. One query."""
    return training_report_from_rows(year=year, rows=fetch(**training_report_queries(board=board, year=year)))


def courses_per_priority_queryset(*, board: Board, year: ReportingYear) -> QuerySet:
    """``courses_by_priority`` unevaluated, for a caller's own batch: (priority id, count) tuples,
    so ``dict(rows)`` is what ``courses_by_priority`` returns."""
    in_year = Q(course__plans__start_year=year.start_year) | _in_year("course__sessions__starts_on", year)
    return (
        Course.priorities.through.objects.filter(in_year, course__board=board)
        .values("strategicpriority_id")
        .annotate(count=Count("course_id", distinct=True))
        .values_list("strategicpriority_id", "count")
    )


def courses_by_priority(*, board: Board, year: ReportingYear) -> dict[int, int]:
    """Evidence for the annual report: courses tagged to each strategic priority (by id) that are
    planned for ``year`` or have a session in it. One query."""
    return dict(courses_per_priority_queryset(board=board, year=year))
