"""The search page: the header's box sends its text here."""

from django.views.generic import ListView

from reports.search import selectors
from reports.search.forms import SearchForm
from wscb.permissions import AccountHolderMixin


class SearchView(AccountHolderMixin, ListView):
    """Everyone signed in, learners included (they find the catalogue: ``selectors.kinds_for``)."""

    http_method_names = ["get", "head", "options"]
    template_name = "search/results.html"
    paginate_by = 20

    def get_queryset(self):
        self.form = SearchForm(self.request.GET or None, user=self.request.user)
        self.more = False
        if not self.form.is_valid() or not self.form.cleaned_data["q"]:
            return []
        data = self.form.cleaned_data
        rows, self.more = selectors.search_rows(
            for_user=self.request.user, board=self.request.board or None, text=data["q"], kind=data["kind"]
        )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        searched = self.form.is_bound and self.form.is_valid() and bool(self.form.cleaned_data["q"])
        return {
            **context,
            "form": self.form,
            "searched": searched,
            "text": self.form.cleaned_data["q"] if searched else "",
            "more": self.more,
            "max_results": selectors.MAX_RESULTS,
            "results": [selectors.result_for(row, board=self.request.board or None) for row in context["page_obj"]],
            "kinds_hint": _listed([kind.plural for kind in selectors.kinds_for(self.request.user)]),
        }


def _listed(words: list[str]) -> str:
    """ "a, b and c" """
    return f"{', '.join(words[:-1])} and {words[-1]}" if len(words) > 1 else "".join(words)
