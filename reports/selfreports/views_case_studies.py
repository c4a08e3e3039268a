"""Case study pages: leads of the agency write them; business support reads them and marks for publication."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from reports.selfreports import selectors, services
from reports.selfreports.forms import CaseStudyForm
from reports.selfreports.views import (
    LeadMixin,
    ReportMixin,
    ReviewMixin,
    audit_change,
    detail_url,
    review_keep_typed,
    tasks_url,
)
from wscb.audit.services import AuditAction
from wscb.data.once import SubmitOnceMixin
from wscb.permissions import PARTNER_LEAD, RECORD_KEEPERS, RoleRequiredMixin


class CaseStudyReaderMixin(RoleRequiredMixin):
    allowed_roles = RECORD_KEEPERS | {PARTNER_LEAD}


class CaseStudyListView(LeadMixin, ReportMixin, TemplateView):
    template_name = "reports/case_study_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            case_studies=selectors.case_study_list(for_user=self.request.user).filter(report=self.report),
            case_study_policy=selectors.case_study_policy(report=self.report),
            **kwargs,
        )


class CaseStudyFormView(SubmitOnceMixin, LeadMixin, ReportMixin, TemplateView):
    template_name = "reports/case_study_form.html"

    def _case_study(self):
        if "case_study_pk" not in self.kwargs:
            return None
        return selectors.case_study_get(for_user=self.request.user, report=self.report, pk=self.kwargs["case_study_pk"])

    def get(self, request, *args, **kwargs):
        if not self.report.is_editable:
            messages.info(request, "This update has been submitted and can no longer be changed.")
            return redirect(detail_url(self.report))
        self.audit_object = self._case_study()
        form = CaseStudyForm(instance=self.audit_object, report=self.report)
        return self.render_to_response(self.get_context_data(form=form, case_study=form.instance))

    def post(self, request, *args, **kwargs):
        case_study = self._case_study()
        form = CaseStudyForm(request.POST, instance=case_study, report=self.report)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, case_study=form.instance))
        try:
            saved = services.case_study_save(
                report=self.report,
                data=form.cleaned_data,
                by=request.user,
                case_study=case_study,
                version=form.cleaned_data.get("version"),
            )
        except services.SelfReportError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(form=form, case_study=form.instance))
        if case_study is None:
            audit_change(request, saved, action=AuditAction.CREATED)
        else:
            changed = [name for name in form.changed_data if name in CaseStudyForm.Meta.fields]
            audit_change(request, saved, f"Changed: {', '.join(changed)}" if changed else "Saved unchanged")
        messages.success(request, f'Case study "{form.cleaned_data["title"]}" saved.')
        return redirect(reverse("reports:case-study-list", args=[self.report.pk]))


class CaseStudyDetailView(CaseStudyReaderMixin, ReportMixin, TemplateView):
    template_name = "reports/case_study_detail.html"

    def get_context_data(self, **kwargs):
        case_study = selectors.case_study_get(
            for_user=self.request.user, report=self.report, pk=self.kwargs["case_study_pk"]
        )
        self.audit_object = case_study
        return super().get_context_data(case_study=case_study, **kwargs)


class CaseStudyDeleteView(LeadMixin, ReportMixin, TemplateView):
    template_name = "reports/case_study_confirm_delete.html"

    def get_context_data(self, **kwargs):
        case_study = selectors.case_study_get(
            for_user=self.request.user, report=self.report, pk=self.kwargs["case_study_pk"]
        )
        self.audit_object = case_study  # the confirmation page shows the case study: its view is logged
        return super().get_context_data(case_study=case_study, **kwargs)

    def post(self, request, *args, **kwargs):
        case_study = selectors.case_study_get(for_user=request.user, report=self.report, pk=kwargs["case_study_pk"])
        pk = case_study.pk
        try:
            services.case_study_delete(case_study=case_study, by=request.user)
        except services.SelfReportError as error:
            messages.error(request, str(error))
            return redirect(tasks_url(self.report))
        case_study.pk = pk  # cleared by delete; the audit row names the record that went
        audit_change(request, case_study, action=AuditAction.DELETED)
        messages.success(request, f'Case study "{case_study.title}" removed.')
        return redirect(reverse("reports:case-study-list", args=[self.report.pk]))


class CaseStudyPublishView(ReviewMixin, ReportMixin, View):
    def post(self, request, *args, **kwargs):
        case_study = selectors.case_study_get(for_user=request.user, report=self.report, pk=kwargs["case_study_pk"])
        review_keep_typed(request, self.report)
        publish = request.POST.get("publish") == "yes"
        services.case_study_set_publication(case_study=case_study, is_for_publication=publish, by=request.user)
        audit_change(
            request,
            case_study,
            f"{'Marked' if publish else 'Marked not'} for publication. Changed: is_for_publication",
        )
        if publish:
            messages.success(request, f'"{case_study.title}" will appear in the published annual report.')
        else:
            messages.success(request, f'"{case_study.title}" will not be published.')
        return redirect(detail_url(self.report) + "#case-studies")


class ContactPublishView(ReviewMixin, ReportMixin, View):
    """Mark whether the contact details of a return may appear in the published annual report."""

    def post(self, request, *args, **kwargs):
        review_keep_typed(request, self.report)
        publish = request.POST.get("publish") == "yes"
        services.self_report_set_contact_publication(report=self.report, is_for_publication=publish, by=request.user)
        audit_change(
            request,
            self.report,
            f"Contact details {'marked' if publish else 'marked not'} for publication. "
            "Changed: contact_is_for_publication",
        )
        if publish:
            messages.success(request, "The contact's name, e-mail and telephone will appear in the published report.")
        else:
            messages.success(
                request, "The contact's name, e-mail and telephone will be left out of the published report."
            )
        return redirect(detail_url(self.report) + "#review-heading")
