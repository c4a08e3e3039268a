"""Reads of published reports: scoped to the user asking and the board they are working in, and
the public's reads (no sign-in), which reach published versions only."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from reports.annual.models import PublishedReport
from wscb.boards import board_public_slug, public_board_get  # noqa: F401 (the public pages import them from here)
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
    # The files load when read: a page reads the HTML, a download only its own file.
    return get_object_or_404(reports.select_related("board").defer("pdf", "docx"), pk=pk)


# --- the public's reads: no sign-in, published versions only ---------------------------------------
def public_report_list(*, board) -> list[PublishedReport]:
    """Every published version of the board, newest year first and newest version first, without files."""
    return list(
        PublishedReport.objects.filter(board=board)
        .defer("html", "pdf", "docx")
        .select_related("board")
        .order_by("-year_start", "-number")
    )


def public_report_get(*, board, year_slug: str, number: int | None = None) -> PublishedReport:
    """The published version ``number`` of the year (``"2016-17"``), or the latest; 404 for a year
    with nothing published. A draft is never published, so it has no public address."""
    start_year = year_from_slug(year_slug)
    # The files load when read: the page reads the HTML, a download only its own file.
    reports = (
        PublishedReport.objects.filter(board=board, year_start=start_year).select_related("board").defer("pdf", "docx")
    )
    if number is not None:
        return get_object_or_404(reports, number=number)
    latest = reports.order_by("-number").first()
    if latest is None:
        raise Http404("Nothing is published for that year.")
    return latest


def year_slug(start_year: int) -> str:
    """2016 -> "2016-17", the year's part of a public address."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def year_from_slug(slug: str) -> int:
    """ "2016-17" -> 2016; 404 for anything else (including "2016-18")."""
    first, _, second = slug.partition("-")
    if not (first.isdigit() and second.isdigit() and len(first) == 4 and len(second) == 2):
        raise Http404("No such reporting year.")
    start = int(first)
    if (start + 1) % 100 != int(second):
        raise Http404("No such reporting year.")
    return start
