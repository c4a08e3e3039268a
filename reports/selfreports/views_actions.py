"""Action plan pages: raise an action from an answer, follow one up (its history and progress), and
business support's list of every action (overdue first). The rules are in reports/selfreports/actions.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import ListView, TemplateView

from reports.selfreports import actions
from reports.selfreports.forms import ActionRaiseForm, ActionUpdateForm
from reports.selfreports.models import AssessmentAction
from reports.selfreports.views import ReportMixin, audit_change, detail_url, tasks_url
from wscb.audit.services import AuditAction
from wscb.data.once import SubmitOnceMixin
from wscb.permissions import PARTNER_LEAD, RECORD_KEEPERS, RecordKeeperMixin, RoleRequiredMixin, SignedInMixin
from wscb.security import NoStoreMixin, next_from


def action_url(action) -> str:
    return reverse("reports:action-detail", args=[action.pk])


class ActionRaiseView(SubmitOnceMixin, RoleRequiredMixin, ReportMixin, TemplateView):
    """Raise an action from an answer of a return (``?question=<key>``): the agency's leads while the
    return is editable, business support at any time."""

    allowed_roles = RECORD_KEEPERS | {PARTNER_LEAD}
    template_name = "reports/action_form.html"

    def _back(self):
        return tasks_url(self.report) if self.request.user.is_partner_lead else detail_url(self.report)

    def _refused(self):
        if self.request.user.is_partner_lead and not self.report.is_editable:
            messages.info(
                self.request, "This update has been submitted: actions can be raised again if it is returned."
            )
            return redirect(detail_url(self.report))
        return None

    def get_context_data(self, **kwargs):
        refs = actions.report_answer_refs(report=self.report)
        key = (kwargs["form"]["question_key"].value() or "") if "form" in kwargs else ""
        return super().get_context_data(answer=refs.get(key), back_url=self._back(), **kwargs)

    def get(self, request, *args, **kwargs):
        refused = self._refused()
        if refused:
            return refused
        key = request.GET.get("question", "")
        if key and key not in actions.report_answer_refs(report=self.report):
            key = ""
        form = ActionRaiseForm(initial={"question_key": key}, partner=self.report.partner)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        refused = self._refused()
        if refused:
            return refused
        form = ActionRaiseForm(request.POST, partner=self.report.partner)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            action = actions.action_raise(
                report=self.report,
                by=request.user,
                what=form.cleaned_data["what"],
                owner=form.cleaned_data["owner"],
                due_on=form.cleaned_data["due_on"],
                question_key=form.cleaned_data["question_key"],
            )
        except actions.ActionError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form))
        audit_change(request, action, action=AuditAction.CREATED)
        messages.success(request, f"Action raised, due by {action.due_on:%d/%m/%Y}.")
        return redirect(f"{self._back()}#actions")


class ActionDetailView(NoStoreMixin, SignedInMixin, TemplateView):
    """One action with its history; its agency's leads and business support record progress here."""

    template_name = "reports/action_detail.html"

    @cached_property
    def action(self):
        """Looked up after the role is checked (a learner is refused the page, not told it is missing)."""
        return actions.action_get(for_user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        may_change = actions.may_change(self.request.user, self.action)
        if may_change:
            kwargs.setdefault("form", ActionUpdateForm(action=self.action))
        return super().get_context_data(action=self.action, may_change=may_change, today=timezone.localdate(), **kwargs)

    def post(self, request, *args, **kwargs):
        if not actions.may_change(request.user, self.action):
            raise PermissionDenied
        form = ActionUpdateForm(request.POST, action=self.action)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            changed = actions.action_update(
                action=self.action,
                by=request.user,
                version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                due_on=form.cleaned_data["due_on"],
                owner=form.cleaned_data["owner"],
                note=form.cleaned_data["note"],
            )
        except actions.ActionConflict as conflict:
            self.action = actions.action_get(for_user=request.user, pk=self.action.pk)
            return self.render_to_response(
                self.get_context_data(form=ActionUpdateForm(action=self.action), conflict=str(conflict))
            )
        except actions.ActionError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form))
        audit_change(request, self.action, f"Changed: {', '.join(changed)}")
        if self.action.closed_on:
            messages.success(request, f"Action closed on {self.action.closed_on:%d/%m/%Y}.")
        else:
            messages.success(request, "Progress recorded.")
        return redirect(next_from(request, default=action_url(self.action)))


class ActionListView(NoStoreMixin, RecordKeeperMixin, ListView):
    """Business support: every agency's actions, overdue ones first; ``?show=overdue|open|closed|all``."""

    template_name = "reports/action_list.html"
    context_object_name = "actions"
    paginate_by = 50
    SHOWS = {"open": "Open", "overdue": "Overdue", "closed": "Closed", "all": "All"}

    def _show(self) -> str:
        show = self.request.GET.get("show", "open")
        return show if show in self.SHOWS else "open"

    def get_queryset(self):
        today = timezone.localdate()
        rows = actions.action_list(for_user=self.request.user)
        show = self._show()
        if show == "overdue":
            rows = rows.filter(status__in=AssessmentAction.OPEN_STATUSES, due_on__lt=today)
        elif show == "open":
            rows = rows.filter(status__in=AssessmentAction.OPEN_STATUSES)
        elif show == "closed":
            rows = rows.exclude(status__in=AssessmentAction.OPEN_STATUSES)
        return rows.order_by("due_on", "partner__name", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            show=self._show(),
            show_label=self.SHOWS[self._show()],
            shows=self.SHOWS,
            today=timezone.localdate(),
            **kwargs,
        )
