"""Evidence pages: the return's files by answer (the lead attaches and removes them while the return is
editable), an audited download, and removal with a confirmation. Rules in reports/selfreports/evidence.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from reports.selfreports import actions, evidence
from reports.selfreports.forms import EvidenceForm
from reports.selfreports.views import ReportMixin, audit_change
from wscb.audit.services import AuditAction
from wscb.data.once import SubmitOnceMixin
from wscb.data.uploads import serve_upload, upload_format
from wscb.permissions import BUSINESS_SUPPORT, PARTNER_LEAD, RoleRequiredMixin
from wscb.words import board_words


def evidence_url(report) -> str:
    return reverse("reports:evidence-list", args=[report.pk])


class EvidenceReaderMixin(RoleRequiredMixin):
    allowed_roles = frozenset({PARTNER_LEAD, BUSINESS_SUPPORT})


def _questions(report):
    return [(key, ref.text) for key, ref in actions.report_answer_refs(report=report).items()]


class EvidenceListView(SubmitOnceMixin, EvidenceReaderMixin, ReportMixin, TemplateView):
    """GET: the files by answer, and (for the agency's lead, while editable) the form to attach one."""

    template_name = "reports/evidence_list.html"

    def _may_attach(self):
        return self.request.user.is_partner_lead and self.report.is_editable

    def get_context_data(self, **kwargs):
        questions = _questions(self.report)
        grouped = evidence.evidence_by_key(for_user=self.request.user, report=self.report)
        if self._may_attach():
            initial = {"key": self.request.GET.get("question", "")}
            kwargs.setdefault("form", EvidenceForm(initial=initial, questions=questions))
        return super().get_context_data(
            groups=[(text, grouped[key]) for key, text in questions if key in grouped],
            may_attach=self._may_attach(),
            policy=board_words(
                evidence.EVIDENCE_POLICY.format(agency=self.report.partner.short_name), self.report.round.board.term
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self._may_attach():
            raise PermissionDenied
        questions = _questions(self.report)
        form = EvidenceForm(request.POST, request.FILES, questions=questions)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            item = evidence.evidence_add(
                report=self.report,
                key=form.cleaned_data["key"],
                upload=form.cleaned_data["file"],
                by=request.user,
                keys={key for key, _ in questions},
            )
        except (evidence.EvidenceError, ValidationError) as error:
            form.add_error(None, error.messages[0] if isinstance(error, ValidationError) else str(error))
            return self.render_to_response(self.get_context_data(form=form))
        audit_change(request, item, action=AuditAction.CREATED)
        messages.success(request, f'"{item.original_name}" attached.')
        return redirect(evidence_url(self.report))


class EvidenceDownloadView(EvidenceReaderMixin, ReportMixin, TemplateView):
    audit_action = AuditAction.EXPORTED

    def get(self, request, *args, **kwargs):
        item = evidence.evidence_get(for_user=request.user, report=self.report, pk=kwargs["evidence_pk"])
        self.audit_object = item
        self.audit_detail = f"Evidence file ({upload_format(item.file)})"
        return serve_upload(item.file, download_name=item.original_name)


class EvidenceDeleteView(EvidenceReaderMixin, ReportMixin, TemplateView):
    """GET: confirm; POST: remove the file (the agency's lead, while the return is editable)."""

    template_name = "reports/evidence_confirm_delete.html"

    def _item(self):
        if not self.request.user.is_partner_lead:
            raise PermissionDenied
        return evidence.evidence_get(for_user=self.request.user, report=self.report, pk=self.kwargs["evidence_pk"])

    def get(self, request, *args, **kwargs):
        item = self._item()
        if not self.report.is_editable:
            messages.info(request, "This update has been submitted: its evidence can no longer be removed.")
            return redirect(evidence_url(self.report))
        self.audit_object = item
        return self.render_to_response(self.get_context_data(item=item))

    def post(self, request, *args, **kwargs):
        item = self._item()
        pk = item.pk
        try:
            evidence.evidence_delete(evidence=item, by=request.user)
        except evidence.EvidenceError as error:
            messages.error(request, str(error))
            return redirect(evidence_url(self.report))
        item.pk = pk  # cleared by delete; the audit row names the record that went
        audit_change(request, item, action=AuditAction.DELETED)
        messages.success(request, f'"{item.original_name}" removed.')
        return redirect(evidence_url(self.report))
