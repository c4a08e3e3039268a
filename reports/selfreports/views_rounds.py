"""Business support's pages: update forms per year, rounds, the tracker; exports and the compiled year."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from reports.selfreports import exports, selectors, services
from reports.selfreports.forms import RoundForm
from reports.selfreports.reporting import compiled_partner_updates, report_document
from reports.selfreports.views import ReportMixin, ReviewMixin
from wscb.audit.services import AuditAction, audit_download, audit_record, audit_record_many
from wscb.boards import current_board
from wscb.data.exports import file_response
from wscb.data.once import SubmitOnceMixin
from wscb.periods import ReportingYear
from wscb.permissions import PartnershipReaderMixin, SignedInMixin
from wscb.plurals import counted
from wscb.security import NoStoreMixin
from wscb.years import current_year


def _download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    return file_response(content, filename=filename, content_type=content_type)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- forms per year ------------------------------------------------------------------------------------
class TemplateListView(ReviewMixin, ListView):
    template_name = "reports/template_list.html"
    context_object_name = "templates"

    def get_queryset(self):
        return selectors.template_list(for_user=self.request.user).filter(board=current_board(self.request))

    def get_context_data(self, **kwargs):
        years = set(self.object_list.values_list("start_year", flat=True))
        current = current_year(self.request)
        offered = sorted({current, ReportingYear.current(), current.next}, reverse=True)
        missing = [year for year in offered if year.start_year not in years]
        return super().get_context_data(missing_years=missing, **kwargs)


class TemplateDetailView(ReviewMixin, TemplateView):
    template_name = "reports/template_detail.html"

    def get_context_data(self, **kwargs):
        template = get_object_or_404(selectors.template_list(for_user=self.request.user), pk=self.kwargs["pk"])
        sections = [
            (section, selectors.section_questions(section=section, board=template.board, year=template.year))
            for section in template.sections.prefetch_related("questions")
        ]
        return super().get_context_data(form_template=template, sections=sections, **kwargs)


class TemplateCopyView(SubmitOnceMixin, ReviewMixin, View):
    def post(self, request, *args, **kwargs):
        template = get_object_or_404(selectors.template_list(for_user=request.user), pk=kwargs["pk"])
        try:
            copy = services.template_copy(template=template)
        except services.SelfReportError as error:
            messages.error(request, str(error))
            return redirect("reports:template-list")
        audit_record(request=request, action=AuditAction.CREATED, obj=copy, detail=f"Copy of {template.year.label}")
        messages.success(
            request,
            f"The {copy.year.label} form was created as a copy of {template.year.label}. Edit it "
            "in the back office before you open the round.",
        )
        return redirect("reports:template-detail", pk=copy.pk)


class TemplateCreateDefaultView(SubmitOnceMixin, ReviewMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            label = request.POST.get("reporting_year", "").strip()
            year = ReportingYear.from_label(label) if label else ReportingYear(int(request.POST.get("start_year", "")))
        except (ValueError, TypeError):
            messages.error(request, "Enter the reporting year as two years, like 2016/17.")
            return redirect("reports:template-list")
        try:
            template = services.template_create_default(board=current_board(request), year=year)
        except services.SelfReportError as error:
            messages.error(request, str(error))
            return redirect("reports:template-list")
        audit_record(request=request, action=AuditAction.CREATED, obj=template, detail="From the default form")
        messages.success(request, f"The {year.label} form was created from the default form.")
        return redirect("reports:template-detail", pk=template.pk)


# --- rounds and the tracker -------------------------------------------------------------------------------
class RoundListView(ReviewMixin, ListView):
    template_name = "reports/round_list.html"
    context_object_name = "rounds"

    def get_queryset(self):
        return selectors.round_list(for_user=self.request.user).filter(board=current_board(self.request))


class RoundCreateView(SubmitOnceMixin, ReviewMixin, FormView):
    template_name = "reports/round_form.html"

    def get_form(self, form_class=None):
        templates = selectors.template_list(for_user=self.request.user).filter(
            board=current_board(self.request), rounds__isnull=True
        )
        return RoundForm(**self.get_form_kwargs(), templates=templates)

    def form_valid(self, form):
        if self.request.POST.get("confirmed") != "yes" and not form.cleaned_data["is_historical"]:
            # Opening e-mails every agency chosen: show who will be written to, and ask first (a round
            # recorded as history e-mails nobody, so it is recorded at once).
            agencies = list(form.cleaned_data["agencies"])
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    confirming=True,
                    invitations=selectors.invitation_preview(board=current_board(self.request), agencies=agencies),
                    agency_count=counted(len(agencies), "agency", "agencies"),
                )
            )
        try:
            round_ = services.round_open(
                board=current_board(self.request),
                template=form.cleaned_data["template"],
                deadline=form.cleaned_data["deadline"],
                agencies=list(form.cleaned_data["agencies"]),
                by=self.request.user,
                is_historical=form.cleaned_data["is_historical"],
            )
        except services.SelfReportError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        audit_record(
            request=self.request,
            action=AuditAction.CREATED,
            obj=round_,
            detail="Recorded as history: no e-mails" if round_.is_historical else "",
        )
        audit_record_many(
            request=self.request, action=AuditAction.CREATED, objects=round_.reports.all(), detail="Round opened"
        )
        if round_.is_historical:
            messages.success(
                self.request,
                f"Round {round_.year.label} recorded as history for "
                f"{counted(round_.reports.count(), 'agency', 'agencies')}. "
                "No e-mails were sent, and no reminders will be.",
            )
        else:
            messages.success(
                self.request,
                f"Round {round_.year.label} opened for {counted(round_.reports.count(), 'agency', 'agencies')}: their "
                "invitations are being e-mailed (the back office's E-mail list shows each one).",
            )
        return redirect("reports:round-detail", pk=round_.pk)


class RoundMixin:
    def get_round(self):
        return get_object_or_404(selectors.round_list(for_user=self.request.user), pk=self.kwargs["pk"])


class RoundDetailView(ReviewMixin, RoundMixin, TemplateView):
    template_name = "reports/round_detail.html"

    def get_context_data(self, **kwargs):
        round_ = self.get_round()
        rows = selectors.tracker_rows(round_=round_, today=timezone.localdate())
        return super().get_context_data(round=round_, rows=rows, **kwargs)


class RoundExportView(ReviewMixin, RoundMixin, View):
    def get(self, request, *args, **kwargs):
        round_ = self.get_round()
        rows = selectors.tracker_rows(round_=round_, today=timezone.localdate())
        content = exports.tracker_xlsx(rows, title=str(round_))
        audit_download(request=request, obj=round_, what="Partner update tracker", file_format="xlsx")
        return _download(content, filename=f"partner-updates-{round_.start_year}-tracker.xlsx", content_type=XLSX)


# --- reading and exporting ---------------------------------------------------------------------------------
class ReportDocxView(SignedInMixin, ReportMixin, View):
    audit_action = AuditAction.EXPORTED
    audit_detail = "Partner update (docx)"

    def get(self, request, *args, **kwargs):
        document = report_document(report=self.report, for_user=request.user, with_comments=False)
        filename = f"partner-update-{self.report.round.start_year}-{self.report.partner.pk}.docx"
        return _download(exports.report_docx(document), filename=filename, content_type=DOCX)


class ReportPdfView(SignedInMixin, ReportMixin, View):
    audit_action = AuditAction.EXPORTED
    audit_detail = "Partner update (pdf)"

    def get(self, request, *args, **kwargs):
        document = report_document(report=self.report, for_user=request.user, with_comments=False)
        filename = f"partner-update-{self.report.round.start_year}-{self.report.partner.pk}.pdf"
        return _download(exports.report_pdf(document), filename=filename, content_type="application/pdf")


class CompiledMixin(NoStoreMixin, PartnershipReaderMixin):
    def year(self) -> ReportingYear:
        year = ReportingYear.from_query(self.kwargs["start_year"])
        if year is None:
            raise Http404("No such reporting year.")
        return year

    def documents(self):
        board = current_board(self.request)
        if board is None:
            return []
        documents = compiled_partner_updates(board=board, year=self.year())
        # One row per return shown (and per case study printed with it), written in one query.
        shown = [record for document in documents for record in (document.report, *document.case_studies)]
        is_page = self.request.path.endswith("/")
        action = AuditAction.VIEWED if is_page else AuditAction.EXPORTED
        detail = f"Compiled partner updates {self.year().label} ({'page' if is_page else 'docx'})"
        if shown:
            audit_record_many(request=self.request, action=action, objects=shown, detail=detail)
        else:  # nothing accepted yet: the download is still recorded
            audit_record(request=self.request, action=action, detail=detail)
        return documents


class CompiledView(CompiledMixin, TemplateView):
    template_name = "reports/compiled.html"

    def get_context_data(self, **kwargs):
        year = self.year()
        return super().get_context_data(
            year=year,
            documents=self.documents(),
            docx_url=reverse("reports:partner-updates-docx", args=[year.start_year]),
            **kwargs,
        )


class CompiledDocxView(CompiledMixin, View):
    def get(self, request, *args, **kwargs):
        year = self.year()
        content = exports.compiled_docx(self.documents(), title=f"Section 10: partner updates {year.label}")
        return _download(content, filename=f"partner-updates-{year.start_year}.docx", content_type=DOCX)
