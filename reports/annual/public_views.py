"""The public's pages: a board's published annual reports, read without signing in.

These are the portal's only pages open to everyone, and they show published versions only: a
published version is public by definition (case studies and contact details are in it only where
business support marked them for publication). Drafts, readiness and every other record stay
behind sign-in; a year with nothing published is a 404. The stable addresses, per board and year:

    /published/<board>/                         the board's published reports
    /published/<board>/2016-17/                 the latest version of 2016/17, as a page
    /published/<board>/2016-17/report.pdf       ... its PDF (and report.docx, report.html)
    /published/<board>/2016-17/v1/              an earlier version, with its files under it
"""

from django.shortcuts import render
from django.urls import reverse
from django.views import View

from reports.annual import outputs
from reports.annual.selectors import (
    board_public_slug,
    public_board_get,
    public_report_get,
    public_report_list,
    year_slug,
)
from wscb.audit.services import audit_download
from wscb.data.exports import file_response
from wscb.scoping import board_scope


class BoardFromAddressMixin:
    """The public read one board's reports, named in the address: the page runs in that board's
    scope (wscb/scoping.py) whichever board the visitor's session would otherwise have."""

    def dispatch(self, request, *args, **kwargs):
        board = public_board_get(slug=kwargs["board_slug"])
        with board_scope(board):
            return super().dispatch(request, *args, **kwargs)


def published_article(html: str) -> str:
    """The report itself out of a stored standalone HTML document (its ``<article>``)."""
    start = html.find('<article class="annual-report"')
    end = html.rfind("</article>")
    if start == -1 or end == -1:
        start, end = html.find("<body>") + len("<body>"), html.rfind("</body>")
        return html[start:end] if start > len("<body>") - 1 and end != -1 else html
    return html[start : end + len("</article>")]


def public_urls(published) -> dict[str, str]:
    """The public addresses of a published version: the year's latest, or this version's own."""
    board, year = board_public_slug(published.board), year_slug(published.year_start)
    kwargs = {"board_slug": board, "year": year, "number": published.number}
    return {
        "page": reverse("public:version", kwargs=kwargs),
        "pdf": reverse("public:version-file", kwargs={**kwargs, "fmt": "pdf"}),
        "docx": reverse("public:version-file", kwargs={**kwargs, "fmt": "docx"}),
        "latest": reverse("public:report", kwargs={"board_slug": board, "year": year}),
    }


class PublicReportListView(BoardFromAddressMixin, View):
    def get(self, request, board_slug):
        board = public_board_get(slug=board_slug)
        years: dict[int, list] = {}
        for published in public_report_list(board=board):
            published.urls = public_urls(published)
            years.setdefault(published.year_start, []).append(published)
        return render(
            request,
            "annual/public/list.html",
            {
                "board": board,
                "board_slug": board_slug,
                "years": [(versions[0], versions[1:]) for versions in years.values()],
            },
        )


class PublicReportView(BoardFromAddressMixin, View):
    def get(self, request, board_slug, year, number=None):
        board = public_board_get(slug=board_slug)
        published = public_report_get(board=board, year_slug=year, number=int(number) if number else None)
        published.urls = public_urls(published)
        others = [item for item in public_report_list(board=board) if item.year_start == published.year_start]
        for item in others:
            item.urls = public_urls(item)
        return render(
            request,
            "annual/public/report.html",
            {
                "board": board,
                "board_slug": board_slug,
                "published": published,
                "is_latest": others[0].pk == published.pk,
                "versions": others,
                "article": published_article(published.html),
                "list_url": reverse("public:board-reports", kwargs={"board_slug": board_slug}),
            },
        )


class PublicReportFileView(BoardFromAddressMixin, View):
    def get(self, request, board_slug, year, fmt, number=None):
        board = public_board_get(slug=board_slug)
        published = public_report_get(board=board, year_slug=year, number=int(number) if number else None)
        content = {"html": published.html.encode(), "pdf": bytes(published.pdf), "docx": bytes(published.docx)}[fmt]
        response = file_response(
            content,
            filename=f"{published.file_stem()}.{fmt}",
            content_type=outputs.CONTENT_TYPES[fmt],
            inline=fmt in ("pdf", "html"),
        )
        audit_download(request=request, obj=published, what="Public annual report", file_format=fmt)
        return response
