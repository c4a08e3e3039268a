"""Governance and accountability (seed section 3): arrangements text, key roles, board
attendance table and chart, from ``meetings.reporting.board_attendance`` (shared with the
membership section through the bundle) and ``meetings.charts.attendance_chart_svg``."""

from dataclasses import dataclass, field

from django.urls import reverse

from meetings.charts import attendance_chart_svg
from reports.annual.models import NarrativeSection
from reports.annual.sections.base import INCOMPLETE, MISSING, READY, Narrative, Section
from wscb.words import board_words

KEY = "governance"
TITLE = "Governance and accountability arrangements"


@dataclass
class GovernanceData:
    """The arrangements text, then "Key roles" (its text and the key roles recorded) and "Attendance"
    (its text, the table and chart); the below-threshold agencies and quorum are the portal's analysis."""

    narrative: Narrative
    key_roles_narrative: Narrative | None = None
    attendance_narrative: Narrative | None = None
    key_roles: list = field(default_factory=list)  # meetings.reporting.KeyRole
    attendance: object = None  # meetings.reporting.AttendanceTable: agencies x meetings
    rates: object = None  # meetings.reporting.AttendanceRates
    quorums: list = field(default_factory=list)
    attendance_chart_svg: str = ""
    attendance_chart_text: str = ""
    include_analysis: bool = False  # the report's setting: print the thresholds and quorum

    @property
    def rate_by_agency(self) -> dict:
        """Attendance rate per agency label, for the table's last column."""
        return {rate.label: rate for rate in (self.rates.agencies if self.rates else [])}

    @property
    def rows(self) -> list:
        """(agency row, its rate or None) for the attendance table."""
        rates = self.rate_by_agency
        return [(row, rates.get(row.label)) for row in self.attendance.rows] if self.attendance else []

    @property
    def key_roles_have_posts(self) -> bool:
        return any(role.post for role in self.key_roles)

    @property
    def key_roles_have_agencies(self) -> bool:
        return any(role.agency for role in self.key_roles)

    @property
    def not_quorate(self) -> list:
        return [quorum for quorum in self.quorums if not quorum.is_quorate]


def chart_text(table) -> str:
    """The chart in words: people attending each meeting, and the agencies with most attendance."""
    if table is None or not table.meetings:
        return ""
    per_meeting = "; ".join(
        f"{meeting.held_on:%d/%m/%Y}: {total} people"
        for meeting, total in zip(table.meetings, table.meeting_totals, strict=True)
    )
    return f"People attending each {table.group.name} meeting in {table.year.label}: {per_meeting}."


def provide(*, board, year, bundle):
    narrative = bundle.narrative(NarrativeSection.Kind.GOVERNANCE)
    figures = bundle.board_attendance
    data = GovernanceData(
        narrative=narrative,
        key_roles_narrative=bundle.narrative(NarrativeSection.Kind.GOVERNANCE_KEY_ROLES),
        attendance_narrative=bundle.narrative(NarrativeSection.Kind.GOVERNANCE_ATTENDANCE),
        include_analysis=bundle.configuration.include_analysis,
    )
    fix_url, fix_label = reverse("meetings:meeting-list"), "Record the board's meetings and attendance"
    if figures is None:
        status = MISSING
        reason = "The board itself is not set up as a group in meetings, so there are no key roles or attendance."
        fix_url, fix_label = reverse("meetings:group-list"), "Set up the board's group"
    else:
        data.key_roles = figures.key_roles
        data.attendance = figures.table
        data.rates = figures.rates
        data.quorums = figures.quorums
        data.attendance_chart_svg = attendance_chart_svg(figures.table)
        data.attendance_chart_text = chart_text(figures.table)
        problems = []
        if not figures.table.meetings:
            problems.append(f"no board meetings held in {year.label} are recorded")
        if not figures.key_roles:
            problems.append(f"nobody holds a key role on 31/03/{year.start_year + 1}")
        if not narrative.is_written:
            problems.append("the governance arrangements text is not written")
            fix_url, fix_label = narrative.edit_url, "Write the governance text"
        status = INCOMPLETE if problems else READY
        reason = ("In this section " + "; ".join(problems) + ".") if problems else ""
    return Section(
        key=KEY,
        title=TITLE,
        template="annual/sections/governance.html",
        status=status,
        reason=board_words(reason, board.term),
        fix_url=fix_url,
        fix_label=board_words(fix_label, board.term),
        data=data,
    )
