"""Reads of finance records for one board, scoped to the user asking."""

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404

from finance.models import Contribution, ExpenditureCategory, ExpenditureLine, FinanceYear, IncomeLine
from wscb.periods import ReportingYear
from wscb.permissions import PARTNERSHIP_READERS


def finance_year_list(*, board) -> QuerySet[FinanceYear]:
    return FinanceYear.objects.filter(board=board).order_by("-start_year")


def finance_year_get(*, board, start_year: int) -> FinanceYear:
    return get_object_or_404(FinanceYear, board=board, start_year=start_year)


def latest_year(*, board) -> ReportingYear:
    """The latest financial year the board holds, or the current reporting year if none."""
    start = finance_year_list(board=board).values_list("start_year", flat=True).first()
    return ReportingYear(start) if start else ReportingYear.current()


def category_list(*, board) -> QuerySet[ExpenditureCategory]:
    return ExpenditureCategory.objects.filter(board=board).order_by("order", "name")


def expenditure_line_list(*, board, year: ReportingYear | None = None) -> QuerySet[ExpenditureLine]:
    lines = ExpenditureLine.objects.filter(finance_year__board=board).select_related(
        "finance_year", "category", "updated_by"
    )
    if year is not None:
        lines = lines.filter(finance_year__start_year=year.start_year)
    return lines.order_by("-finance_year__start_year", "category__order", "category__name", "kind", "spent_on", "pk")


def expenditure_line_get(*, board, pk: int) -> ExpenditureLine:
    return get_object_or_404(expenditure_line_list(board=board), pk=pk)


def income_line_list(*, board, year: ReportingYear | None = None) -> QuerySet[IncomeLine]:
    lines = IncomeLine.objects.filter(finance_year__board=board).select_related("finance_year", "partner")
    if year is not None:
        lines = lines.filter(finance_year__start_year=year.start_year)
    return lines.order_by("-finance_year__start_year", "kind", "partner__name", "pk")


def income_line_get(*, board, pk: int) -> IncomeLine:
    return get_object_or_404(income_line_list(board=board), pk=pk)


def contribution_list(*, for_user, board, year: ReportingYear | None = None) -> QuerySet[Contribution]:
    """Every contribution of the board for partnership readers; a partner lead's own agency's only."""
    contributions = Contribution.objects.filter(finance_year__board=board).select_related(
        "finance_year", "partner", "updated_by"
    )
    if year is not None:
        contributions = contributions.filter(finance_year__start_year=year.start_year)
    contributions = contributions.order_by("-finance_year__start_year", "partner__name")
    if not for_user.is_authenticated:
        return contributions.none()
    if for_user.role in PARTNERSHIP_READERS:
        return contributions
    if for_user.is_partner_lead:
        return contributions.filter(partner_id=for_user.partner_id)
    return contributions.none()


def contribution_get(*, for_user, board, pk: int) -> Contribution:
    """One contribution the user may see; another agency's is a 404 for a partner lead."""
    return get_object_or_404(contribution_list(for_user=for_user, board=board), pk=pk)


def outstanding_contributions(*, for_user, board, year: ReportingYear | None = None) -> QuerySet[Contribution]:
    """Contributions agreed but not (fully) received, oldest year first."""
    return (
        contribution_list(for_user=for_user, board=board, year=year)
        .filter(amount_received__lt=F("amount_agreed"))
        .order_by("finance_year__start_year", "partner__name")
    )


def work_queue_items(request) -> list:
    """Start-page items for business support: partner contributions not yet received in full, one
    item per financial year, each linking to that year's contributions."""
    from django.urls import reverse

    from wscb.work_queue import QueueItem

    board = request.board
    if not board:
        return []
    per_year: dict[int, int] = {}
    outstanding = outstanding_contributions(for_user=request.user, board=board)
    for start_year in outstanding.values_list("finance_year__start_year", flat=True):
        per_year[start_year] = per_year.get(start_year, 0) + 1
    items = []
    for start_year, count in sorted(per_year.items(), reverse=True):
        noun = "contribution is" if count == 1 else "contributions are"
        label = ReportingYear(start_year).label
        url = f"{reverse('finance:contribution-list')}?year={start_year}"
        items.append(QueueItem(f"{count} partner {noun} not yet received in full ({label})", url, count))
    return items
