"""Finding (Medium): downloads of sensitive content were not audited; (Low): download file names were
built from unsanitised data.

The draft annual report (page, HTML, Word, PDF), the published report files, the finance, dashboard,
training-charges and tracker exports and the meeting minutes returned 200 without an audit row. Every
download, export and page built from case-study text now writes one row (who, what, which format,
from where: ``wscb.audit.services.audit_download``).

``DOWNLOADS`` lists every URL that answers with a file. ``test_every_url_that_answers_with_a_file_is_listed``
walks the permission matrix (every URL in the resolver) and fails when a URL answers with a
``Content-Disposition`` or looks like a download (an ``export``/``download``/``document``/``file`` name, a
route ending in a file extension) but is not listed here; the back office's import-export exports are
found from the admin registry. Each download is fetched while the board's short name holds a quote, a
semicolon and a line break: the ``Content-Disposition`` must still carry exactly one file name
(``test_no_code_builds_a_content_disposition_itself`` fails on code that builds the header by hand).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib import admin as django_admin
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from partners.models import Board
from tests import permission_matrix as matrix
from tests.annual.factories import PublishedReportFactory
from tests.conftest import client_for
from tests.finance.factories import ContributionFactory, FinanceYearFactory
from tests.meetings.factories import GroupFactory, MeetingFactory
from tests.reports.factories import open_round, report_for
from tests.savepoints import in_savepoint
from tests.training.factories import CourseFactory, CoursePlanFactory
from tests.wscb.test_import_graph import project_modules
from wscb.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

HOSTILE_SHORT_NAME = 'W"S;C\r\nB'


@dataclass(frozen=True)
class Download:
    name: str
    actor: str
    prepare: Callable  # cast -> (url kwargs, query dict)
    file_format: str  # what the audit row must name
    variant: str = ""
    method: str = "get"


def _year(cast):
    return {"start_year": 2016}


def finance_export(dataset, file_format):
    def prepare(cast):
        year = FinanceYearFactory(board=cast.board, start_year=2016)
        ContributionFactory(finance_year=year, partner=cast.agency_a, amount_agreed=Decimal("10.00"))
        return {"dataset": dataset}, {"format": file_format, "year": "2016"}

    return prepare


def meeting_minutes(cast):
    name = default_storage.save("meetings/download-sweep.pdf", ContentFile(b"%PDF-1.4\n% minutes\n"))
    meeting = MeetingFactory(group=GroupFactory(board=cast.board, name="Board"), minutes=name)
    return {"pk": meeting.pk, "kind": "minutes"}, {}


def impact_file(cast):
    name = default_storage.save("training/impact/download-sweep.pdf", ContentFile(b"%PDF-1.4\nimpact\n"))
    plan = CoursePlanFactory(course=CourseFactory(board=cast.board), has_impact_report=True, impact_file=name)
    return {"pk": plan.pk}, {}


def _upcoming_session(cast):
    from datetime import timedelta

    from django.utils import timezone

    from tests.training.factories import SessionFactory

    return SessionFactory(course=CourseFactory(board=cast.board), starts_on=timezone.localdate() + timedelta(days=9))


def learning_session(cast):
    from django.utils.text import slugify

    stored = Board.objects.get(pk=cast.board.pk)
    return {"board_slug": slugify(stored.short_name), "pk": _upcoming_session(cast).pk}, {}


def learner_certificate(cast):
    from tests.training.factories import BookingFactory
    from training.models import Evaluation

    learner = cast.learner.learner
    booking = BookingFactory(
        session=_upcoming_session(cast),
        learner=learner,
        partner=learner.partner,
        organisation_name="",
        status="attended",
    )
    Evaluation.objects.create(booking=booking, ratings=[])
    return {"pk": booking.pk}, {}


def _round(cast):
    return open_round(board=cast.board, agencies=[cast.agency_a, cast.agency_b], by=cast.business_support)


def round_export(cast):
    return {"pk": _round(cast).pk}, {}


def report_a(cast):
    return {"pk": report_for(_round(cast), cast.agency_a).pk}, {}


def laid_out_draft(fmt):
    """The draft's Word or PDF file is laid out by a job; once laid out the same URL serves it."""

    def prepare(cast):
        from reports.annual import tasks
        from reports.annual.drafts import draft_file_current
        from tests.jobs.worker import run_jobs
        from wscb.periods import ReportingYear

        _, key = draft_file_current(board=cast.board, year=ReportingYear(2016), fmt=fmt)
        tasks.draft_layout_start(board=cast.board, year=ReportingYear(2016), fmt=fmt, key=key, by=cast.business_support)
        run_jobs()
        return {**_year(cast), "fmt": fmt}, {}

    return prepare


def public_file(fmt, *, version=False):
    """The public address of the board's published report file (anyone, signed in or not)."""

    def prepare(cast):
        from django.utils.text import slugify

        stored = Board.objects.get(pk=cast.board.pk)  # the short name as stored (hostile in the sweep)
        published_report = PublishedReportFactory(board=stored)
        kwargs = {"board_slug": slugify(stored.short_name), "year": "2016-17", "fmt": fmt}
        return ({**kwargs, "number": published_report.number} if version else kwargs), {}

    return prepare


def evidence_file(cast):
    from tests.reports.factories import attach_evidence

    item = attach_evidence(report_for(_round(cast), cast.agency_a), cast.lead_a)
    return {"pk": item.report_id, "evidence_pk": item.pk}, {}


def accepted_returns(cast):
    from tests.reports.factories import accepted

    round_ = _round(cast)
    for agency, lead in ((cast.agency_a, cast.lead_a), (cast.agency_b, cast.lead_b)):
        accepted(report_for(round_, agency), lead, cast.business_support)
    return _year(cast), {}


def published(fmt):
    def prepare(cast):
        kwargs = {"pk": PublishedReportFactory(board=cast.board).pk}
        return ({**kwargs, "fmt": fmt} if fmt != "html" else kwargs), {}

    return prepare


def _meeting_papers(cast, *, published=True):
    from django.utils import timezone

    from meetings.models import BoardPack, Meeting
    from tests.meetings.factories import AgendaItemFactory, PaperFactory, pdf_bytes

    meeting = MeetingFactory(group=GroupFactory(board=cast.board, name="Board"))
    paper = PaperFactory(agenda_item=AgendaItemFactory(meeting=meeting, position=1))
    pack = BoardPack(meeting=meeting, state_key="sweep", pages=1, compiled_at=timezone.now())
    pack.file.save("pack.pdf", ContentFile(pdf_bytes("Pack")), save=True)
    if published:
        Meeting.objects.filter(pk=meeting.pk).update(papers_published_at=timezone.now())
    return meeting, paper


def meeting_paper(cast):
    return {"pk": _meeting_papers(cast)[1].pk}, {}


def meeting_pack(cast):
    return {"pk": _meeting_papers(cast)[0].pk}, {}


def meeting_ics(cast):
    return {"pk": MeetingFactory(group=GroupFactory(board=cast.board, name="Board")).pk}, {}


def approved_minutes_file(cast):
    import datetime

    from meetings.models import Minutes

    name = default_storage.save("meetings/minutes/sweep.pdf", ContentFile(b"%PDF-1.4\n% minutes\n"))
    meeting = MeetingFactory(group=GroupFactory(board=cast.board, name="Board"))
    minutes = Minutes.objects.create(meeting=meeting, number=1, file=name, original_name="minutes.pdf")
    Minutes.objects.filter(pk=minutes.pk).update(status="approved", approved_on=datetime.date(2016, 12, 5))
    return {"pk": minutes.pk}, {}


def calendar_feed(cast):
    from meetings.calendar import feed_create

    return {"token": feed_create(user=cast.board_member, board=cast.board)}, {}


DOWNLOADS = [
    Download("audit-export", "administrator", lambda cast: ({}, {"format": "csv"}), "csv"),
    Download("audit-export", "administrator", lambda cast: ({}, {"format": "xlsx"}), "xlsx", variant="xlsx"),
    Download("finance:export", "business_support", finance_export("contributions", "csv"), "csv"),
    Download("finance:export", "board_member", finance_export("expenditure", "xlsx"), "xlsx", variant="xlsx"),
    Download("finance:export", "business_support", finance_export("outstanding", "csv"), "csv", variant="outstanding"),
    Download("meetings:meeting-document", "board_member", meeting_minutes, "pdf"),
    Download("meetings:paper-download", "board_member", meeting_paper, "pdf"),
    Download("meetings:pack-download", "board_member", meeting_pack, "pdf"),
    Download("meetings:minutes-file", "board_member", approved_minutes_file, "pdf"),
    Download("meetings:meeting-ics", "board_member", meeting_ics, "ics"),
    Download("meetings:calendar-feed-ics", "anonymous", calendar_feed, "ics"),
    Download("meetings:action-export", "lead_a", lambda cast: ({}, {"format": "csv"}), "csv"),
    Download("meetings:action-export", "board_member", lambda cast: ({}, {"format": "xlsx"}), "xlsx", variant="xlsx"),
    Download("training:impact-file", "board_member", impact_file, "pdf"),
    Download("training:charges-export", "board_member", lambda cast: ({}, {"year": "2016/17"}), "csv"),
    Download("training:agency-export", "lead_a", lambda cast: ({"pk": cast.agency_a.pk}, {"year": "2016/17"}), "csv"),
    Download(
        "training:agency-charges-pdf", "lead_a", lambda cast: ({"pk": cast.agency_a.pk}, {"year": "2016/17"}), "pdf"
    ),
    Download("learning:session-ics", "anonymous", learning_session, "ics"),
    Download("learning:certificate", "learner", learner_certificate, "pdf"),
    Download(
        "dashboards:panel-export",
        "board_member",
        lambda cast: ({"panel": "attendance", "fmt": "csv"}, {"year": "2016/17"}),
        "csv",
    ),
    Download(
        "dashboards:panel-export",
        "board_member",
        lambda cast: ({"panel": "indicators", "fmt": "xlsx"}, {"year": "2016/17"}),
        "xlsx",
        variant="xlsx",
    ),
    Download("reports:round-export", "business_support", round_export, "xlsx"),
    Download("reports:selfreport-docx", "lead_a", report_a, "docx"),
    Download("reports:evidence-download", "lead_a", evidence_file, "pdf"),
    Download(
        "reports:ratings-picture-export", "board_member", lambda cast: ({**_year(cast), "format": "csv"}, {}), "csv"
    ),
    Download(
        "reports:ratings-picture-export",
        "business_support",
        lambda cast: ({**_year(cast), "format": "xlsx"}, {}),
        "xlsx",
        variant="xlsx",
    ),
    Download("reports:selfreport-pdf", "business_support", report_a, "pdf"),
    Download("reports:partner-updates-docx", "board_member", accepted_returns, "docx"),
    Download(
        "reports:partner-updates-docx", "board_member", lambda cast: (_year(cast), {}), "docx", variant="none accepted"
    ),
    Download("annual:draft", "business_support", lambda cast: (_year(cast), {}), "page"),
    Download("annual:draft-download", "business_support", lambda cast: ({**_year(cast), "fmt": "html"}, {}), "html"),
    Download("annual:draft-download", "business_support", laid_out_draft("docx"), "docx", variant="docx"),
    Download("annual:published", "lead_a", published("html"), "html"),
    Download("annual:published-file", "board_member", published("pdf"), "pdf"),
    Download("annual:published-file", "lead_a", published("docx"), "docx", variant="docx"),
    Download("public:report-file", "anonymous", public_file("pdf"), "pdf"),
    Download("public:version-file", "anonymous", public_file("docx", version=True), "docx"),
    # An import's template names the board's agencies, courses... as its valid values.
    Download("imports:template", "business_support", lambda cast: ({"kind": "agencies", "fmt": "xlsx"}, {}), "xlsx"),
    Download(
        "imports:template",
        "business_support",
        lambda cast: ({"kind": "agencies", "fmt": "csv"}, {}),
        "csv",
        variant="csv",
    ),
]
#: Pages (not files) listed above because they are built from case-study text.
PAGES = {"annual:draft"}
#: URLs that look like downloads but are not, and why.
NOT_DOWNLOADS = {"jobs:status": "a job's progress as JSON for its status page: no record's content"}
#: Downloads of several records write one row per record shown (in one query), each naming the format.
SEVERAL_RECORDS = {"reports:partner-updates-docx"}
DOWNLOAD_WORDS = ("export", "download", "document", "file", "docx", "pdf")


def _walk(patterns, namespace="", prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, prefix + str(pattern.pattern)


def download_like_names() -> set[str]:
    """URLs that look like downloads by their name or route (the back office's are swept separately)."""
    found = set()
    for name, route in _walk(get_resolver().url_patterns):
        if name.startswith("admin:"):
            continue
        words = re.split(r"[-_:]", name.split(":")[-1])
        if any(word in DOWNLOAD_WORDS for word in words) or re.search(r"\.\(?[\w|?<>()]*\)?\$?$", route):
            found.add(name)
    return found - set(NOT_DOWNLOADS)


def test_every_url_that_looks_like_a_download_is_listed():
    listed = {download.name for download in DOWNLOADS}
    assert download_like_names() - listed == set(), "add the new download to DOWNLOADS"


def test_every_url_that_answers_with_a_file_is_listed(cast):
    listed = {download.name for download in DOWNLOADS}
    answered_with_a_file = set()
    for entry in matrix.all_entries():
        if entry.method != "get" or entry.name.startswith(("admin:", "<unnamed")):
            continue
        role = next((role for role in matrix.ROLES if entry.expect.get(role) == 200), None)
        if role is None:
            continue

        def fetch(entry=entry, role=role):
            kwargs = entry.kwargs(cast) if entry.kwargs else None
            url = entry.path(cast) if entry.path else reverse(entry.name, kwargs=kwargs)
            return client_for(getattr(cast, role)).get(f"{url}?{entry.query}" if entry.query else url)

        if in_savepoint(fetch).has_header("Content-Disposition"):
            answered_with_a_file.add(entry.name)
    assert answered_with_a_file, "the sweep found no file at all: is it still looking?"
    assert answered_with_a_file - listed == set(), "add these downloads to DOWNLOADS"


def filename_parameters(disposition: str) -> list[str]:
    return re.findall(r"(?:^|;)\s*(filename\*?)=", disposition)


def problems_with(download: Download, cast) -> list[str]:
    kwargs, query = download.prepare(cast)
    actor = getattr(cast, download.actor)  # None: an anonymous visitor (the public report)
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client_for(actor).get(reverse(download.name, kwargs=kwargs), query)
    if response.status_code != 200:
        return [f"status {response.status_code}"]
    found = []
    if download.name not in PAGES:
        disposition = response.get("Content-Disposition", "")
        if len(filename_parameters(disposition)) != 1 or "\n" in disposition or "\r" in disposition:
            found.append(f"Content-Disposition {disposition!r}")
    if "no-store" not in response.get("Cache-Control", ""):
        found.append("not no-store")
    events = list(AuditEvent.objects.filter(pk__gt=before, action__in=[AuditAction.EXPORTED, AuditAction.VIEWED]))
    named = [event for event in events if event.detail.endswith(f"({download.file_format})")]
    if not named or len(named) != len(events) or (len(named) > 1 and download.name not in SEVERAL_RECORDS):
        return [*found, f"{len(named)} audit rows naming the format {download.file_format}: {events}"]
    event = named[0]
    if event.user_id != getattr(actor, "pk", None) or event.ip_address != "127.0.0.1" or event.channel != "web":
        found.append(f"who/from where: {event.user_id} {event.ip_address} {event.channel}")
    if not (event.object_id or event.detail.removesuffix(f"({download.file_format})").strip()):
        found.append("the row does not say what was downloaded")
    return found


def exporting_admins():
    from import_export.admin import ExportMixin

    return [(model, admin) for model, admin in django_admin.site._registry.items() if isinstance(admin, ExportMixin)]


def admin_export_problems(model, cast) -> list[str]:
    client = client_for(cast.business_support)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_export")
    page = client.get(url).content.decode()
    fields = set(re.findall(r'type="checkbox" name="([\w-]+)"', page)) | set(
        re.findall(r'name="([\w-]+)"[^>]*type="checkbox"', page)
    )
    problems = []
    for index, extension in ((0, "csv"), (1, "xlsx")):
        before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = client.post(url, {"format": str(index), "resource": "0", **dict.fromkeys(fields, "on")})
        disposition = response.get("Content-Disposition", "")
        if response.status_code != 200 or len(filename_parameters(disposition)) != 1:
            problems.append(f"{extension}: status {response.status_code}, {disposition!r}")
            continue
        if "no-store" not in response.get("Cache-Control", ""):
            problems.append(f"{extension}: not no-store")
        events = AuditEvent.objects.filter(
            pk__gt=before, action=AuditAction.EXPORTED, detail__endswith=f"({extension})"
        )
        if [(event.user_id, event.channel) for event in events] != [(cast.business_support.pk, "admin")]:
            problems.append(f"{extension}: audit rows {list(events.values_list('detail', flat=True))}")
    return problems


def test_every_download_writes_one_audit_row_with_who_what_which_format_and_from_where(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    Board.objects.filter(pk=cast.board.pk).update(short_name=HOSTILE_SHORT_NAME)
    results = {}
    for download in DOWNLOADS:
        key = f"{download.name}{f' ({download.variant})' if download.variant else ''}"
        results[key] = in_savepoint(lambda download=download: problems_with(download, cast))
    for model, _admin in exporting_admins():
        results[f"admin {model._meta.label_lower} export"] = in_savepoint(
            lambda model=model: admin_export_problems(model, cast)
        )
    assert len(exporting_admins()) >= 3
    audited = [name for name, problems in results.items() if not problems]
    print(f"\ndownload audit coverage: {len(audited)} of {len(results)} downloads")
    assert {name: problems for name, problems in results.items() if problems} == {}


def test_a_board_short_name_that_would_break_a_header_is_refused(board):
    from django.core.exceptions import ValidationError

    for bad in ('W"SCB', "WSCB\r\nX-Injected: 1", "W;SCB", "W/SCB", " WSCB"):
        board.short_name = bad
        with pytest.raises(ValidationError) as refused:
            board.full_clean()
        assert "short_name" in refused.value.message_dict
    for good in ("WSCB", "Wigan SCP", "W&L (North)"):
        board.short_name = good
        board.full_clean()


def _builds_content_disposition(node) -> bool:
    """``response["Content-Disposition"] = ...`` or ``headers["Content-Disposition"] = ...``."""
    return isinstance(node, ast.Assign) and any(
        isinstance(target, ast.Subscript)
        and isinstance(target.slice, ast.Constant)
        and str(target.slice.value).lower() == "content-disposition"
        for target in node.targets
    )


def test_no_code_builds_a_content_disposition_itself():
    builders = [
        f"{name}:{node.lineno}"
        for name, path in project_modules().items()
        if name != "wscb.data.exports"
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path)))
        if _builds_content_disposition(node)
    ]
    assert builders == [], f"use wscb.data.exports.file_response (or FileResponse(filename=...)): {builders}"
