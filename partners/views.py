"""Partner agency pages: the list for partnership readers, one agency's page for anyone in scope."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import DetailView, ListView

from partners.forms import CurrentYearForm
from partners.selectors import partner_get, partner_leads, partner_list, partner_membership, partner_people
from partners.services import agency_boards, board_current_year_set
from wscb.audit.services import AuditAction, audit_record
from wscb.data.import_views import ImportPageView
from wscb.periods import ReportingYear
from wscb.permissions import PartnershipReaderMixin, RecordKeeperMixin, SignedInMixin
from wscb.years import current_year, default_year, year_options, years_with_records


class PartnerListView(PartnershipReaderMixin, ListView):
    template_name = "partners/partner_list.html"
    context_object_name = "partners"
    paginate_by = 50

    def get_queryset(self):
        partners = partner_list(for_user=self.request.user, board=self.request.board or None)
        if self.request.GET.get("show") != "all":
            partners = partners.filter(is_active=True)
        if self.request.GET.get("lead") == "missing":
            partners = partners.filter(lead_count=0)
        return partners

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            showing_all=self.request.GET.get("show") == "all",
            missing_leads_only=self.request.GET.get("lead") == "missing",
            **kwargs,
        )


class PartnerDetailView(SignedInMixin, DetailView):
    template_name = "partners/partner_detail.html"
    context_object_name = "partner"

    def get_object(self, queryset=None):
        return partner_get(for_user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        board = self.request.board or None
        return super().get_context_data(
            leads=partner_leads(partner=self.object, board=board),
            people=partner_people(partner=self.object),
            membership=partner_membership(partner=self.object),
            other_boards=[other for other in agency_boards(partner=self.object) if other != board],
            **kwargs,
        )


class PartnerImportView(ImportPageView):
    """The agencies import: the shared upload -> preview -> confirm (``wscb.data.import_kinds``)."""

    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, kind="agencies", **kwargs)


class CurrentYearView(RecordKeeperMixin, View):
    """Business support sets the reporting year the board's pages open on."""

    template_name = "partners/current_year.html"
    http_method_names = ["get", "post", "head", "options"]

    def _form(self, request, data=None):
        if not request.board:
            raise Http404("No board selected.")
        years = years_with_records(request.board)
        calendar = ReportingYear.current()
        initial = {"current_reporting_year": str(request.board.current_reporting_year or "")}
        return CurrentYearForm(
            data, initial=initial, years=year_options(years, calendar), automatic=default_year(years, calendar)
        )

    def get(self, request):
        return render(request, self.template_name, {"form": self._form(request), "year": current_year(request)})

    def post(self, request):
        form = self._form(request, request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "year": current_year(request)}, status=400)
        board = board_current_year_set(board=request.board, start_year=form.cleaned_data["current_reporting_year"])
        request._board_years = None
        year = current_year(request)
        audit_record(request=request, action=AuditAction.CHANGED, obj=board, detail=f"Current reporting year: {year}")
        messages.success(request, f"Pages now open on {year.label}.")
        return redirect("home")
