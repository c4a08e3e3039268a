"""The board dashboard and the agency assurance profile, composed from the apps' reporting functions.

Each panel is plain data (a dataclass) with the figures, built with a fixed number of queries
whatever the number of agencies, groups, meetings, bookings or returns. Scope is decided by the
caller: the views pass the signed-in user to the scoped selectors, and nothing here returns a
partner update's answers or any case study (the dashboard shows statuses only).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from finance import reporting as finance_reporting
from finance import selectors as finance_selectors
from finance.models import ZERO
from meetings import selectors as meetings_selectors
from meetings.models import Action, Attendance, Group, Meeting
from meetings.reporting import Quorum, Rate, quorum_for_meetings
from partners.models import Board, Partner
from reports.annual import reporting as annual_reporting
from reports.dashboards.charts import small_trend, small_trend_svgs
from reports.selfreports import actions as actions_selectors
from reports.selfreports import challenge as challenge_selectors
from reports.selfreports.models import AssessmentAction, Round, SelfReport
from reports.selfreports.ratings import agency_ratings_over_years
from training import reporting as training_reporting
from wscb.periods import ReportingYear
from wscb.permissions import RECORD_KEEPERS

# --- headline indicators ----------------------------------------------------------------------------
RAG_CLASSES = {"Green": "success", "Amber": "warning", "Red": "danger"}


@dataclass
class Headline:
    name: str
    unit_suffix: str
    latest: Decimal | None
    previous: Decimal | None
    england: Decimal | None
    direction: str
    rag: str
    rag_reason: str
    labels: list[str]
    series: list[tuple[str, list]]
    chart_svg: str = ""

    @property
    def rag_class(self) -> str:
        return RAG_CLASSES.get(self.rag, "secondary")

    @property
    def has_figures(self) -> bool:
        return any(value is not None for _, values in self.series for value in values)


def headline_indicators(*, board: Board, year: ReportingYear, with_charts: bool = True) -> list[Headline]:
    """Every active indicator: latest value, direction of travel, RAG against England (respecting the
    indicator's polarity) and a small trend chart. Four queries (``reports.annual``'s tables)."""
    headlines = []
    for table in annual_reporting.indicator_tables(board=board, year=year, with_charts=False):
        england = dict(table.comparators).get("England", [None])[-1]
        headline = Headline(
            name=table.indicator.name,
            unit_suffix="%" if not table.indicator.is_rate else " per 10,000",
            latest=table.latest,
            previous=table.values[-2] if len(table.values) > 1 else None,
            england=england,
            direction=table.direction,
            rag=table.rag,
            rag_reason=table.rag_reason,
            labels=table.labels,
            series=table.chart_series,
        )
        headlines.append(headline)
    if with_charts:
        charted = [headline for headline in headlines if headline.has_figures]
        specs = [small_trend(title=h.name, labels=h.labels, series=h.series) for h in charted]
        for headline, chart in zip(charted, small_trend_svgs(specs), strict=True):
            headline.chart_svg = chart
    return headlines


# --- attendance --------------------------------------------------------------------------------------
_RATE_COUNTS = {
    "expected": Count("pk"),
    "present": Count("pk", filter=Q(status=Attendance.Status.PRESENT)),
    "deputised": Count("pk", filter=Q(status=Attendance.Status.DEPUTY)),
    "apologies": Count("pk", filter=Q(status=Attendance.Status.APOLOGIES)),
    "absent": Count("pk", filter=Q(status=Attendance.Status.ABSENT)),
}


@dataclass
class GroupAttendance:
    group: Group
    rates: list[Rate]
    meetings_held: int
    not_quorate: list[Quorum]

    @property
    def flagged(self) -> list[Rate]:
        return [rate for rate in self.rates if rate.is_below_threshold]


@dataclass
class AttendancePanel:
    year: ReportingYear
    groups: list[GroupAttendance]

    @property
    def has_meetings(self) -> bool:
        return any(group.meetings_held for group in self.groups)

    @property
    def flagged(self) -> list[tuple[Group, Rate]]:
        return [(group.group, rate) for group in self.groups for rate in group.flagged]

    @property
    def not_quorate(self) -> list[tuple[Group, Quorum]]:
        return [(group.group, quorum) for group in self.groups for quorum in group.not_quorate]

    @property
    def flagged_partner_ids(self) -> set[int]:
        return {rate.partner_id for _, rate in self.flagged if rate.partner_id}


def attendance_panel(*, board: Board, year: ReportingYear, partner: Partner | None = None) -> AttendancePanel:
    """Attendance rate per agency at the board and each sub-group over the year's held meetings,
    agencies below each group's threshold, and the meetings that were not quorate. Four queries
    (groups, rates for every group at once, meetings, quorum)."""
    groups = list(Group.objects.filter(board=board).order_by("kind", "name"))
    rows = Attendance.objects.filter(
        membership__isnull=False,
        meeting__group__board=board,
        meeting__reporting_year=year.start_year,
        meeting__status=Meeting.Status.HELD,
    )
    if partner is not None:
        rows = rows.filter(partner=partner)
    thresholds = {group.pk: group.attendance_threshold_percent for group in groups}
    rates: dict[int, list[Rate]] = {group.pk: [] for group in groups}
    for row in (
        rows.values("meeting__group_id", "partner_id", "partner__short_name", "represents")
        .annotate(**_RATE_COUNTS)
        .order_by()
    ):
        group_id = row["meeting__group_id"]
        rates[group_id].append(
            Rate(
                row["partner__short_name"] or row["represents"] or "No agency",
                row["partner_id"],
                row["expected"],
                row["present"],
                row["deputised"],
                row["apologies"],
                row["absent"],
                thresholds[group_id],
            )
        )
    meetings = list(
        Meeting.objects.filter(group__board=board, reporting_year=year.start_year, status=Meeting.Status.HELD).only(
            "pk", "group_id"
        )
    )
    group_of = {meeting.pk: meeting.group_id for meeting in meetings}
    held: dict[int, int] = {group.pk: 0 for group in groups}
    for meeting in meetings:
        held[meeting.group_id] += 1
    failing: dict[int, list[Quorum]] = {group.pk: [] for group in groups}
    if partner is None and meetings:
        for quorum in quorum_for_meetings(meetings):
            if not quorum.is_quorate:
                failing[group_of[quorum.meeting_id]].append(quorum)
    return AttendancePanel(
        year=year,
        groups=[
            GroupAttendance(
                group=group,
                rates=sorted(rates[group.pk], key=lambda rate: rate.label.casefold()),
                meetings_held=held[group.pk],
                not_quorate=failing[group.pk],
            )
            for group in groups
            if group.is_active or held[group.pk]
        ],
    )


# --- training ----------------------------------------------------------------------------------------
@dataclass
class TrainingPanel:
    year: ReportingYear
    summary: training_reporting.TrainingSummary
    elearning: training_reporting.ELearningFigures
    previous_elearning: training_reporting.ELearningFigures

    @property
    def places(self) -> training_reporting.PlaceCounts:
        return self.summary.headline

    @property
    def did_not_attend_rate(self) -> Decimal | None:
        return training_reporting._percent(self.places.did_not_attend, self.places.booked)

    @property
    def previous_did_not_attend_rate(self) -> Decimal | None:
        before = self.summary.previous_headline
        return training_reporting._percent(before.did_not_attend, before.booked)

    @property
    def has_figures(self) -> bool:
        return bool(self.places.booked or self.places.attended or self.elearning.allocated)


def training_panel(*, board: Board, year: ReportingYear) -> TrainingPanel:
    """Places booked and attended, the did-not-attend rate, e-learning completion and the change
    on last year. Six queries."""
    return TrainingPanel(
        year=year,
        summary=training_reporting.training_summary(board=board, year=year),
        elearning=training_reporting.elearning_figures(board=board, year=year),
        previous_elearning=training_reporting.elearning_figures(board=board, year=year.previous),
    )


# --- finance -----------------------------------------------------------------------------------------
@dataclass
class FinancePanel:
    year: ReportingYear
    income: Decimal
    budget: finance_reporting.BudgetAgainstActual
    opening_reserves: Decimal | None
    closing_reserves: Decimal | None
    contributions: finance_reporting.ContributionStatus
    is_held: bool

    @property
    def outstanding(self) -> list[finance_reporting.ContributionStatusRow]:
        return [row for row in self.contributions.rows if row.outstanding > ZERO]

    @property
    def has_figures(self) -> bool:
        return self.is_held or bool(self.contributions.rows)


def finance_panel(*, board: Board, year: ReportingYear, for_user) -> FinancePanel:
    """Income and expenditure to date against budget, reserves, and contributions outstanding.
    Ten queries (the finance statement, budget against actual and the scoped contributions)."""
    statement = finance_reporting.finance_statement(board=board, years=[year])
    contributions = finance_reporting.contribution_status(
        finance_selectors.contribution_list(for_user=for_user, board=board, year=year)
    )
    return FinancePanel(
        year=year,
        income=statement.total_income[0],
        budget=finance_reporting.budget_against_actual(board=board, year=year),
        opening_reserves=statement.opening_reserves[0],
        closing_reserves=statement.closing_reserves[0],
        contributions=contributions,
        is_held=year.start_year in statement.years_held,
    )


# --- partner returns ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReturnStatus:
    value: str
    label: str
    count: int


@dataclass
class ReturnsPanel:
    year: ReportingYear
    round: Round | None
    statuses: list[ReturnStatus]
    overdue: list[SelfReport]

    @property
    def asked(self) -> int:
        return sum(status.count for status in self.statuses)

    @property
    def accepted(self) -> int:
        return next((s.count for s in self.statuses if s.value == SelfReport.Status.ACCEPTED), 0)


def returns_panel(*, board: Board, year: ReportingYear, today: datetime.date) -> ReturnsPanel:
    """This year's round of partner updates: how many agencies are at each status, and the agencies
    whose update is overdue. Statuses and agency names only, never content. Three queries."""
    round_ = Round.objects.filter(board=board, start_year=year.start_year).first()
    if round_ is None:
        return ReturnsPanel(year=year, round=None, statuses=[], overdue=[])
    counts = dict(
        SelfReport.objects.filter(round=round_).values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    overdue = []
    if today > round_.deadline:
        overdue = list(
            SelfReport.objects.filter(round=round_, status__in=SelfReport.EDITABLE)
            .select_related("partner")
            .only("pk", "status", "partner__name", "partner__short_name", "round_id")
            .order_by("partner__name")
        )
    statuses = [ReturnStatus(value, label, counts.get(value, 0)) for value, label in SelfReport.Status.choices]
    return ReturnsPanel(year=year, round=round_, statuses=statuses, overdue=overdue)


# --- actions -----------------------------------------------------------------------------------------
@dataclass
class ActionsPanel:
    open: int
    overdue: int
    overdue_actions: list[Action]
    by_agency: list[tuple[str, int, int, int]] = field(default_factory=list)  # name, partner id, open, overdue


OVERDUE_SHOWN = 10


def actions_panel(*, board: Board, today: datetime.date) -> ActionsPanel:
    """Open and overdue meeting actions, per owner agency, and the longest-overdue few. Three queries."""
    counts = meetings_selectors.open_action_counts(board=board, today=today)
    open_actions = Action.objects.filter(meeting__group__board=board, status=Action.Status.OPEN)
    by_agency = [
        (row["owner__short_name"], row["owner_id"], row["open"], row["overdue"])
        for row in open_actions.values("owner_id", "owner__short_name")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
        .order_by("-overdue", "owner__short_name")
    ]
    overdue_actions = list(
        open_actions.filter(due_on__lt=today)
        .select_related("owner", "meeting__group")
        .order_by("due_on", "pk")[:OVERDUE_SHOWN]
    )
    return ActionsPanel(
        open=counts["open"] or 0, overdue=counts["overdue"] or 0, overdue_actions=overdue_actions, by_agency=by_agency
    )


# --- the dashboard -----------------------------------------------------------------------------------
@dataclass
class Dashboard:
    year: ReportingYear
    indicators: list[Headline]
    attendance: AttendancePanel
    training: TrainingPanel
    finance: FinancePanel
    returns: ReturnsPanel
    actions: ActionsPanel


def board_dashboard(*, board: Board, year: ReportingYear, for_user, today: datetime.date) -> Dashboard:
    """Every panel for ``year``. About thirty queries, whatever the amount of data."""
    return Dashboard(
        year=year,
        indicators=headline_indicators(board=board, year=year),
        attendance=attendance_panel(board=board, year=year),
        training=training_panel(board=board, year=year),
        finance=finance_panel(board=board, year=year, for_user=for_user),
        returns=returns_panel(board=board, year=year, today=today),
        actions=actions_panel(board=board, today=today),
    )


# --- the agency assurance profile --------------------------------------------------------------------
@dataclass(frozen=True)
class DeputyLine:
    held_on: datetime.date
    group: str
    member: str
    deputy: str
    job_title: str


@dataclass
class AgencyProfile:
    agency: Partner
    year: ReportingYear
    attendance: AttendancePanel
    memberships: list
    deputies: list[DeputyLine]
    returns: list[SelfReport]
    uptake: training_reporting.AgencyUptake | None
    charges: training_reporting.ChargeLine | None
    contributions: finance_reporting.ContributionStatus
    open_actions: list[Action]
    today: datetime.date
    assessment_actions: list = field(default_factory=list)  # self-assessment actions still open
    challenges: list = field(default_factory=list)  # challenge events of its self-assessments, newest first
    ratings: object = None  # reports.selfreports.ratings.AgencyRatings: its ratings over the years

    @property
    def overdue_assessment_actions(self) -> list:
        return [action for action in self.assessment_actions if action.due_on < self.today]

    @property
    def this_year_contributions(self) -> list[finance_reporting.ContributionStatusRow]:
        return [row for row in self.contributions.rows if row.year == self.year]


def agency_profile(*, board: Board, agency: Partner, year: ReportingYear, for_user, today: datetime.date):
    """One agency's record for ``year``: attendance and deputies, partner update statuses over the
    years (no content), training uptake and charges, contributions, open actions. A fixed number of
    queries. ``agency`` must already be one the user may see (the view loads it through a scoped
    selector)."""
    deputies = [
        DeputyLine(row.meeting.held_on, row.meeting.group.name, row.name, row.deputy_name, row.deputy_job_title)
        for row in Attendance.objects.filter(
            partner=agency,
            status=Attendance.Status.DEPUTY,
            meeting__group__board=board,
            meeting__reporting_year=year.start_year,
            meeting__status=Meeting.Status.HELD,
        )
        .select_related("meeting__group")
        .order_by("meeting__held_on", "pk")
    ]
    returns = list(
        SelfReport.objects.filter(partner=agency, round__board=board)
        .select_related("round")
        .only("pk", "status", "submitted_at", "accepted_at", "round__start_year", "round__deadline", "partner_id")
        .order_by("-round__start_year")
    )
    uptake = training_reporting.uptake_by_agency(board=board, year=year, partner=agency)
    charges = training_reporting.charges_by_agency(board=board, year=year, partner=agency)
    contributions = finance_reporting.contribution_status(
        finance_selectors.contribution_list(for_user=for_user, board=board).filter(partner=agency)
    )
    open_actions = list(
        meetings_selectors.action_list(for_user=for_user, board=board).filter(owner=agency, status=Action.Status.OPEN)
    )
    assessment_actions = list(
        actions_selectors.action_list(for_user=for_user)
        .filter(partner=agency, board=board, status__in=AssessmentAction.OPEN_STATUSES)
        .order_by("due_on", "pk")
    )
    challenges = list(
        challenge_selectors.challenge_list(for_user=for_user)
        .filter(partner=agency, board=board)
        .order_by("-start_year", "-held_on", "pk")
    )
    own = for_user.is_partner_lead and for_user.partner_id == agency.pk
    ratings = agency_ratings_over_years(
        board=board, agency=agency, accepted_only=not (own or for_user.role in RECORD_KEEPERS)
    )
    return AgencyProfile(
        agency=agency,
        year=year,
        attendance=attendance_panel(board=board, year=year, partner=agency),
        memberships=list(meetings_selectors.memberships_on(board=board, day=today, partner=agency)),
        deputies=deputies,
        returns=returns,
        uptake=next((row for row in uptake if row.partner_id == agency.pk), None),
        charges=next((row for row in charges if row.partner_id == agency.pk), None),
        contributions=contributions,
        open_actions=open_actions,
        today=today,
        assessment_actions=assessment_actions,
        challenges=challenges,
        ratings=ratings,
    )
