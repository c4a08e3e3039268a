"""The search page: the header's box sends its text here."""

from django.views.generic import ListView

from reports.search import selectors
from reports.search.forms import SearchForm
from wscb.permissions import SignedInMixin


class SearchView(SignedInMixin, ListView):
    http_method_names = ["get", "head", "options"]
    template_name = "search/results.html"
    paginate_by = 20

    def get_queryset(self):
        self.form = SearchForm(self.request.GET or None, user=self.request.user)
        if not self.form.is_valid() or not self.form.cleaned_data["q"]:
            return selectors.search(for_user=self.request.user, board=None, text="")
        data = self.form.cleaned_data
        return selectors.search(
            for_user=self.request.user, board=self.request.board or None, text=data["q"], kind=data["kind"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        searched = self.form.is_bound and self.form.is_valid() and bool(self.form.cleaned_data["q"])
        return {
            **context,
            "form": self.form,
            "searched": searched,
            "text": self.form.cleaned_data["q"] if searched else "",
            "results": [selectors.result_for(row) for row in context["page_obj"]],
            "show_courses": any(kind.key == "course" for kind in selectors.kinds_for(self.request.user)),
        }
