"""Writes for the annual report: narrative and activity text and the report's settings (with conflict
detection), and publishing."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from partners.models import Board
from reports.annual import outputs
from reports.annual.assembly import build_report
from reports.annual.models import NarrativeSection, PriorityActivity, PublishedReport, ReportConfiguration
from wscb.audit.models import AuditChannel
from wscb.audit.services import AuditAction, audit_record
from wscb.data.versions import EditConflict, versioned_update
from wscb.jobs.services import JobError, job_complete, job_progress
from wscb.periods import ReportingYear


def narrative_save(
    *, board, year: ReportingYear, kind: str, body: str, signed_by: str, version: int, by
) -> NarrativeSection:
    """Create or update one narrative text. ``version`` is what the editor opened (0 for a new text);
    if the stored version moved on meanwhile, nothing is saved and ``EditConflict`` is raised."""
    with transaction.atomic():
        if version == 0:
            section, created = NarrativeSection.objects.get_or_create(
                board=board,
                year_start=year.start_year,
                kind=kind,
                defaults={"body": body, "signed_by": signed_by, "updated_by": by},
            )
            if not created:
                raise EditConflict
            return section
        versioned_update(
            NarrativeSection.objects.filter(board=board, year_start=year.start_year, kind=kind),
            version=version,
            body=body,
            signed_by=signed_by,
            updated_by=by,
            updated_at=timezone.now(),
        )
        return NarrativeSection.objects.get(board=board, year_start=year.start_year, kind=kind)


def priority_activity_save(*, priority, year: ReportingYear, text: str, version: int) -> PriorityActivity:
    """Create or update the year's activity text for a priority, with the same conflict rule."""
    with transaction.atomic():
        if version == 0:
            activity, created = PriorityActivity.objects.get_or_create(
                priority=priority, year_start=year.start_year, defaults={"text": text}
            )
            if not created:
                raise EditConflict
            return activity
        versioned_update(
            PriorityActivity.objects.filter(priority=priority, year_start=year.start_year),
            version=version,
            text=text,
            updated_at=timezone.now(),
        )
        return PriorityActivity.objects.get(priority=priority, year_start=year.start_year)


#: How many times publishing lays the files out again because others kept publishing meanwhile.
PUBLISH_ATTEMPTS = 5


def _next_number(board, year: ReportingYear) -> int:
    last = PublishedReport.objects.filter(board=board, year_start=year.start_year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def report_publish(*, board, year: ReportingYear, by, job=None) -> PublishedReport:
    """Freeze the report as it is now: lay out its HTML, PDF and Word files and store them as the next
    version (1, 2, ...). Run by the publishing job (``reports.annual.tasks``); ``job`` gets the steps.

    The layout (seconds to minutes) happens outside any transaction. The board row is locked only
    while numbering and storing: the number is printed in the files, so it is read before the layout
    and checked again under the lock, and if someone else published meanwhile the files are laid out
    again with the next number. A version is one row holding all three files, so it exists complete
    or not at all: a worker killed during the layout leaves nothing. With ``job``, the job is marked
    done in the same transaction, so retrying it after a crash never publishes a second version.
    """
    for _attempt in range(PUBLISH_ATTEMPTS):
        if job is not None:
            job_progress(job, step="Assembling the report from the records")
        report = build_report(board=board, year=year)
        report.is_draft = False
        number = report.version = _next_number(board, year)
        files = {}
        for fmt, step, render in (
            ("html", "Laying out the web page", outputs.render_html),
            ("pdf", "Laying out the PDF", outputs.render_pdf),
            ("docx", "Making the Word document", outputs.render_docx),
        ):
            if job is not None:
                job_progress(job, step=step)
            files[fmt] = render(report)
        pdf, pages = files["pdf"]
        with transaction.atomic():
            Board.objects.select_for_update().get(pk=board.pk)
            if _next_number(board, year) != number:
                continue  # someone published meanwhile: lay out again with the next number
            published = PublishedReport.objects.create(
                board=board,
                year_start=year.start_year,
                number=number,
                html=files["html"],
                pdf=pdf,
                docx=files["docx"],
                page_count=pages,
                published_at=report.generated_at,
                published_by=by,
            )
            audit_record(
                user=by,
                action=AuditAction.CREATED,
                obj=published,
                detail=f"Published {year.label}",
                channel=AuditChannel.JOB if job is not None else "",
            )
            if job is not None:
                job_complete(
                    job,
                    result_url=reverse("annual:published", args=[published.pk]),
                    result_label=f"Read version {number} of the {year.label} report",
                    step=f"Version {number} is published ({pages} pages)",
                )
            return published
    raise JobError("Others published this report several times while it was being laid out; try again.")


def report_publish_job(*, job) -> PublishedReport:
    """The publishing job's work: ``report_publish`` for the job's board, year and person."""
    return report_publish(board=job.board, year=ReportingYear(job.arguments["start_year"]), by=job.started_by, job=job)


def training_income_take_into_finance(*, board: Board, year: ReportingYear, by) -> list:
    """Business support's action: replace the year's training income in finance with the training
    charges per agency (community organisations, who have no partner record, as "not attributed").

    The report composes the two apps, so this lives here: finance takes ``(agency, amount)`` pairs
    through ``finance.services.training_income_replace`` and never reads the training app. It is an
    explicit action, not part of assembling the report, so reading a draft never changes finance.
    Returns the new income lines.
    """
    from finance.services import finance_year_open, training_income_replace
    from partners.models import Partner
    from training.reporting import charges_by_agency

    lines = charges_by_agency(board=board, year=year)
    partners = Partner.objects.in_bulk([line.partner_id for line in lines if line.partner_id])
    with transaction.atomic():
        finance_year = finance_year_open(board=board, year=year)
        return training_income_replace(
            finance_year=finance_year,
            charges=[(partners.get(line.partner_id), line.amount) for line in lines],
            by=by,
            description=f"Training charges {year.label}",
        )


def report_configuration_save(
    *,
    board,
    year: ReportingYear,
    version: int,
    section_numbers: dict[str, str],
    include_analysis: bool,
    hidden_checks: list[str],
    update_order: dict[int, tuple[int | None, str]],
) -> ReportConfiguration:
    """Save the year's report settings and the position and label of each partner update in it.

    ``version`` is what the settings page was opened with (0: no settings saved yet); if someone saved
    meanwhile, nothing is written and ``EditConflict`` is raised. ``update_order`` maps a partner
    update's id to its (position, label); ids outside the board's round for the year are ignored.
    """
    from reports.selfreports.models import SelfReport

    values = {
        "section_numbers": section_numbers,
        "include_analysis": include_analysis,
        "hidden_checks": sorted(hidden_checks),
    }
    with transaction.atomic():
        if version == 0:
            configuration, created = ReportConfiguration.objects.get_or_create(
                board=board, year_start=year.start_year, defaults=values
            )
            if not created:
                raise EditConflict
        else:
            versioned_update(
                ReportConfiguration.objects.filter(board=board, year_start=year.start_year), version=version, **values
            )
            configuration = ReportConfiguration.objects.get(board=board, year_start=year.start_year)
        returns = SelfReport.objects.filter(round__board=board, round__start_year=year.start_year, pk__in=update_order)
        for report in returns:
            position, label = update_order[report.pk]
            if (report.report_position, report.report_label) != (position, label):
                SelfReport.objects.filter(pk=report.pk).update(report_position=position, report_label=label)
        return configuration
