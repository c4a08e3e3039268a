"""Annual report pages: drafts, readiness and publishing for business support; published
versions for everyone signed in."""

from decimal import Decimal

from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views import View

from finance.templatetags.money import pounds
from partners.models import StrategicPriority
from reports.annual import drafts, outputs, reporting, services, tasks
from reports.annual.assembly import build_report
from reports.annual.forms import ActivityForm, ConfirmForm, NarrativeForm, PublishForm, ReportSettingsForm
from reports.annual.models import NarrativeSection, PriorityActivity, ReportConfiguration
from reports.annual.public_views import public_urls
from reports.annual.readiness import check_readiness
from reports.annual.sections import PROVIDERS
from reports.annual.selectors import published_report_get, published_report_list
from wscb import charts
from wscb.audit.services import AuditAction, audit_download, audit_record, audit_record_many
from wscb.data.exports import file_response
from wscb.data.once import SubmitOnceMixin
from wscb.data.page_cache import cached_fragment
from wscb.jobs.selectors import jobs_active_for
from wscb.jobs.services import job_status_url
from wscb.periods import ReportingYear
from wscb.permissions import RecordKeeperMixin, SignedInMixin
from wscb.security import NoStoreMixin  # the draft and published report include partner returns
from wscb.years import current_year

VIEWED = AuditAction.VIEWED


def _year(start_year) -> ReportingYear:
    year = ReportingYear.from_query(start_year)
    if year is None:
        raise Http404("No such reporting year.")
    return year


def _board(request):
    if getattr(request, "board", None) is None:
        raise Http404("No board selected.")
    return request.board


class ReportIndexView(SignedInMixin, View):
    def get(self, request):
        board = _board(request)
        years = reporting.years_with_content(board=board) if request.user.is_staff else []
        current = current_year(request)
        if request.user.is_staff and current not in years:
            years = [current, *years]
        publishing = jobs_active_for(board=board, kind="annual.publish") if request.user.is_staff else []
        published = list(published_report_list(for_user=request.user, board=board))
        for item in published:
            item.public_urls = public_urls(item)
        return render(request, "annual/index.html", {"years": years, "published": published, "publishing": publishing})


class DraftView(NoStoreMixin, RecordKeeperMixin, View):
    """The draft on screen, kept per state of the board's data (``wscb.data.page_cache``): a repeated
    view is one lookup, a change is on the next view."""

    def get(self, request, start_year):
        board, year = _board(request), _year(start_year)

        def draft():
            report = build_report(board=board, year=year)
            return charts.for_page(render_to_string("annual/_draft_body.html", {"report": report}, request=request))

        body = cached_fragment(request, name="annual.draft", parts=(year.start_year,), render=draft)
        response = render(request, "annual/draft.html", {"year": year, "body": body})
        # the draft holds the partner updates' summaries (audited on every view, kept or not)
        audit_download(
            request=request, obj=board, what=f"Draft annual report {year.label}", file_format="page", action=VIEWED
        )
        return response


class DraftSectionView(NoStoreMixin, RecordKeeperMixin, View):
    """One section of the draft on a page of its own (``partner-updates``): the draft on screen shows a
    summary of a section much longer than the rest and links here. Kept like the draft."""

    def get(self, request, start_year, slug):
        board, year = _board(request), _year(start_year)
        if slug not in {provider.KEY.replace("_", "-") for provider in PROVIDERS}:
            raise Http404("No such section.")

        def section_page():
            report = build_report(board=board, year=year)
            section = next((item for item in report.all_sections if item.slug == slug), None)
            if section is None:
                raise Http404("No such section.")
            context = {"report": report, "section": section}
            return charts.for_page(render_to_string("annual/_draft_section_body.html", context, request=request))

        body = cached_fragment(request, name="annual.draft-section", parts=(year.start_year, slug), render=section_page)
        heading = slug.replace("-", " ").capitalize()
        response = render(request, "annual/draft_section.html", {"year": year, "body": body, "heading": heading})
        # the section holds the partner updates and their case studies in full
        audit_download(
            request=request,
            obj=board,
            what=f"Draft annual report {year.label}: {heading.lower()}",
            file_format="page",
            action=VIEWED,
        )
        return response


class DraftDownloadView(NoStoreMixin, RecordKeeperMixin, View):
    """The draft as a file. HTML is assembled at once; a PDF or Word file is served from storage when
    it was laid out from the records as they are now, else a new layout is queued and the person is
    sent to its status page, which links the file when it is ready (``reports.annual.drafts``)."""

    def get(self, request, start_year, fmt):
        board, year = _board(request), _year(int(start_year))
        stem = f"{board.short_name}-annual-report-{year.start_year}-draft"
        what = f"Draft annual report {year.label}"
        if fmt == "html":
            response = _file_response(outputs.render_html(build_report(board=board, year=year)).encode(), fmt, stem)
            audit_download(request=request, obj=board, what=what, file_format=fmt)
            return response
        stored, key = drafts.draft_file_current(board=board, year=year, fmt=fmt)
        if stored is not None:
            audit_download(request=request, obj=board, what=what, file_format=fmt)
            return _file_response(bytes(stored.content), fmt, stem)
        previous = drafts.draft_file_previous(board=board, year=year, fmt=fmt)
        job, _ = tasks.draft_layout_start(board=board, year=year, fmt=fmt, key=key, by=request.user)
        messages.info(request, _layout_queued_message(previous, fmt))
        return redirect(job_status_url(job))


def _layout_queued_message(previous, fmt: str) -> str:
    label = drafts.FORMAT_LABELS[fmt]
    if previous is None:
        return f"The draft {label} is being laid out. When it is ready it opens from this page."
    made = timezone.localtime(previous.made_at)
    return (
        f"The records have changed since the draft {label} was last laid out ({made:%d/%m/%Y %H:%M}), so a new "
        "one is being laid out. When it is ready it opens from this page."
    )


def _file_response(content: bytes, fmt: str, stem: str) -> HttpResponse:
    return file_response(
        content, filename=f"{stem}.{fmt}", content_type=outputs.CONTENT_TYPES[fmt], inline=fmt in ("pdf", "html")
    )


class ReadinessView(RecordKeeperMixin, View):
    def get(self, request, start_year):
        report = build_report(board=_board(request), year=_year(start_year))
        return render(request, "annual/readiness.html", {"report": report, "readiness": check_readiness(report)})


class PublishView(SubmitOnceMixin, RecordKeeperMixin, View):
    # Publishing again after a correction sends the same "confirm": only the token (a double click,
    # a replay) is a repeat; a second submit while the job runs follows it (tasks.report_publish_start).
    once_by_content = False

    def get(self, request, start_year):
        report = build_report(board=_board(request), year=_year(start_year))
        return render(
            request,
            "annual/publish_confirm.html",
            {"report": report, "readiness": check_readiness(report), "form": PublishForm()},
        )

    def post(self, request, start_year):
        board, year = _board(request), _year(start_year)
        form = PublishForm(request.POST)
        if not form.is_valid():
            report = build_report(board=board, year=year)
            context = {"report": report, "readiness": check_readiness(report), "form": form}
            return render(request, "annual/publish_confirm.html", context, status=400)
        job, created = tasks.report_publish_start(board=board, year=year, by=request.user)
        if created:
            audit_record(request=request, action=AuditAction.CREATED, obj=job, detail=f"Publish {year.label}")
            messages.info(request, f"The {year.label} report is being published. This page shows how far it has got.")
        else:
            messages.info(request, f"The {year.label} report is already being published: this is its progress.")
        return redirect(job_status_url(job))


class PublishedView(NoStoreMixin, SignedInMixin, View):
    def get(self, request, pk, fmt="html"):
        pk = int(pk)
        published = published_report_get(for_user=request.user, board=getattr(request, "board", None), pk=pk)
        content = {"html": published.html.encode(), "pdf": bytes(published.pdf), "docx": bytes(published.docx)}[fmt]
        response = _file_response(content, fmt, published.file_stem())
        audit_download(request=request, obj=published, what="Published annual report", file_format=fmt)
        return response


def _figures_context(board, year) -> dict:
    """The live figures the text may name, with this year's values, for the list beside the editor."""
    figures = build_report(board=board, year=year).figures
    return {"figures": sorted(figures.values(), key=lambda figure: figure.name)}


class NarrativeEditView(RecordKeeperMixin, View):
    def _load(self, request, start_year, kind):
        if kind not in NarrativeSection.Kind.values:
            raise Http404("No such narrative section.")
        board, year = _board(request), _year(start_year)
        instance = NarrativeSection.objects.filter(board=board, year_start=year.start_year, kind=kind).first()
        return board, year, instance

    def _render(self, request, form, year, kind, figures, status=200):
        label = NarrativeSection.Kind(kind).label
        context = {"form": form, "year": year, "label": label, **figures}
        return render(request, "annual/narrative_form.html", context, status=status)

    def get(self, request, start_year, kind):
        board, year, instance = self._load(request, start_year, kind)
        form = NarrativeForm(instance=instance, kind=kind, initial={"version": instance.version if instance else 0})
        return self._render(request, form, year, kind, _figures_context(board, year))

    def post(self, request, start_year, kind):
        board, year, instance = self._load(request, start_year, kind)
        figures = _figures_context(board, year)
        names = {figure.name for figure in figures["figures"]}
        form = NarrativeForm(request.POST, instance=instance, kind=kind, figure_names=names)
        if not form.is_valid():
            return self._render(request, form, year, kind, figures, status=400)
        created = instance is None
        try:
            section = services.narrative_save(
                board=board,
                year=year,
                kind=kind,
                body=form.cleaned_data["body"],
                signed_by=form.cleaned_data.get("signed_by", ""),
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except services.EditConflict:
            form.add_error(
                None,
                "Someone else saved this text after you opened it. "
                "Copy your changes, reload the page and apply them again.",
            )
            return self._render(request, form, year, kind, figures, status=409)
        changed = [name for name in form.changed_data if name in ("body", "signed_by")]
        if created:
            audit_record(request=request, action=AuditAction.CREATED, obj=section)
        else:
            audit_record(
                request=request, action=AuditAction.CHANGED, obj=section, detail=f"Changed: {', '.join(changed)}"
            )
        messages.success(request, f"{NarrativeSection.Kind(kind).label} saved.")
        return redirect(reverse("annual:draft", args=[year.start_year]) + f"#section-{kind.replace('_', '-')}")


class ActivityEditView(RecordKeeperMixin, View):
    def _load(self, request, start_year, priority_pk):
        board, year = _board(request), _year(start_year)
        priority = get_object_or_404(StrategicPriority, board=board, pk=priority_pk)
        if not priority.covers(year):
            raise Http404("This priority does not cover that year.")
        instance = PriorityActivity.objects.filter(priority=priority, year_start=year.start_year).first()
        return year, priority, instance

    def _render(self, request, form, year, priority, figures, status=200):
        context = {"form": form, "year": year, "priority": priority, **figures}
        return render(request, "annual/activity_form.html", context, status=status)

    def get(self, request, start_year, priority_pk):
        year, priority, instance = self._load(request, start_year, priority_pk)
        form = ActivityForm(instance=instance, initial={"version": instance.version if instance else 0})
        return self._render(request, form, year, priority, _figures_context(priority.board, year))

    def post(self, request, start_year, priority_pk):
        year, priority, instance = self._load(request, start_year, priority_pk)
        figures = _figures_context(priority.board, year)
        names = {figure.name for figure in figures["figures"]}
        form = ActivityForm(request.POST, instance=instance, figure_names=names)
        if not form.is_valid():
            return self._render(request, form, year, priority, figures, status=400)
        try:
            activity = services.priority_activity_save(
                priority=priority, year=year, text=form.cleaned_data["text"], version=form.cleaned_data["version"]
            )
        except services.EditConflict:
            form.add_error(
                None,
                "Someone else saved this activity after you opened it. Reload the page and apply your changes again.",
            )
            return self._render(request, form, year, priority, figures, status=409)
        if instance is None:
            audit_record(request=request, action=AuditAction.CREATED, obj=activity)
        else:
            audit_record(request=request, action=AuditAction.CHANGED, obj=activity, detail="Changed: text")
        messages.success(request, f"Activity for priority {priority.number} saved.")
        return redirect(reverse("annual:draft", args=[year.start_year]) + "#section-strategic-objectives")


class TrainingIncomeView(RecordKeeperMixin, View):
    """Confirm, then take the year's training charges into finance as its training income."""

    def _context(self, board, year, form):
        from finance.models import IncomeLine
        from training.reporting import charges_by_agency

        charges = charges_by_agency(board=board, year=year)
        recorded = IncomeLine.objects.filter(
            finance_year__board=board, finance_year__start_year=year.start_year, kind=IncomeLine.Kind.TRAINING
        ).select_related("partner")
        return {
            "year": year,
            "charges": charges,
            "charges_total": sum((line.amount for line in charges), Decimal("0.00")),
            "recorded": recorded,
            "recorded_total": sum((line.amount for line in recorded), Decimal("0.00")),
            "form": form,
        }

    def get(self, request, start_year):
        board, year = _board(request), _year(start_year)
        return render(request, "annual/training_income_confirm.html", self._context(board, year, ConfirmForm()))

    def post(self, request, start_year):
        board, year = _board(request), _year(start_year)
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            return render(request, "annual/training_income_confirm.html", self._context(board, year, form), status=400)
        lines = services.training_income_take_into_finance(board=board, year=year, by=request.user)
        total = sum((line.amount for line in lines), Decimal("0.00"))
        from finance.models import FinanceYear

        audit_record(
            request=request,
            action=AuditAction.CHANGED,
            obj=FinanceYear.objects.filter(board=board, start_year=year.start_year).first(),
            detail=(
                f"Changed: income_lines (training). Training income {year.label} replaced by the training "
                f"charges: {len(lines)} line(s), £{total}"
            ),
        )
        audit_record_many(request=request, action=AuditAction.CREATED, objects=lines, detail="Training income")
        messages.success(
            request, f"The {year.label} training income in finance is now the training charges: £{pounds(total)}."
        )
        return redirect("annual:readiness", start_year=year.start_year)


class ReportSettingsView(RecordKeeperMixin, View):
    """The year's report settings: section numbers, the portal's analysis, the reconciliation checks
    printed, and the order and labels of the partner updates."""

    def _context(self, request, board, year, data=None):
        from reports.annual import reconciliation
        from reports.annual.sections import PROVIDERS
        from reports.selfreports.models import SelfReport

        configuration = ReportConfiguration.objects.filter(board=board, year_start=year.start_year).first()
        returns = list(
            SelfReport.objects.filter(round__board=board, round__start_year=year.start_year)
            .select_related("partner")
            .order_by(F("report_position").asc(nulls_last=True), "partner__name")
        )
        numbers = configuration.section_numbers if configuration else {}
        hidden = set(configuration.hidden_checks) if configuration else set()
        initial = {
            "version": configuration.version if configuration else 0,
            "include_analysis": configuration.include_analysis if configuration else False,
            "numbering": "custom" if numbers else "automatic",
            "shown_checks": [name for name in reconciliation.CHECK_NAMES if name not in hidden],
            **{f"number_{key}": value for key, value in numbers.items()},
            **{f"position_{report.pk}": report.report_position for report in returns},
            **{f"label_{report.pk}": report.report_label for report in returns},
        }
        form = ReportSettingsForm(
            data,
            initial=initial,
            sections=[(provider.KEY, provider.TITLE) for provider in PROVIDERS],
            checks=reconciliation.CHECKS,
            returns=returns,
        )
        return {"form": form, "year": year}

    def get(self, request, start_year):
        board, year = _board(request), _year(start_year)
        return render(request, "annual/settings.html", self._context(request, board, year))

    def post(self, request, start_year):
        from reports.annual import reconciliation

        board, year = _board(request), _year(start_year)
        context = self._context(request, board, year, request.POST)
        form = context["form"]
        if not form.is_valid():
            return render(request, "annual/settings.html", context, status=400)
        shown = set(form.cleaned_data["shown_checks"])
        try:
            configuration = services.report_configuration_save(
                board=board,
                year=year,
                version=form.cleaned_data["version"],
                section_numbers=form.section_numbers,
                include_analysis=form.cleaned_data["include_analysis"],
                hidden_checks=[name for name in reconciliation.CHECK_NAMES if name not in shown],
                update_order=form.update_order,
            )
        except services.EditConflict:
            form.add_error(
                None, "Someone else saved these settings after you opened them. Reload the page and try again."
            )
            return render(request, "annual/settings.html", context, status=409)
        audit_record(
            request=request, action=AuditAction.CHANGED, obj=configuration, detail=f"Changed: {form.changed_settings()}"
        )
        messages.success(request, f"The settings of the {year.label} report are saved.")
        return redirect("annual:draft", start_year=year.start_year)
