"""Reads of groups, meetings, attendance and actions, scoped to the user asking.

Partnership readers see everything in the current board. A partner lead sees the meetings of
groups their agency sits on, and within them only their own agency's attendance and actions;
anything else is a 404.
"""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Group,
    Meeting,
    Membership,
    Minutes,
    Paper,
)
from partners.models import Board, Partner
from wscb.permissions import PARTNERSHIP_READERS


def _is_reader(user) -> bool:
    return user.is_authenticated and user.role in PARTNERSHIP_READERS


def group_list(*, board: Board | None) -> QuerySet[Group]:
    if not board:
        return Group.objects.none()
    return Group.objects.filter(board=board).order_by("kind", "name")


def meeting_list(*, for_user, board: Board | None) -> QuerySet[Meeting]:
    """Meetings of the board's groups the user may see, newest first."""
    if not board or not user_may_see_meetings(for_user):
        return Meeting.objects.none()
    meetings = Meeting.objects.filter(group__board=board).select_related("group").order_by("-held_on", "group__name")
    if for_user.is_partner_lead:
        sits_on = Membership.objects.filter(group=OuterRef("group"), partner_id=for_user.partner_id)
        meetings = meetings.filter(Exists(sits_on))
    return meetings


def user_may_see_meetings(user) -> bool:
    return _is_reader(user) or (user.is_authenticated and user.is_partner_lead)


def meeting_get(*, for_user, board: Board | None, pk: int) -> Meeting:
    return get_object_or_404(meeting_list(for_user=for_user, board=board), pk=pk)


def meeting_attendances(*, meeting: Meeting, for_user) -> QuerySet[Attendance]:
    """The meeting's attendance rows the user may see (a partner lead: their own agency's)."""
    rows = meeting.attendances.select_related("partner", "membership").order_by(
        "attendee_role", "partner__name", "name"
    )
    if not _is_reader(for_user):
        rows = rows.filter(partner_id=for_user.partner_id)
    return rows


def action_list(*, for_user, board: Board | None) -> QuerySet[Action]:
    if not board or not user_may_see_meetings(for_user):
        return Action.objects.none()
    actions = Action.objects.filter(meeting__group__board=board).select_related("meeting__group", "owner")
    if not _is_reader(for_user):
        actions = actions.filter(owner_id=for_user.partner_id)
    return actions.order_by("due_on", "pk")


def action_get(*, for_user, board: Board | None, pk: int) -> Action:
    return get_object_or_404(action_list(for_user=for_user, board=board), pk=pk)


def agency_get(*, for_user, pk: int) -> Partner:
    """An agency whose attendance record the user may see (a partner lead: their own)."""
    agencies = Partner.objects.all()
    if not _is_reader(for_user):
        agencies = agencies.filter(pk=for_user.partner_id)
    return get_object_or_404(agencies, pk=pk)


def memberships_on(*, board: Board, day: datetime.date, partner: Partner | None = None) -> QuerySet[Membership]:
    rows = Membership.objects.filter(Membership.current_on_filter(day), group__board=board).select_related(
        "person", "partner", "group"
    )
    if partner is not None:
        rows = rows.filter(partner=partner)
    return rows.order_by("group__kind", "group__name", "order", "pk")


def expected_memberships(*, meeting: Meeting) -> QuerySet[Membership]:
    """The members expected at a meeting: the group's memberships current on its date."""
    return (
        Membership.objects.filter(Membership.current_on_filter(meeting.held_on), group_id=meeting.group_id)
        .select_related("person", "partner")
        .order_by("order", "person__full_name", "pk")
    )


def meeting_with_attendance(*, meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.filter(pk=meeting.pk)
        .prefetch_related(Prefetch("attendances", queryset=Attendance.objects.select_related("partner")))
        .get()
    )


def open_action_counts(*, board: Board | None, today: datetime.date) -> dict[str, int]:
    """Open and overdue actions, for the business-support work queue."""
    from django.db.models import Count

    if not board:
        return {"open": 0, "overdue": 0}
    return Action.objects.filter(meeting__group__board=board, status=Action.Status.OPEN).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today))
    )


def group_list_for(*, for_user, board: Board | None) -> QuerySet[Group]:
    """The board's groups for readers; for a partner lead, the groups their agency sits on."""
    if not board or not user_may_see_meetings(for_user):
        return Group.objects.none()
    groups = Group.objects.filter(board=board).select_related("chair").order_by("kind", "name")
    if not _is_reader(for_user):
        groups = groups.filter(Exists(Membership.objects.filter(group=OuterRef("pk"), partner_id=for_user.partner_id)))
    return groups


def group_get(*, for_user, board: Board | None, pk: int) -> Group:
    return get_object_or_404(group_list_for(for_user=for_user, board=board), pk=pk)


def group_members(*, group: Group, for_user, day: datetime.date) -> QuerySet[Membership]:
    """The group's members on ``day`` the user may see (a partner lead: their own agency's)."""
    rows = (
        Membership.objects.filter(Membership.current_on_filter(day), group=group)
        .select_related("person", "partner")
        .order_by("order", "person__full_name", "pk")
    )
    if not _is_reader(for_user):
        rows = rows.filter(partner_id=for_user.partner_id)
    return rows


def work_queue_items(request) -> list:
    """Start-page items for business support: meeting actions past their due date."""
    from django.urls import reverse
    from django.utils import timezone

    from wscb.work_queue import QueueItem

    overdue = open_action_counts(board=request.board or None, today=timezone.localdate())["overdue"]
    if not overdue:
        return []
    noun = "meeting action is" if overdue == 1 else "meeting actions are"
    return [QueueItem(f"{overdue} {noun} overdue", f"{reverse('meetings:action-list')}?show=overdue", overdue)]


def may_keep_records(user) -> bool:
    return user.is_authenticated and (user.is_business_support or user.is_administrator)


def papers_visible(*, meeting: Meeting, for_user) -> bool:
    """Business support see a meeting's papers while preparing them; members once they are published."""
    return may_keep_records(for_user) or meeting.papers_published_at is not None


def agenda_items(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter__partner", "presenter_agency")
        .prefetch_related(Prefetch("papers", queryset=Paper.objects.order_by("pk")))
        .order_by("position", "pk")
    )


def agenda_item_get(*, for_user, board: Board | None, pk: int) -> AgendaItem:
    """An item of a meeting the user may see."""
    meetings = meeting_list(for_user=for_user, board=board)
    return get_object_or_404(AgendaItem.objects.filter(meeting__in=meetings).select_related("meeting__group"), pk=pk)


def agenda_item_list(*, for_user, board: Board | None) -> QuerySet[AgendaItem]:
    """The items of every meeting the user may see (the meeting's page shows its agenda to all of them)."""
    return AgendaItem.objects.filter(meeting__in=meeting_list(for_user=for_user, board=board))


def paper_list(*, for_user, board: Board | None) -> QuerySet[Paper]:
    """Papers of meetings the user may see: business support every one, others once published."""
    meetings = meeting_list(for_user=for_user, board=board)
    if not may_keep_records(for_user):
        meetings = meetings.filter(papers_published_at__isnull=False)
    return Paper.objects.filter(agenda_item__meeting__in=meetings)


def paper_get(*, for_user, board: Board | None, pk: int) -> Paper:
    """A paper of a meeting the user may see, once published (business support: always); else 404."""
    return get_object_or_404(
        paper_list(for_user=for_user, board=board).select_related("agenda_item__meeting__group"), pk=pk
    )


def minutes_versions(*, meeting: Meeting, for_user) -> QuerySet[Minutes]:
    """The meeting's minutes the user may read: business support every version, others the approved."""
    versions = Minutes.objects.filter(meeting=meeting).select_related(
        "approved_at_meeting", "approved_recorded_by", "created_by"
    )
    if not may_keep_records(for_user):
        versions = versions.filter(status=Minutes.Status.APPROVED)
    return versions.order_by("-number")


def minutes_get(*, for_user, board: Board | None, pk: int) -> Minutes:
    meetings = meeting_list(for_user=for_user, board=board)
    versions = Minutes.objects.filter(meeting__in=meetings).select_related("meeting__group")
    if not may_keep_records(for_user):
        versions = versions.filter(status=Minutes.Status.APPROVED)
    return get_object_or_404(versions, pk=pk)


def decision_list(*, for_user, board: Board | None) -> QuerySet[Decision]:
    """Decisions the user may read: business support every one; others those printed in approved
    minutes they may read (a meeting whose latest minutes are approved, no correction being drafted)."""
    decisions = Decision.objects.filter(agenda_item__meeting__in=meeting_list(for_user=for_user, board=board))
    if may_keep_records(for_user):
        return decisions
    of_meeting = Minutes.objects.filter(meeting=OuterRef("agenda_item__meeting"))
    return decisions.filter(
        Exists(of_meeting.filter(status=Minutes.Status.APPROVED)),
        ~Exists(of_meeting.exclude(status=Minutes.Status.APPROVED)),
    )


def decision_get(*, for_user, board: Board | None, pk: int) -> Decision:
    meetings = meeting_list(for_user=for_user, board=board)
    return get_object_or_404(Decision.objects.filter(agenda_item__meeting__in=meetings), pk=pk)


def declaration_get(*, for_user, board: Board | None, pk: int) -> Declaration:
    meetings = meeting_list(for_user=for_user, board=board)
    return get_object_or_404(Declaration.objects.filter(agenda_item__meeting__in=meetings), pk=pk)
