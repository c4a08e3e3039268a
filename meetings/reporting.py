"""Attendance, quorum and membership figures computed from the records, as plain data.

Every function takes a ``ReportingYear`` (or a day) and returns dataclasses for the annual report
and dashboards to format. Each runs a fixed number of queries, whatever the number of meetings,
agencies or members: counts come from one aggregate query, never one query per row.

A meeting counts in the reporting year recorded on it (``Meeting.reporting_year``), normally the
year containing its date; only meetings marked held are counted.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Subquery

from meetings.models import QUORUM_SECTORS, Attendance, Group, Meeting, Membership
from partners.models import Board, Partner
from wscb.data.batching import fetch
from wscb.periods import ReportingYear

ATTENDED = Q(status__in=Attendance.ATTENDED)
MEMBER = Q(membership__isnull=False)


def _held(year: ReportingYear, group) -> QuerySet:
    """``group`` is a Group or a subquery giving its key (so that a batch can run without it)."""
    return Meeting.objects.filter(group=group, reporting_year=year.start_year, status=Meeting.Status.HELD).order_by(
        "held_on"
    )


def held_meetings(year: ReportingYear, group: Group) -> list[Meeting]:
    """The group's held meetings counted in ``year``, in date order."""
    return list(_held(year, group))


# --- the section 3 table: agencies down, meetings across ------------------------------------------
@dataclass(frozen=True)
class Cell:
    attended: int = 0  # people in the room for the agency, deputies included
    deputies: int = 0  # of whom deputies


@dataclass
class AgencyRow:
    label: str
    partner_id: int | None
    cells: list[Cell]

    @property
    def total(self) -> int:
        return sum(cell.attended for cell in self.cells)

    @property
    def deputies(self) -> int:
        return sum(cell.deputies for cell in self.cells)


@dataclass
class AttendanceTable:
    year: ReportingYear
    group: Group
    meetings: list[Meeting]
    rows: list[AgencyRow]

    @property
    def meeting_totals(self) -> list[int]:
        return [sum(row.cells[index].attended for row in self.rows) for index in range(len(self.meetings))]

    @property
    def meeting_deputies(self) -> list[int]:
        return [sum(row.cells[index].deputies for row in self.rows) for index in range(len(self.meetings))]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    def row(self, label: str) -> AgencyRow | None:
        return next((row for row in self.rows if row.label == label), None)


def attendance_table(year: ReportingYear, group: Group) -> AttendanceTable:
    """Number of people attending for each agency at each held meeting (1 query).

    Rows are the agencies (or, for people with no agency, the label they were recorded under)
    that had an expected member or an attendee at any of the meetings, in alphabetical order.
    A deputy counts as one person attending for the agency, and is also counted in ``deputies``.
    """
    rows = fetch(**_table_parts(year, group))
    return _table(year, group, rows["meetings"], rows["table"])


def _table_parts(year: ReportingYear, group) -> dict[str, QuerySet]:
    return {
        "meetings": _held(year, group),
        "table": Attendance.objects.filter(meeting__in=_held(year, group).values("pk"))
        .values("meeting_id", "partner_id", "partner__short_name", "represents")
        .annotate(attended=Count("pk", filter=ATTENDED), deputies=Count("pk", filter=Q(status="deputy")))
        .order_by(),
    }


def _table(year: ReportingYear, group: Group, meetings: list[Meeting], counts: list[dict]) -> AttendanceTable:
    column = {meeting.pk: index for index, meeting in enumerate(meetings)}
    rows: dict[tuple, AgencyRow] = {}
    for count in counts:
        key = (count["partner_id"], "" if count["partner_id"] else count["represents"])
        label = count["partner__short_name"] or count["represents"] or "No agency"
        row = rows.setdefault(key, AgencyRow(label, count["partner_id"], [Cell()] * len(meetings)))
        row.cells = [*row.cells]
        previous = row.cells[column[count["meeting_id"]]]
        row.cells[column[count["meeting_id"]]] = Cell(
            previous.attended + count["attended"], previous.deputies + count["deputies"]
        )
    ordered = sorted(rows.values(), key=lambda row: row.label.casefold())
    return AttendanceTable(year=year, group=group, meetings=meetings, rows=ordered)


# --- attendance rates -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Rate:
    label: str
    partner_id: int | None
    expected: int
    present: int
    deputised: int
    apologies: int
    absent: int
    threshold: Decimal

    @property
    def attended(self) -> int:
        return self.present + self.deputised

    @property
    def percent(self) -> Decimal | None:
        """Attended or deputised over expected, as a percentage to one decimal place."""
        if not self.expected:
            return None
        return (Decimal(100 * self.attended) / Decimal(self.expected)).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def is_below_threshold(self) -> bool:
        """True when the unrounded rate is strictly below the threshold (exactly on it is not flagged)."""
        return bool(self.expected) and Decimal(100 * self.attended) < self.threshold * self.expected


@dataclass
class AttendanceRates:
    year: ReportingYear
    group: Group
    threshold: Decimal
    agencies: list[Rate]
    members: list[Rate] = field(default_factory=list)

    @property
    def flagged(self) -> list[Rate]:
        return [rate for rate in self.agencies if rate.is_below_threshold]


_RATE_COUNTS = {
    "expected": Count("pk"),
    "present": Count("pk", filter=Q(status=Attendance.Status.PRESENT)),
    "deputised": Count("pk", filter=Q(status=Attendance.Status.DEPUTY)),
    "apologies": Count("pk", filter=Q(status=Attendance.Status.APOLOGIES)),
    "absent": Count("pk", filter=Q(status=Attendance.Status.ABSENT)),
}


def attendance_rates(year: ReportingYear, group: Group, *, partner: Partner | None = None) -> AttendanceRates:
    """Attendance rate per agency and per member over the group's held meetings in ``year`` (1 query).

    Only expected members count (other attendees are not expected). The rate is (present +
    deputised) / expected; apologies and absences are shown separately. An agency is flagged
    when its rate is below the group's threshold. ``partner`` limits both lists to one agency.
    """
    rows = fetch(**_rate_parts(year, group, partner=partner))
    return _rates(year, group, rows["agency_rates"], rows["member_rates"])


def _rate_parts(year: ReportingYear, group, *, partner: Partner | None = None) -> dict[str, QuerySet]:
    rows = Attendance.objects.filter(
        MEMBER, meeting__group=group, meeting__reporting_year=year.start_year, meeting__status=Meeting.Status.HELD
    )
    if partner is not None:
        rows = rows.filter(partner=partner)
    return {
        "agency_rates": rows.values("partner_id", "partner__short_name", "represents")
        .annotate(**_RATE_COUNTS)
        .order_by(),
        "member_rates": rows.values(
            "membership_id", "membership__person__full_name", "partner_id", "partner__short_name", "represents"
        )
        .annotate(**_RATE_COUNTS)
        .order_by(),
    }


def _rates(year: ReportingYear, group: Group, agency_rows: list[dict], member_rows: list[dict]) -> AttendanceRates:
    threshold = group.attendance_threshold_percent
    agencies = [
        Rate(
            row["partner__short_name"] or row["represents"] or "No agency",
            row["partner_id"],
            row["expected"],
            row["present"],
            row["deputised"],
            row["apologies"],
            row["absent"],
            threshold,
        )
        for row in agency_rows
    ]
    members = [
        Rate(
            f"{row['membership__person__full_name']} ({row['partner__short_name'] or row['represents']})",
            row["partner_id"],
            row["expected"],
            row["present"],
            row["deputised"],
            row["apologies"],
            row["absent"],
            threshold,
        )
        for row in member_rows
    ]
    return AttendanceRates(
        year=year,
        group=group,
        threshold=threshold,
        agencies=sorted(agencies, key=lambda rate: rate.label.casefold()),
        members=sorted(members, key=lambda rate: rate.label.casefold()),
    )


# --- quorum ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Quorum:
    meeting_id: int
    held_on: datetime.date
    members_present: int
    minimum_members: int
    sectors_present: frozenset
    sectors_required: frozenset

    @property
    def missing_sectors(self) -> list[str]:
        return [Partner.Sector(sector).label for sector in QUORUM_SECTORS if sector in self.missing]

    @property
    def missing(self) -> frozenset:
        return self.sectors_required - self.sectors_present

    @property
    def has_enough_members(self) -> bool:
        return self.members_present >= self.minimum_members

    @property
    def is_quorate(self) -> bool:
        return self.has_enough_members and not self.missing


def _sector_counts() -> dict:
    return {
        f"sector_{sector}": Count(
            "attendances",
            filter=Q(attendances__membership__isnull=False)
            & Q(attendances__status__in=Attendance.ATTENDED)
            & Q(attendances__partner__sector=sector),
        )
        for sector in QUORUM_SECTORS
    }


def quorum_for_meetings(meetings) -> list[Quorum]:
    """The quorum check for each meeting in ``meetings`` (a queryset or list), in one query.

    Members present counts members in person only: a deputy makes the agency present (for
    the statutory partners) but is not a member present.
    """
    return _quorums(list(_quorum_rows(meetings)))


def _quorum_rows(meetings) -> QuerySet:
    pks = meetings.values("pk") if isinstance(meetings, QuerySet) else [meeting.pk for meeting in meetings]
    return (
        Meeting.objects.filter(pk__in=pks)
        .values("pk", "held_on", "group__quorum_minimum_members", "group__quorum_needs_statutory_partners")
        .annotate(
            members_present=Count(
                "attendances",
                filter=Q(attendances__membership__isnull=False, attendances__status=Attendance.Status.PRESENT),
            ),
            **_sector_counts(),
        )
        .order_by("held_on", "pk")
    )


def _quorums(rows: list[dict]) -> list[Quorum]:
    return [
        Quorum(
            meeting_id=row["pk"],
            held_on=row["held_on"],
            members_present=row["members_present"],
            minimum_members=row["group__quorum_minimum_members"],
            sectors_present=frozenset(sector for sector in QUORUM_SECTORS if row[f"sector_{sector}"]),
            sectors_required=frozenset(QUORUM_SECTORS)
            if row["group__quorum_needs_statutory_partners"]
            else frozenset(),
        )
        for row in rows
    ]


def meeting_quorum(meeting: Meeting) -> Quorum:
    return quorum_for_meetings([meeting])[0]


def year_quorum(year: ReportingYear, group: Group) -> list[Quorum]:
    """The quorum check for every held meeting of the group counted in ``year`` (1 query)."""
    return quorum_for_meetings(
        Meeting.objects.filter(group=group, reporting_year=year.start_year, status=Meeting.Status.HELD)
    )


# --- membership: section 12 list and section 3 key roles ------------------------------------------
@dataclass(frozen=True)
class MemberListing:
    name: str
    post: str
    agency: str
    status: str
    role: str


def membership_list(board: Board, day: datetime.date) -> list[MemberListing]:
    """Section 12: the members of the board itself on ``day`` with post, agency and status (1 query)."""
    return _membership_list(list(_board_members(board, day)))


def _board_members(board: Board, day: datetime.date) -> QuerySet:
    return (
        Membership.objects.filter(Membership.current_on_filter(day), group__board=board, group__kind=Group.Kind.BOARD)
        .values("pk", "role", "status", "order", "job_title", "person__full_name", "person__job_title", "partner__name")
        .order_by("order", "pk")
    )


def _post(row: dict) -> str:
    return row["job_title"] or row["person__job_title"]


def _membership_list(rows: list[dict]) -> list[MemberListing]:
    status_order = {value: index for index, value in enumerate(Membership.Status.values)}
    return [
        MemberListing(
            name=row["person__full_name"],
            post=_post(row),
            agency=row["partner__name"] or "",
            status=Membership.Status(row["status"]).label,
            role=Membership.Role(row["role"]).label,
        )
        for row in sorted(rows, key=lambda row: (status_order[row["status"]], row["order"], row["pk"]))
    ]


@dataclass(frozen=True)
class KeyRole:
    role: str
    name: str
    post: str
    agency: str


def key_roles(board: Board, day: datetime.date) -> list[KeyRole]:
    """Section 3: who holds each key role on the board on ``day`` (1 query), in the report's order."""
    return _key_roles(list(_board_members(board, day).filter(role__in=Membership.KEY_ROLES)))


def _key_roles(rows: list[dict]) -> list[KeyRole]:
    holders = defaultdict(list)
    for row in rows:  # in the board's order
        holders[row["role"]].append(row)
    return [
        KeyRole(
            role=Membership.Role(role).label,
            name=row["person__full_name"],
            post=_post(row),
            agency=row["partner__name"] or "",
        )
        for role in Membership.KEY_ROLES
        for row in holders[role]
    ]


# --- one call for the annual report ---------------------------------------------------------------
@dataclass
class BoardAttendance:
    table: AttendanceTable
    rates: AttendanceRates
    quorums: list[Quorum]
    key_roles: list[KeyRole]
    membership: list[MemberListing]


def board_group(board: Board) -> Group | None:
    """The group that is the board itself (kind "board"), if it has been set up."""
    return Group.objects.filter(board=board, kind=Group.Kind.BOARD).order_by("pk").first()


def board_attendance(year: ReportingYear, board: Board) -> BoardAttendance | None:
    """Section 3 and 12 for ``year``: the board's attendance table, rates, quorum, key roles and
    membership (as on the last day of the year). None when the board has no board group. 1 query."""
    groups = Group.objects.filter(board=board, kind=Group.Kind.BOARD).order_by("pk")
    group_key = Subquery(groups.values("pk")[:1])
    rows = fetch(
        groups=groups,
        **_table_parts(year, group_key),
        **_rate_parts(year, group_key),
        quorums=_quorum_rows(_held(year, group_key)),
        members=_board_members(board, year.end),
    )
    if not rows["groups"]:
        return None
    group = rows["groups"][0]
    return BoardAttendance(
        table=_table(year, group, rows["meetings"], rows["table"]),
        rates=_rates(year, group, rows["agency_rates"], rows["member_rates"]),
        quorums=_quorums(rows["quorums"]),
        key_roles=_key_roles([row for row in rows["members"] if row["role"] in Membership.KEY_ROLES]),
        membership=_membership_list(rows["members"]),
    )
