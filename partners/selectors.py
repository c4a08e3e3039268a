"""Reads of partners and people, scoped to the user asking."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from partners.models import Partner, User
from wscb.permissions import PARTNERSHIP_READERS, Role


def partner_list(*, for_user) -> QuerySet[Partner]:
    """Every agency for partnership readers; only their own for a partner lead; none otherwise."""
    partners = Partner.objects.annotate(
        lead_count=Count("users", filter=Q(users__role=Role.PARTNER_LEAD, users__is_active=True))
    ).order_by("name")
    if not for_user.is_authenticated:
        return partners.none()
    if for_user.role in PARTNERSHIP_READERS:
        return partners
    if for_user.is_partner_lead:
        return partners.filter(pk=for_user.partner_id)
    return partners.none()


def partner_get(*, for_user, pk: int) -> Partner:
    """One agency the user may see; 404 for anything outside their scope."""
    return get_object_or_404(partner_list(for_user=for_user).select_related("main_contact"), pk=pk)


def partner_leads(*, partner: Partner) -> QuerySet[User]:
    return partner.users.filter(role=Role.PARTNER_LEAD, is_active=True).order_by("full_name")


def partner_people(*, partner: Partner) -> QuerySet:
    return partner.people.order_by("full_name", "pk")


def partner_summary() -> dict[str, int]:
    """Counts for the business-support start page."""
    return Partner.objects.filter(is_active=True).aggregate(
        active=Count("pk"),
        statutory=Count("pk", filter=Q(is_statutory=True)),
        without_lead=Count(
            "pk",
            filter=~Q(pk__in=User.objects.filter(role=Role.PARTNER_LEAD, is_active=True).values("partner_id")),
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
