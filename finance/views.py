"""Finance pages: the statement, a year's lines, contribution status, line editing, import and export."""

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from finance import selectors, services
from finance.forms import ContributionForm, ExpenditureLineForm, IncomeLineForm, YearRangeForm
from finance.reporting import budget_against_actual, contribution_status, default_years, finance_statement
from finance.resources import (
    DATASETS,
    FORMATS,
    ContributionResource,
    ExpenditureLineResource,
    OutstandingContributionResource,
    finance_export,
)
from wscb.audit.services import AuditAction, audit_deleted, audit_download, audit_record
from wscb.data.exports import file_response
from wscb.data.import_views import ImportPageView
from wscb.data.once import SubmitOnceMixin
from wscb.periods import ReportingYear
from wscb.permissions import PartnershipReaderMixin, RecordKeeperMixin, SignedInMixin
from wscb.years import current_year, year_choices


class BoardMixin:
    """Finance belongs to a board: without one there is nothing to show."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.board:
            raise Http404("You do not work for a board yet.")
        return super().dispatch(request, *args, **kwargs)

    @property
    def board(self):
        return self.request.board


def _opening_year(request, held: list[ReportingYear]) -> ReportingYear:
    """The board's current reporting year when it has a financial year, else the latest one held."""
    current = current_year(request)
    if current in held:
        return current
    return selectors.latest_year(board=request.board)


class StatementView(PartnershipReaderMixin, BoardMixin, TemplateView):
    template_name = "finance/statement.html"

    def get_context_data(self, **kwargs):
        held = [finance_year.year for finance_year in selectors.finance_year_list(board=self.board)]
        # Bind only when the form's own fields were sent: other query parameters are not a mistake.
        asked = {"end", "count"} & set(self.request.GET)
        form = YearRangeForm(self.request.GET if asked else None, years=held)
        end, count = _opening_year(self.request, held), 3
        if form.is_bound and form.is_valid():
            end, count = ReportingYear(form.cleaned_data["end"]), form.cleaned_data["count"] or 3
        statement = finance_statement(board=self.board, years=default_years(end, count)) if held else None
        return super().get_context_data(
            form=form, statement=statement, held=held, end_value=end.start_year, count_value=count, **kwargs
        )


class YearDetailView(PartnershipReaderMixin, BoardMixin, TemplateView):
    template_name = "finance/year_detail.html"

    def get_context_data(self, **kwargs):
        finance_year = selectors.finance_year_get(board=self.board, start_year=self.kwargs["start_year"])
        year = finance_year.year
        return super().get_context_data(
            finance_year=finance_year,
            budget=budget_against_actual(board=self.board, year=year),
            expenditure_lines=selectors.expenditure_line_list(board=self.board, year=year),
            status=contribution_status(
                selectors.contribution_list(for_user=self.request.user, board=self.board, year=year)
            ),
            income_lines=selectors.income_line_list(board=self.board, year=year),
            **kwargs,
        )


class ContributionListView(SignedInMixin, BoardMixin, TemplateView):
    """Contribution status for a year: every agency for readers, their own for a partner lead."""

    template_name = "finance/contribution_list.html"

    def get_context_data(self, **kwargs):
        held = [finance_year.year for finance_year in selectors.finance_year_list(board=self.board)]
        year = current_year(self.request)
        chosen = self.request.GET.get("year", "")
        if chosen.isdigit() and 1900 <= int(chosen) <= 2200:
            year = ReportingYear(int(chosen))
        contributions = selectors.contribution_list(for_user=self.request.user, board=self.board, year=year)
        return super().get_context_data(
            year=year,
            held=held,
            status=contribution_status(contributions),
            is_year_held=year in held,
            years=year_choices(self.request, year),
            **kwargs,
        )


class ContributionDetailView(SignedInMixin, BoardMixin, TemplateView):
    template_name = "finance/contribution_detail.html"

    def get_context_data(self, **kwargs):
        contribution = selectors.contribution_get(for_user=self.request.user, board=self.board, pk=self.kwargs["pk"])
        return super().get_context_data(contribution=contribution, **kwargs)


# --- editing ---------------------------------------------------------------------------------------


def _shown(instance, name: str) -> str:
    value = getattr(instance, name)
    display = getattr(instance, f"get_{name}_display", None)
    if display is not None:
        return display()
    if isinstance(value, Decimal):
        return f"£{value:,.2f}"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value) if value not in (None, "") else "(blank)"


def conflict_message(current, form, noun: str) -> str:
    who = current.updated_by.full_name if current.updated_by else "someone else"
    when = timezone.localtime(current.updated_at).strftime("%d/%m/%Y %H:%M")
    values = "; ".join(
        f"{form.fields[name].label}: {_shown(current, name)}" for name in form.Meta.fields if name in form.fields
    )
    return (
        f"This {noun} was changed by {who} at {when} while you were editing it, so your changes have not been "
        f"saved. It now reads: {values}. Your changes are still in the form: check them against these values "
        f"and save again to replace them."
    )


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields where the form has them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _changed(form) -> str:
    fields = [name for name in form.changed_data if name != "version"]
    return f"Changed: {', '.join(fields)}" if fields else "Saved without changes"


class LineEditView(RecordKeeperMixin, BoardMixin, View):
    """Create or edit one finance line: a form, one service call, a message, a redirect."""

    template_name = "finance/line_form.html"
    form_class = None
    noun = ""

    def get_object(self):
        return None

    def get_finance_year(self, obj):
        if obj is not None:
            return obj.finance_year
        return selectors.finance_year_get(board=self.board, start_year=self.kwargs["start_year"])

    def get_form_kwargs(self, finance_year) -> dict:
        return {}

    def build_form(self, data, obj, finance_year):
        return self.form_class(data, instance=obj, **self.get_form_kwargs(finance_year))

    def render_form(self, form, obj, finance_year, status=200):
        context = {"form": form, "object": obj, "finance_year": finance_year, "noun": self.noun}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        finance_year = self.get_finance_year(obj)
        return self.render_form(self.build_form(None, obj, finance_year), obj, finance_year)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        finance_year = self.get_finance_year(obj)
        form = self.build_form(request.POST, obj, finance_year)
        if not form.is_valid():
            return self.render_form(form, obj, finance_year)
        try:
            saved = self.create(finance_year, form) if obj is None else self.update(obj, form)
        except ValidationError as error:  # e.g. the same agency's contribution added by someone else just now
            add_errors(form, error)
            return self.render_form(form, obj, finance_year)
        except services.EditConflict as conflict:
            message = conflict_message(conflict.current, form, self.noun)
            data = request.POST.copy()
            data["version"] = conflict.current.version
            form = self.build_form(data, conflict.current, finance_year)
            form.is_valid()
            form.add_error(None, message)
            return self.render_form(form, conflict.current, finance_year, status=409)
        # the one place a finance line's creation or change is audited
        if obj is None:
            audit_record(request=request, action=AuditAction.CREATED, obj=saved)
        else:
            audit_record(request=request, action=AuditAction.CHANGED, obj=saved, detail=_changed(form))
        verb = "added" if obj is None else "saved"
        messages.success(request, f"The {self.noun} for {finance_year.label} was {verb}.")
        return redirect(self.success_url(finance_year))

    def success_url(self, finance_year) -> str:
        return reverse("finance:year-detail", args=[finance_year.start_year])


class ExpenditureLineEditMixin:
    form_class = ExpenditureLineForm
    noun = "expenditure line"

    def get_form_kwargs(self, finance_year):
        return {"board": self.board}


class ExpenditureCreateView(SubmitOnceMixin, ExpenditureLineEditMixin, LineEditView):
    def create(self, finance_year, form):
        return services.expenditure_line_create(finance_year=finance_year, by=self.request.user, **form.model_fields())


class ExpenditureUpdateView(ExpenditureLineEditMixin, LineEditView):
    def get_object(self):
        return selectors.expenditure_line_get(board=self.board, pk=self.kwargs["pk"])

    def update(self, obj, form):
        return services.expenditure_line_update(
            line=obj, version=form.cleaned_data["version"] or 0, by=self.request.user, **form.model_fields()
        )


class ContributionEditMixin:
    form_class = ContributionForm
    noun = "contribution"

    def get_form_kwargs(self, finance_year):
        return {"finance_year": finance_year}


class ContributionCreateView(SubmitOnceMixin, ContributionEditMixin, LineEditView):
    def create(self, finance_year, form):
        return services.contribution_create(finance_year=finance_year, by=self.request.user, **form.model_fields())


class ContributionUpdateView(ContributionEditMixin, LineEditView):
    def get_object(self):
        return selectors.contribution_get(for_user=self.request.user, board=self.board, pk=self.kwargs["pk"])

    def update(self, obj, form):
        return services.contribution_update(
            contribution=obj, version=form.cleaned_data["version"] or 0, by=self.request.user, **form.model_fields()
        )


class IncomeEditMixin:
    form_class = IncomeLineForm
    noun = "income line"


class IncomeCreateView(SubmitOnceMixin, IncomeEditMixin, LineEditView):
    def create(self, finance_year, form):
        return services.income_line_create(finance_year=finance_year, by=self.request.user, **form.model_fields())


class IncomeUpdateView(IncomeEditMixin, LineEditView):
    def get_object(self):
        return selectors.income_line_get(board=self.board, pk=self.kwargs["pk"])

    def update(self, obj, form):
        return services.income_line_update(
            line=obj, version=form.cleaned_data["version"] or 0, by=self.request.user, **form.model_fields()
        )


class LineDeleteView(RecordKeeperMixin, BoardMixin, View):
    """A confirmation page, then the deletion on POST."""

    noun = ""

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return render(request, "finance/line_confirm_delete.html", {"object": obj, "noun": self.noun})

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        finance_year = obj.finance_year
        with audit_deleted(request=request, objects=[obj]):  # the one place a deletion is audited
            self.delete(obj)
        messages.success(request, f"The {self.noun} “{obj}” was deleted from {finance_year.label}.")
        return redirect("finance:year-detail", finance_year.start_year)


class ExpenditureDeleteView(LineDeleteView):
    noun = "expenditure line"

    def get_object(self):
        return selectors.expenditure_line_get(board=self.board, pk=self.kwargs["pk"])

    def delete(self, obj):
        services.expenditure_line_delete(line=obj, by=self.request.user)


class ContributionDeleteView(LineDeleteView):
    noun = "contribution"

    def get_object(self):
        return selectors.contribution_get(for_user=self.request.user, board=self.board, pk=self.kwargs["pk"])

    def delete(self, obj):
        services.contribution_delete(contribution=obj, by=self.request.user)


class IncomeDeleteView(LineDeleteView):
    noun = "income line"

    def get_object(self):
        return selectors.income_line_get(board=self.board, pk=self.kwargs["pk"])

    def delete(self, obj):
        services.income_line_delete(line=obj, by=self.request.user)


# --- spreadsheets ----------------------------------------------------------------------------------


class ImportView(ImportPageView):
    """The expenditure and contributions imports: the shared upload -> preview -> confirm
    (``wscb.data.import_kinds``; the kinds are in ``finance.resources``)."""

    def dispatch(self, request, *args, dataset, **kwargs):
        if dataset not in DATASETS:
            raise Http404("No such import.")
        return super().dispatch(request, *args, kind=dataset, **kwargs)


class ExportView(PartnershipReaderMixin, BoardMixin, View):
    """``?format=csv|xlsx`` and optionally ``&year=2016``: expenditure, contributions or outstanding."""

    def get(self, request, dataset):
        file_format = request.GET.get("format", "csv")
        if file_format not in FORMATS:
            return HttpResponseBadRequest("Choose the csv or xlsx format.")
        year = ReportingYear.from_query(request.GET.get("year"))
        if dataset == "expenditure":
            resource = ExpenditureLineResource(board=self.board)
            queryset = selectors.expenditure_line_list(board=self.board, year=year)
        elif dataset == "contributions":
            resource = ContributionResource(board=self.board)
            queryset = selectors.contribution_list(for_user=request.user, board=self.board, year=year)
        elif dataset == "outstanding":
            resource = OutstandingContributionResource()
            queryset = selectors.outstanding_contributions(for_user=request.user, board=self.board, year=year)
        else:
            raise Http404("No such export.")
        content = finance_export(resource=resource, queryset=queryset, file_format=file_format)
        title = DATASETS.get(dataset, ("Outstanding contributions",))[0]
        audit_download(
            request=request,
            what=f"Finance export: {title}, {year.label if year else 'every year'}",
            file_format=file_format,
        )
        name = f"{self.board.short_name}-{dataset}{'-' + str(year.start_year) if year else ''}.{file_format}"
        return file_response(content, filename=name, content_type=FORMATS[file_format])
