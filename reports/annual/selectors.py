"""Reads of published reports, scoped to the user asking and the board they are working in."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from reports.annual.models import PublishedReport
from wscb.permissions import ALL_ROLES, user_has_role

#: Published versions are readable by every role: board members and partner leads included.
PUBLISHED_READERS = ALL_ROLES


def published_report_list(*, for_user, board) -> QuerySet[PublishedReport]:
    """The board's published versions, newest first, without the stored files."""
    if board is None or not user_has_role(for_user, PUBLISHED_READERS):
        return PublishedReport.objects.none()
    return (
        PublishedReport.objects.filter(board=board)
        .defer("html", "pdf", "docx")
        .select_related("board", "published_by")
        .order_by("-year_start", "-number")
    )


def published_report_get(*, for_user, board, pk: int) -> PublishedReport:
    """One published version of the user's current board; 404 otherwise."""
    reports = PublishedReport.objects.filter(board=board) if board is not None else PublishedReport.objects.none()
    if not user_has_role(for_user, PUBLISHED_READERS):
        reports = reports.none()
    return get_object_or_404(reports.select_related("board"), pk=pk)
