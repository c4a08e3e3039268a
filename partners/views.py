"""Partner agency pages: the list for partnership readers, one agency's page for anyone in scope."""

from django.views.generic import DetailView, ListView

from partners.selectors import partner_get, partner_leads, partner_list, partner_people
from wscb.permissions import PartnershipReaderMixin, SignedInMixin


class PartnerListView(PartnershipReaderMixin, ListView):
    template_name = "partners/partner_list.html"
    context_object_name = "partners"
    paginate_by = 50

    def get_queryset(self):
        partners = partner_list(for_user=self.request.user)
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
        return super().get_context_data(
            leads=partner_leads(partner=self.object), people=partner_people(partner=self.object), **kwargs
        )
