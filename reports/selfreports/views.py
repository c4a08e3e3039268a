"""Pages for partner updates: leads fill in, business support reviews, readers read accepted ones."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import ListView, TemplateView

from reports.selfreports import selectors, services
from reports.selfreports.default_form import CONTACT_KEYS, PERIOD_END, PERIOD_START
from reports.selfreports.forms import CommentForm, DeclarationForm, ReturnForm, SectionForm, text_to_initial
from reports.selfreports.models import FormSection
from reports.selfreports.ratings import rating_years
from wscb.audit.services import AuditAction, audit_record, audit_record_many
from wscb.boards import current_board
from wscb.data.once import SubmitOnceMixin
from wscb.permissions import PARTNER_LEAD, RECORD_KEEPERS, RoleRequiredMixin, SignedInMixin
from wscb.plurals import counted
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

    def get_context_data(self, **kwargs):
        readers = not self.request.user.is_partner_lead
        years = rating_years(board=current_board(self.request)) if readers else []
        return super().get_context_data(rating_years=years, **kwargs)


class TaskListView(LeadMixin, ReportMixin, TemplateView):
    template_name = "reports/selfreport_tasks.html"

    def get_context_data(self, **kwargs):
        answers = selectors.report_answers(report=self.report)
        return super().get_context_data(
            rows=selectors.task_list(report=self.report),
            comments=self.report.comments.select_related("section", "author"),
            wrong_year=selectors.wrong_year_message(report=self.report, answers=answers),
            last_year=selectors.last_year_report(report=self.report),
            return_message=self.report.return_message if self.report.status == self.report.Status.RETURNED else "",
            **action_plan_context(self.request, self.report),
            evidence_count=self.report.evidence.count(),
            **kwargs,
        )


def action_plan_context(request, report) -> dict:
    """The action plan on a return's pages: actions carried from earlier years (each with the form to
    record progress there), those raised in this return, and the answers that suggest one."""
    from reports.selfreports import actions
    from reports.selfreports.forms import ActionUpdateForm

    may_change = actions.may_change(request.user, report)
    carried = actions.carried_actions(report=report, for_user=request.user)
    refs = actions.report_answer_refs(report=report)
    suggested = actions.suggested_keys(report=report, refs=refs)
    return {
        "carried_actions": [(action, ActionUpdateForm(action=action) if may_change else None) for action in carried],
        "raised_actions": actions.actions_raised_in(report=report),
        "suggested_actions": [refs[key] for key in suggested],
        "answer_keys": set(refs),
        "suggested_keys": set(suggested),
        "may_raise_actions": may_change and (report.is_editable or not request.user.is_partner_lead),
        "today": timezone.localdate(),
        "here": request.get_full_path(),
    }


def with_evidence(request, report, document) -> int:
    """Show each answer's evidence files on its line (to those who may read them); how many there are."""
    from reports.selfreports import evidence

    grouped = evidence.evidence_by_key(for_user=request.user, report=report)
    evidence.attach_to_lines(document, grouped)
    return sum(len(items) for items in grouped.values())


def reads_evidence(user) -> bool:
    from reports.selfreports.evidence import reads_evidence as rule

    return rule(user)


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
        initial.update(
            {spec.justification_key: saved.get(spec.justification_key, "") for spec in specs if spec.is_rating}
        )
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


class CheckAnswersView(LeadMixin, ReportMixin, TemplateView):
    """Check your answers: every section's answers with a Change link, then the declaration and Submit."""

    template_name = "reports/selfreport_check.html"

    def get(self, request, *args, **kwargs):
        if not self.report.is_editable:
            messages.info(request, "This update has been submitted and can no longer be changed.")
            return redirect(detail_url(self.report))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from reports.selfreports.reporting import report_document

        kwargs.setdefault("form", DeclarationForm(initial=DeclarationForm.initial_for(self.request.user)))
        document = report_document(report=self.report, for_user=self.request.user, with_comments=False)
        with_evidence(self.request, self.report, document)
        return super().get_context_data(
            document=document,
            problems=selectors.report_problems(report=self.report),
            **action_plan_context(self.request, self.report),
            **kwargs,
        )


class SubmitView(CheckAnswersView):
    """The check page's form: the declaration is required; a refusal shows the check page again."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        form = DeclarationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.report_submit(report=self.report, by=request.user, declaration=form.declaration())
        except services.SelfReportError as error:
            messages.error(request, f"Not submitted. {error}")
            return redirect(reverse("reports:selfreport-check", args=[self.report.pk]))
        audit_change(request, self.report, "Submitted. Changed: status")
        messages.success(request, "Your update has been submitted to business support. Thank you.")
        return redirect(detail_url(self.report))


class CopyLastYearView(LeadMixin, ReportMixin, TemplateView):
    """GET: what will be copied; POST: copy it into the sections not started, as drafts to check."""

    template_name = "reports/selfreport_copy.html"

    def get_context_data(self, **kwargs):
        from reports.selfreports.reporting import copy_last_year_preview

        return super().get_context_data(
            last_year=selectors.last_year_report(report=self.report),
            items=copy_last_year_preview(report=self.report),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            copied = services.report_copy_last_year(report=self.report, by=request.user)
        except services.SelfReportError as error:
            messages.error(request, str(error))
        else:
            sections = counted(copied, "section")
            audit_change(request, self.report, f"Started from last year ({sections}). Changed: answers")
            messages.success(
                request,
                f"Last year's answers copied into {sections} as drafts: check each one and save it before you submit.",
            )
        return redirect(tasks_url(self.report))


class DetailView(SignedInMixin, ReportMixin, TemplateView):
    """The whole update to read; business support reviews it here."""

    template_name = "reports/selfreport_detail.html"

    def get_context_data(self, **kwargs):
        from reports.selfreports.reporting import report_document

        user = self.request.user
        is_reviewer = user.is_staff
        document = report_document(report=self.report, for_user=user)
        evidence_count = with_evidence(self.request, self.report, document)
        if document.case_studies:  # every case study read is audited, on this page as on its own
            audit_record_many(
                request=self.request,
                action=AuditAction.VIEWED,
                objects=document.case_studies,
                detail=f"Shown with {self.report}",
            )
        return super().get_context_data(
            document=document,
            is_reviewer=is_reviewer,
            comment_form=CommentForm() if is_reviewer else None,
            return_form=ReturnForm(initial={"message": self.report.review_message}) if is_reviewer else None,
            case_study_policy=selectors.case_study_policy(report=self.report),
            opens_case_studies=selectors.opens_case_studies(user),
            transitions=self.report.transitions.select_related("by") if not user.is_board_member else [],
            changes=selectors.answer_history(report=self.report) if is_reviewer else [],
            **action_plan_context(self.request, self.report),
            evidence_count=evidence_count,
            reads_evidence=reads_evidence(user),
            **kwargs,
        )


class ReviewMixin(RoleRequiredMixin):
    allowed_roles = RECORD_KEEPERS


def _review_input(request) -> tuple[str | None, dict[int, str]]:
    """What the review form sends, whichever button was pressed: the overall message (None when the
    form had none) and each section's comment box (``comment-<section id>``)."""
    comments = {}
    for name, value in request.POST.items():
        prefix, _, section_id = name.partition("-")
        if prefix == "comment" and section_id.isdigit():
            comments[int(section_id)] = value[:5000]
    message = request.POST.get("message")
    return (message[:5000] if message is not None else None), comments


def _audit_review(request, report, added, message) -> None:
    for comment in added:
        audit_change(request, report, f"Review comment added: {comment.section.heading}. Changed: comments")
    if message is not None:
        audit_change(request, report, "Review message saved. Changed: review_message")


def review_keep_typed(request, report) -> None:
    """Every button of the review page posts the whole review form: keep what was typed in it (the
    message's draft is audited with the return it goes with, not on its own)."""
    message, comments = _review_input(request)
    added = services.review_save(report=report, by=request.user, message=message, comments=comments)
    _audit_review(request, report, added, None)


class CommentView(SubmitOnceMixin, ReviewMixin, ReportMixin, View):
    """ "Add comment" on one section: saves that comment and everything else typed in the review form."""

    def post(self, request, *args, **kwargs):
        section = get_object_or_404(self.report.round.template.sections, pk=kwargs["section_pk"])
        message, comments = _review_input(request)
        if not comments.get(section.pk, "").strip():
            comments.pop(section.pk, None)
            messages.error(request, "Write a comment before adding it.")
        added = services.review_save(report=self.report, by=request.user, message=message, comments=comments)
        _audit_review(request, self.report, added, message)
        if any(comment.section_id == section.pk for comment in added):
            messages.success(request, f'Comment added to "{section.heading}".')
        return HttpResponseRedirect(f"{detail_url(self.report)}#section-{section.pk}")


class ReviewSaveView(ReviewMixin, ReportMixin, View):
    """ "Save the message": keeps the overall message (and any comments typed) without returning."""

    def post(self, request, *args, **kwargs):
        message, comments = _review_input(request)
        added = services.review_save(report=self.report, by=request.user, message=message, comments=comments)
        _audit_review(request, self.report, added, message)
        messages.success(request, f"Saved: the message and {counted(len(added), 'new comment')}.")
        return HttpResponseRedirect(f"{detail_url(self.report)}#review-heading")


class ReturnView(ReviewMixin, ReportMixin, View):
    def post(self, request, *args, **kwargs):
        message, _ = _review_input(request)
        review_keep_typed(request, self.report)
        try:
            services.report_return(report=self.report, by=request.user, note=message or "")
        except services.SelfReportError as error:
            messages.error(request, str(error))
        else:
            audit_change(request, self.report, "Returned for changes. Changed: status")
            messages.success(request, f"{self.report.partner.short_name}'s update returned for changes.")
        return redirect(detail_url(self.report))


class AcceptView(ReviewMixin, ReportMixin, View):
    def post(self, request, *args, **kwargs):
        review_keep_typed(request, self.report)
        try:
            services.report_accept(report=self.report, by=request.user)
        except services.SelfReportError as error:
            messages.error(request, str(error))
        else:
            audit_change(request, self.report, "Accepted. Changed: status")
            messages.success(request, f"{self.report.partner.short_name}'s update accepted.")
        return redirect(detail_url(self.report))
