"""The board dashboard, its panel downloads and the agency assurance profiles (all read-only)."""

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from partners.selectors import partner_get, partner_list
from reports.dashboards import exports, reporting
from wscb.audit.services import audit_download
from wscb.data.exports import csv_response, xlsx_response
from wscb.data.page_cache import cached_fragment
from wscb.permissions import PartnershipReaderMixin, SignedInMixin
from wscb.years import chosen_year, year_choices


class DashboardView(PartnershipReaderMixin, TemplateView):
    """Every panel for the chosen reporting year (default: the current one), kept per state of the
    board's data (``wscb.data.page_cache``): a repeated view is one lookup."""

    template_name = "dashboards/dashboard.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        request, year = self.request, chosen_year(self.request)

        def panels():
            dashboard = None
            if request.board:
                dashboard = reporting.board_dashboard(
                    board=request.board, year=year, for_user=request.user, today=timezone.localdate()
                )
            context = {"year": year, "panels": exports.PANELS, "dashboard": dashboard}
            return render_to_string("dashboards/_dashboard_body.html", context, request=request)

        body = cached_fragment(request, name="dashboards.dashboard", parts=(year.start_year,), render=panels)
        return super().get_context_data(year=year, years=year_choices(request, year), body=body, **kwargs)


class PanelExportView(PartnershipReaderMixin, View):
    """One panel's figures as a CSV or XLSX download."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, panel, fmt):
        if panel not in exports.PANELS or fmt not in ("csv", "xlsx") or not request.board:
            raise Http404
        year = chosen_year(request)
        headers, rows = exports.panel_table(
            panel=panel, board=request.board, year=year, for_user=request.user, today=timezone.localdate()
        )
        name = f"dashboard-{panel}-{year.label.replace('/', '-')}"
        audit_download(request=request, what=f"Dashboard panel: {exports.PANELS[panel]}, {year.label}", file_format=fmt)
        if fmt == "xlsx":
            return xlsx_response(f"{name}.xlsx", headers, rows, title=exports.PANELS[panel])
        return csv_response(f"{name}.csv", headers, rows)


class ProfileIndexView(SignedInMixin, TemplateView):
    """The agencies whose profile the user may open (a partner lead: their own)."""

    template_name = "dashboards/profile_index.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        agencies = partner_list(for_user=self.request.user, board=self.request.board or None).filter(is_active=True)
        return super().get_context_data(agencies=agencies, year=chosen_year(self.request), **kwargs)


class AgencyProfileView(SignedInMixin, TemplateView):
    """One agency's assurance profile; another agency's is a 404 for a partner lead. Kept per state
    of the board's data, like the dashboard."""

    template_name = "dashboards/agency_profile.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        request = self.request
        agency = partner_get(for_user=request.user, pk=self.kwargs["pk"])
        year = chosen_year(request)

        def profile():
            context = {"agency": agency, "year": year, "profile": None}
            if request.board:
                context["profile"] = reporting.agency_profile(
                    board=request.board, agency=agency, year=year, for_user=request.user, today=timezone.localdate()
                )
            return render_to_string("dashboards/_agency_profile_body.html", context, request=request)

        body = cached_fragment(request, name="dashboards.agency", parts=(agency.pk, year.start_year), render=profile)
        years = year_choices(request, year)
        return super().get_context_data(agency=agency, year=year, years=years, body=body, **kwargs)
