"""Pages for partner updates: leads fill in, business support reviews, readers read accepted ones."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import ListView, TemplateView

from reports.selfreports import selectors, services
from reports.selfreports.default_form import CONTACT_KEYS, PERIOD_END, PERIOD_START
from reports.selfreports.forms import CommentForm, ReturnForm, SectionForm, text_to_initial
from reports.selfreports.models import FormSection
from wscb.audit.services import AuditAction, audit_record
from wscb.data.once import SubmitOnceMixin
from wscb.permissions import PARTNER_LEAD, RECORD_KEEPERS, RoleRequiredMixin, SignedInMixin
from wscb.security import _no_store


class LeadMixin(RoleRequiredMixin):
    allowed_roles = frozenset({PARTNER_LEAD})


class ReportMixin:
    """Loads ``self.report`` through the user's scope (another agency's update: 404).

    The one place where reading a return is audited: every successful GET of a page or
    download built on this mixin writes one ``viewed`` event (``exported`` for downloads)
    naming the return, or the case study in ``self.audit_object`` when the page shows one.
    Every response is ``no-store``. A refused attempt (404, 403) writes no ``viewed`` row.
    """

    audit_action = AuditAction.VIEWED
    audit_object = None
    audit_detail = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.report = selectors.self_report_get(for_user=request.user, pk=kwargs["pk"])
        response = super().dispatch(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            audit_record(
                request=request,
                action=self.audit_action,
                obj=self.audit_object or self.report,
                detail=self.audit_detail,
            )
        return _no_store(response)

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)


def audit_change(request, obj, detail: str = "", action: str = AuditAction.CHANGED) -> None:
    """The one place a change to a return or case study is audited (after the service succeeded)."""
    audit_record(request=request, action=action, obj=obj, detail=detail)


def tasks_url(report) -> str:
    return reverse("reports:selfreport-tasks", args=[report.pk])


def detail_url(report) -> str:
    return reverse("reports:selfreport-detail", args=[report.pk])


class SelfReportListView(SignedInMixin, ListView):
    template_name = "reports/selfreport_list.html"
    context_object_name = "reports"
    paginate_by = 50

    def get_queryset(self):
        return selectors.self_report_list(for_user=self.request.user).order_by("-round__start_year", "partner__name")


class TaskListView(LeadMixin, ReportMixin, TemplateView):
    template_name = "reports/selfreport_tasks.html"

    def get_context_data(self, **kwargs):
        answers = selectors.report_answers(report=self.report)
        return super().get_context_data(
            rows=selectors.task_list(report=self.report),
            comments=self.report.comments.select_related("section", "author"),
            wrong_year=selectors.wrong_year_message(report=self.report, answers=answers),
            last_year=selectors.last_year_report(report=self.report),
            **kwargs,
        )


class SectionEditView(LeadMixin, ReportMixin, TemplateView):
    template_name = "reports/selfreport_section.html"

    def _section(self):
        section = get_object_or_404(
            self.report.round.template.sections.exclude(kind=FormSection.Kind.CASE_STUDIES),
            pk=self.kwargs["section_pk"],
        )
        specs = selectors.section_questions(section=section, board=self.report.round.board, year=self.report.round.year)
        return section, specs

    def _initial(self, section, specs, entry):
        saved = dict(entry.answers.values_list("key", "value")) if entry else {}
        if entry is None and section.kind == FormSection.Kind.CONTACT:
            user = self.request.user
            saved = {key: getattr(user, attribute, "") for key, attribute in CONTACT_KEYS.items()}
            saved[PERIOD_START] = self.report.round.year.start.isoformat()
            saved[PERIOD_END] = self.report.round.year.end.isoformat()
        initial = {spec.key: text_to_initial(spec, saved.get(spec.key, "")) for spec in specs}
        return {**initial, "version": entry.version if entry else 0}

    def get_context_data(self, **kwargs):
        section, specs = self._section()
        kwargs.setdefault("form", None)
        if kwargs["form"] is None:
            entry = self.report.entries.filter(section=section).first()
            kwargs["form"] = SectionForm(initial=self._initial(section, specs, entry), specs=specs)
        return super().get_context_data(
            section=section,
            comments=self.report.comments.filter(section=section).select_related("author"),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        if not self.report.is_editable:
            messages.info(request, "This update has been submitted and can no longer be changed.")
            return redirect(detail_url(self.report))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        section, specs = self._section()
        form = SectionForm(request.POST, specs=specs)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.section_save(
                report=self.report,
                section=section,
                values=form.answer_values(),
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except services.SectionConflict as conflict:
            return self.render_to_response(self.get_context_data(**self._conflict(request, specs, conflict)))
        except services.SelfReportError as error:
            messages.error(request, str(error))
            return redirect(detail_url(self.report))
        audit_change(request, self.report, f"Section saved: {section.heading}. Changed: answers")
        messages.success(request, f'"{section.heading}" saved as a draft.')
        return redirect(tasks_url(self.report))

    def _conflict(self, request, specs, conflict):
        """Keep what this person typed, show what the other person saved, and let them save over it."""
        data = request.POST.copy()
        data["version"] = str(conflict.entry.version)
        saved = [(spec.text, conflict.saved_values.get(spec.key, "")) for spec in specs]
        who = conflict.entry.updated_by.full_name if conflict.entry.updated_by else "Someone else"
        return {
            "form": SectionForm(data, specs=specs),
            "conflict": {"who": who, "when": conflict.entry.updated_at, "saved": saved},
        }


class SubmitView(LeadMixin, ReportMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            services.report_submit(report=self.report, by=request.user)
        except services.SelfReportError as error:
            messages.error(request, f"Not submitted. {error}")
            return redirect(tasks_url(self.report))
        audit_change(request, self.report, "Submitted. Changed: status")
        messages.success(request, "Your update has been submitted to business support. Thank you.")
        return redirect(detail_url(self.report))


class CopyLastYearView(LeadMixin, ReportMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            copied = services.report_copy_last_year(report=self.report, by=request.user)
        except services.SelfReportError as error:
            messages.error(request, str(error))
        else:
            audit_change(request, self.report, f"Started from last year ({copied} sections). Changed: answers")
            messages.success(
                request, f"Last year's answers copied into {copied} section{'s' if copied != 1 else ''} as a draft."
            )
        return redirect(tasks_url(self.report))


class DetailView(SignedInMixin, ReportMixin, TemplateView):
    """The whole update to read; business support reviews it here."""

    template_name = "reports/selfreport_detail.html"

    def get_context_data(self, **kwargs):
        from reports.selfreports.reporting import report_document

        user = self.request.user
        is_reviewer = user.is_staff
        return super().get_context_data(
            document=report_document(report=self.report, for_user=user),
            is_reviewer=is_reviewer,
            comment_form=CommentForm() if is_reviewer else None,
            return_form=ReturnForm() if is_reviewer else None,
            transitions=self.report.transitions.select_related("by") if not user.is_board_member else [],
            changes=selectors.answer_history(report=self.report) if is_reviewer else [],
            **kwargs,
        )


class ReviewMixin(RoleRequiredMixin):
    allowed_roles = RECORD_KEEPERS


class CommentView(SubmitOnceMixin, ReviewMixin, ReportMixin, View):
    def post(self, request, *args, **kwargs):
        section = get_object_or_404(self.report.round.template.sections, pk=kwargs["section_pk"])
        form = CommentForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Write a comment before adding it.")
        else:
            services.comment_add(report=self.report, section=section, text=form.cleaned_data["text"], by=request.user)
            audit_change(request, self.report, f"Review comment added: {section.heading}. Changed: comments")
            messages.success(request, f'Comment added to "{section.heading}".')
        return HttpResponseRedirect(f"{detail_url(self.report)}#section-{section.pk}")


class ReturnView(ReviewMixin, ReportMixin, View):
    def post(self, request, *args, **kwargs):
        form = ReturnForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            services.report_return(report=self.report, by=request.user, note=note)
        except services.SelfReportError as error:
            messages.error(request, str(error))
        else:
            audit_change(request, self.report, "Returned for changes. Changed: status")
            messages.success(request, f"{self.report.partner.short_name}'s update returned for changes.")
        return redirect(detail_url(self.report))


class AcceptView(ReviewMixin, ReportMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            services.report_accept(report=self.report, by=request.user)
        except services.SelfReportError as error:
            messages.error(request, str(error))
        else:
            audit_change(request, self.report, "Accepted. Changed: status")
            messages.success(request, f"{self.report.partner.short_name}'s update accepted.")
        return redirect(detail_url(self.report))
