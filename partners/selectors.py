"""Reads of partners and people, scoped to the user asking and (through ``Partner.objects``) to the
board they are working in: its member agencies, each with its membership of that board."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners.models import BoardMembership, Partner, User
from wscb.permissions import PARTNERSHIP_READERS, Role


def _with_membership(partners: QuerySet[Partner]) -> QuerySet[Partner]:
    """Each agency with its membership of the current board: is_statutory, member_from, member_until."""
    here = BoardMembership.objects.filter(partner=OuterRef("pk"))
    return partners.annotate(
        is_statutory=Subquery(here.values("is_statutory")[:1]),
        member_from=Subquery(here.values("started_on")[:1]),
        member_until=Subquery(here.values("ended_on")[:1]),
    )


def _current_members(day: datetime.date) -> Q:
    """Agencies whose membership of the current board runs on ``day`` (no end, or ending later)."""
    ended = BoardMembership.objects.filter(partner=OuterRef("pk"), ended_on__lt=day)
    return ~Q(Exists(ended))


def partner_list(*, for_user, board=None) -> QuerySet[Partner]:
    """The board's agencies for partnership readers; only their own for a partner lead; none otherwise.

    ``lead_count`` counts the agency's active partner leads who work for ``board``.
    """
    leads = User.objects.filter(partner=OuterRef("pk"), role=Role.PARTNER_LEAD, is_active=True, boards=board)
    partners = _with_membership(
        Partner.objects.annotate(
            lead_count=Coalesce(Subquery(leads.order_by().values("partner").annotate(n=Count("pk")).values("n")), 0)
        )
    ).order_by("name")
    if not for_user.is_authenticated:
        return partners.none()
    if for_user.role in PARTNERSHIP_READERS:
        return partners
    if for_user.is_partner_lead:
        return partners.filter(pk=for_user.partner_id)
    return partners.none()


def partner_get(*, for_user, pk: int) -> Partner:
    """One agency the user may see; 404 for anything outside their scope (another board's agency too)."""
    return get_object_or_404(partner_list(for_user=for_user), pk=pk)


def partner_membership(*, partner: Partner) -> BoardMembership | None:
    """The agency's membership of the current board, with its main contact."""
    return BoardMembership.objects.filter(partner=partner).select_related("main_contact").first()


def partner_leads(*, partner: Partner, board) -> QuerySet[User]:
    """The agency's active partner leads who work for ``board``."""
    return partner.users.filter(role=Role.PARTNER_LEAD, is_active=True, boards=board).order_by("full_name")


def partner_people(*, partner: Partner) -> QuerySet:
    return partner.people.order_by("full_name", "pk")


def partner_summary(*, board) -> dict[str, int]:
    """Counts of ``board``'s agencies for the start pages: active members today, statutory ones, and
    those with no active partner lead working for the board."""
    statutory = BoardMembership.objects.filter(partner=OuterRef("pk"), is_statutory=True)
    members = Partner.objects.filter(_current_members(timezone.localdate()), is_active=True)
    return members.aggregate(
        active=Count("pk"),
        statutory=Count("pk", filter=Q(Exists(statutory))),
        without_lead=Count(
            "pk",
            filter=~Q(
                pk__in=User.objects.filter(role=Role.PARTNER_LEAD, is_active=True, boards=board).values("partner_id")
            ),
        ),
    )


def user_counts_by_role() -> list[tuple[str, int, int]]:
    """(role label, active users, inactive users) for every role, for the administrator."""
    counts = {
        row["role"]: row
        for row in User.objects.values("role").annotate(
            active=Count("pk", filter=Q(is_active=True)), inactive=Count("pk", filter=Q(is_active=False))
        )
    }
    return [
        (label, counts.get(value, {}).get("active", 0), counts.get(value, {}).get("inactive", 0))
        for value, label in Role.choices
    ]


def priorities_for(*, board, year) -> QuerySet:
    """The board's strategic priorities that apply in ``year`` (a ``ReportingYear``), in order."""
    from partners.models import StrategicPriority

    return (
        StrategicPriority.objects.filter(board=board, first_year__lte=year.start_year, last_year__gte=year.start_year)
        .prefetch_related("key_objectives")
        .order_by("number")
    )
