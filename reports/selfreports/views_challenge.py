"""Challenge event pages: business support records the board's challenge of an agency's
self-assessment and the actions agreed (which join the agency's action plan); board members and
administrators read them, an agency's own leads read their agency's. Rules in reports/selfreports/challenge.py."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import ListView, TemplateView

from partners.models import Partner
from reports.selfreports import actions, challenge
from reports.selfreports.forms import AgreedActionForm, ChallengeForm
from reports.selfreports.views import audit_change
from wscb.audit.services import AuditAction
from wscb.boards import current_board
from wscb.data.once import SubmitOnceMixin
from wscb.periods import ReportingYear
from wscb.permissions import PartnershipReaderMixin, RecordKeeperMixin, SignedInMixin
from wscb.security import NoStoreMixin


def challenge_url(event) -> str:
    return reverse("reports:challenge-detail", args=[event.pk])


class ChallengeListView(NoStoreMixin, PartnershipReaderMixin, ListView):
    """Every challenge event of the board, newest year first; ``?year=2016/17`` for one year."""

    template_name = "reports/challenge_list.html"
    context_object_name = "events"
    paginate_by = 50

    def _year(self):
        return ReportingYear.from_query(self.request.GET.get("year"))

    def get_queryset(self):
        events = challenge.challenge_list(for_user=self.request.user)
        year = self._year()
        if year:
            events = events.filter(start_year=year.start_year)
        return events.order_by("-start_year", "-held_on", "partner__name", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self._year(), **kwargs)


class ChallengeFormView(SubmitOnceMixin, NoStoreMixin, RecordKeeperMixin, TemplateView):
    """Record a challenge event (``?agency=<pk>&year=2016/17`` fill the form in) or change one."""

    template_name = "reports/challenge_form.html"

    def _event(self):
        if "pk" not in self.kwargs:
            return None
        return challenge.challenge_get(for_user=self.request.user, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        event = self._event()
        initial = {}
        if event is None:
            wanted = request.GET.get("agency", "")
            agency = (
                Partner.objects.filter(pk=int(wanted)).first()
                if wanted.isascii() and wanted.isdigit() and len(wanted) < 10
                else None
            )
            year = ReportingYear.from_query(request.GET.get("year"))
            initial = {"partner": agency, "year": year.label if year else "", "held_on": timezone.localdate()}
        form = ChallengeForm(instance=event, initial=initial)
        return self.render_to_response(self.get_context_data(form=form, event=event))

    def post(self, request, *args, **kwargs):
        event = self._event()
        form = ChallengeForm(request.POST, instance=event)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, event=event))
        try:
            saved = challenge.challenge_save(
                board=current_board(request),
                data=form.challenge_data(),
                by=request.user,
                event=event,
                version=form.cleaned_data.get("version"),
            )
        except challenge.ChallengeConflict as conflict:
            form.add_error(None, str(conflict))
            return self.render_to_response(self.get_context_data(form=form, event=event))
        except challenge.ChallengeError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form, event=event))
        if event is None:
            audit_change(request, saved, action=AuditAction.CREATED)
            messages.success(request, f"Challenge of {saved.partner.short_name} recorded.")
        else:
            changed = [name for name in form.changed_data if name in (*ChallengeForm.Meta.fields, "year")]
            audit_change(request, saved, f"Changed: {', '.join(changed)}" if changed else "Saved unchanged")
            messages.success(request, "Challenge event saved.")
        return redirect(challenge_url(saved))


class ChallengeDetailView(NoStoreMixin, SignedInMixin, TemplateView):
    template_name = "reports/challenge_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.event = challenge.challenge_get(for_user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        is_keeper = self.request.user.is_staff
        if is_keeper:
            kwargs.setdefault("form", AgreedActionForm(partner=self.event.partner))
        agreed = actions.action_list(for_user=self.request.user).filter(challenge=self.event).order_by("due_on", "pk")
        return super().get_context_data(
            event=self.event, agreed=list(agreed), is_keeper=is_keeper, today=timezone.localdate(), **kwargs
        )


class ChallengeActionCreateView(SubmitOnceMixin, RecordKeeperMixin, ChallengeDetailView):
    """POST from the challenge page: an action agreed there, joining the agency's action plan."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = AgreedActionForm(request.POST, partner=self.event.partner)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            action = actions.action_agree(
                challenge=self.event,
                by=request.user,
                what=form.cleaned_data["what"],
                owner=form.cleaned_data["owner"],
                due_on=form.cleaned_data["due_on"],
            )
        except actions.ActionError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form))
        audit_change(request, action, action=AuditAction.CREATED)
        messages.success(request, "Action agreed: it joins the agency's action plan.")
        return redirect(f"{challenge_url(self.event)}#agreed-actions")
