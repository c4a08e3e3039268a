"""Spreadsheet import and export (CSV, XLSX) of expenditure lines and contributions, and the import of the
financial years and expenditure categories they name.

Rows name the year ("2016/17"), the category and the partner agency in words, as people type
them. An import is all-or-nothing: ``finance_import`` runs a dry run first and writes nothing
if any row has an error. Exported text that a spreadsheet would run as a formula is escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from import_export import fields, resources, widgets

from finance.models import Contribution, ExpenditureCategory, ExpenditureLine, FinanceYear
from partners.services import member_agencies
from wscb.data.exports import escape_cell as escape_formula
from wscb.data.imports import NewRowsAreNeverUnchangedMixin
from wscb.money import parse_pounds
from wscb.periods import ReportingYear

FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
MAX_ROWS = 5000


class MoneyWidget(widgets.Widget):
    """Pounds read as the forms read them (``wscb.money.parse_pounds``): "1234.50", "1,234.50" and
    "£1,234.50"; "12,50" or "1e3" is an error naming it. The model's validators (not negative) apply
    to the row as they apply to the form."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            raise ValueError("Enter an amount in pounds.")
        return parse_pounds(value)

    def render(self, value, obj=None, **kwargs):
        return value


class OptionalMoneyWidget(MoneyWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return Decimal("0.00")
        return super().clean(value, row, **kwargs)


class UKDateWidget(widgets.Widget):
    """Dates as dd/mm/yyyy (or a spreadsheet date cell); blank is allowed."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(str(value).strip(), pattern).date()
            except ValueError:
                continue
        raise ValueError(f"“{value}” is not a date such as 31/03/2017.")

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d/%m/%Y") if value else ""


class FinanceYearWidget(widgets.Widget):
    """ "2016/17" to the board's finance year; a year the board does not hold is an error."""

    def __init__(self, board):
        self.board = board
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        try:
            year = ReportingYear.from_label(str(value or ""))
        except ValueError:
            raise ValueError(f"“{value}” is not a financial year such as 2016/17.") from None
        finance_year = FinanceYear._base_manager.filter(board=self.board, start_year=year.start_year).first()
        if finance_year is None:
            raise ValueError(f"The financial year {year.label} does not exist: import it under Financial years first.")
        return finance_year

    def render(self, value, obj=None, **kwargs):
        return value.label if value else ""


class CategoryWidget(widgets.Widget):
    def __init__(self, board):
        self.board = board
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        categories = ExpenditureCategory._base_manager.filter(board=self.board)
        category = categories.filter(name__iexact=name).first()
        if category is None:
            known = ", ".join(categories.order_by("order", "name").values_list("name", flat=True)) or "none yet"
            raise ValueError(
                f"“{value}” is not an expenditure category of {self.board.short_name}. Its categories are: {known}."
            )
        if not category.is_active:  # the form offers only categories in use for a new line
            raise ValueError(f"The category “{category.name}” is no longer in use for new lines.")
        return category

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class PartnerWidget(widgets.Widget):
    """An agency of the board, by its name or short name (another board's agencies are not matched)."""

    def __init__(self, board=None):
        self.board = board
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        agencies = member_agencies(board=self.board)
        partner = agencies.filter(Q(name__iexact=name) | Q(short_name__iexact=name)).first() if name else None
        if partner is None:
            known = ", ".join(agencies.order_by("short_name").values_list("short_name", flat=True)) or "none yet"
            raise ValueError(f"“{value}” is not an agency of {self.board.short_name}. Its agencies are: {known}.")
        return partner

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class KindWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = str(value or "actual").strip().lower() or "actual"
        if text not in ExpenditureLine.Kind.values:
            raise ValueError(f"“{value}” must be Actual or Budget.")
        return text

    def render(self, value, obj=None, **kwargs):
        return ExpenditureLine.Kind(value).label if value else ""


class EscapedResource(resources.ModelResource):
    """Every exported text cell is escaped against formula injection, whichever format."""

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))


class ExpenditureLineResource(EscapedResource):
    year = fields.Field(attribute="finance_year", column_name="Year")
    category = fields.Field(attribute="category", column_name="Category")
    kind = fields.Field(attribute="kind", column_name="Actual or budget", widget=KindWidget())
    amount = fields.Field(attribute="amount", column_name="Amount", widget=MoneyWidget())
    description = fields.Field(attribute="description", column_name="Description", widget=widgets.CharWidget())
    spent_on = fields.Field(attribute="spent_on", column_name="Date", widget=UKDateWidget())
    supplier_reference = fields.Field(
        attribute="supplier_reference", column_name="Supplier reference", widget=widgets.CharWidget()
    )

    class Meta:
        model = ExpenditureLine
        fields = ("year", "category", "kind", "amount", "description", "spent_on", "supplier_reference")
        export_order = fields
        import_id_fields = ()
        force_init_instance = True  # every row is a new line
        clean_model_instances = True
        skip_diff = True
        use_bulk = False

    def __init__(self, *, board, by=None):
        super().__init__()
        self.board, self.by = board, by
        self.fields["year"].widget = FinanceYearWidget(board)
        self.fields["category"].widget = CategoryWidget(board)

    def before_save_instance(self, instance, row, **kwargs):
        instance.updated_by = self.by


class ContributionResource(EscapedResource):
    """One row per partner and year: a row for an existing pair updates it."""

    year = fields.Field(attribute="finance_year", column_name="Year")
    partner = fields.Field(attribute="partner", column_name="Partner", widget=PartnerWidget())
    amount_agreed = fields.Field(attribute="amount_agreed", column_name="Agreed", widget=MoneyWidget())
    amount_invoiced = fields.Field(attribute="amount_invoiced", column_name="Invoiced", widget=OptionalMoneyWidget())
    amount_received = fields.Field(attribute="amount_received", column_name="Received", widget=OptionalMoneyWidget())
    invoiced_on = fields.Field(attribute="invoiced_on", column_name="Invoiced on", widget=UKDateWidget())
    received_on = fields.Field(attribute="received_on", column_name="Received on", widget=UKDateWidget())
    invoice_reference = fields.Field(
        attribute="invoice_reference", column_name="Invoice reference", widget=widgets.CharWidget()
    )

    class Meta:
        model = Contribution
        fields = (
            "year",
            "partner",
            "amount_agreed",
            "amount_invoiced",
            "amount_received",
            "invoiced_on",
            "received_on",
            "invoice_reference",
        )
        export_order = fields
        import_id_fields = ()
        clean_model_instances = True
        skip_diff = True
        use_bulk = False

    def __init__(self, *, board, by=None):
        super().__init__()
        self.board, self.by = board, by
        self.fields["year"].widget = FinanceYearWidget(board)
        self.fields["partner"].widget = PartnerWidget(board)

    def _key(self, row):
        try:
            return self.fields["year"].clean(row), self.fields["partner"].clean(row)
        except (ValueError, KeyError):
            return None  # the row's own import reports the error

    def get_instance(self, instance_loader, row):
        key = self._key(row)
        if key is None:
            return None
        return Contribution.objects.filter(finance_year=key[0], partner=key[1]).first()

    def repeated_rows(self, dataset) -> list[RowError]:
        """Two rows for the same agency and year would silently keep the last: an error naming both."""
        seen: dict[tuple, int] = {}
        errors = []
        for number, row in enumerate(dataset.dict, start=2):
            key = self._key(row)
            if key is None:
                continue
            pair = (key[0].pk, key[1].pk)
            if pair in seen:
                message = (
                    f"Rows {seen[pair]} and {number} are both for {key[1].name}, {key[0].label}: keep one of them."
                )
                errors.append(RowError(number, (message,)))
            else:
                seen[pair] = number
        return errors

    def repeated_row_errors(self, dataset):
        """The same, for the Imports page (``wscb.data.imports.run_import``)."""
        from wscb.data.imports import RowError as PageRowError

        return [
            PageRowError(error.row, "Partner", message)
            for error in self.repeated_rows(dataset)
            for message in error.messages
        ]

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.pk is None and instance.partner_id and not instance.partner.is_active:
            # the form offers only active agencies for a new contribution
            raise ValidationError({"partner": f"{instance.partner} is not an active agency."})

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk:
            instance.version += 1
        instance.updated_by = self.by


class OutstandingContributionResource(EscapedResource):
    year = fields.Field(attribute="finance_year", column_name="Year", widget=FinanceYearWidget(None))
    partner = fields.Field(attribute="partner", column_name="Partner", widget=PartnerWidget())
    amount_agreed = fields.Field(attribute="amount_agreed", column_name="Agreed", widget=MoneyWidget())
    amount_invoiced = fields.Field(attribute="amount_invoiced", column_name="Invoiced", widget=MoneyWidget())
    amount_received = fields.Field(attribute="amount_received", column_name="Received", widget=MoneyWidget())
    amount_outstanding = fields.Field(attribute="amount_outstanding", column_name="Outstanding", widget=MoneyWidget())
    invoiced_on = fields.Field(attribute="invoiced_on", column_name="Invoiced on", widget=UKDateWidget())
    invoice_reference = fields.Field(
        attribute="invoice_reference", column_name="Invoice reference", widget=widgets.CharWidget()
    )

    class Meta:
        model = Contribution
        fields = (
            "year",
            "partner",
            "amount_agreed",
            "amount_invoiced",
            "amount_received",
            "amount_outstanding",
            "invoiced_on",
            "invoice_reference",
        )
        export_order = fields


DATASETS = {
    "expenditure": ("Expenditure lines", ExpenditureLineResource),
    "contributions": ("Partner contributions", ContributionResource),
}


@dataclass(frozen=True)
class RowError:
    row: int
    messages: tuple[str, ...]


@dataclass(frozen=True)
class ImportOutcome:
    imported: int
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def read_dataset(uploaded, dataset_name: str, board) -> tablib.Dataset:
    """Read an uploaded CSV or XLSX through ``wscb.data.imports.read_upload`` (the shared size and row limits,
    UTF-8 with or without BOM or Windows-1252, content checks, missing/unknown/repeated headings).

    Raises ``ValueError`` with the reason for the uploader.
    """
    from wscb.data.imports import ImportRejected, read_upload

    _, resource_class = DATASETS[dataset_name]
    columns = [field.column_name for field in resource_class(board=board).get_import_fields()]
    optional = [name for name in columns if name in OPTIONAL_COLUMNS[dataset_name]]
    required = [name for name in columns if name not in OPTIONAL_COLUMNS[dataset_name]]
    try:
        return read_upload(uploaded, required=required, optional=optional)
    except ImportRejected as problem:
        raise ValueError(str(problem)) from problem


def _row_errors(result) -> tuple[RowError, ...]:
    errors: dict[int, list[str]] = {}
    for number, row_errors in result.row_errors():
        errors.setdefault(number, []).extend(_plain(error.error) for error in row_errors)
    for invalid in result.invalid_rows:
        messages = errors.setdefault(invalid.number, [])
        for field_name, field_errors in invalid.field_specific_errors.items():
            label = field_name.replace("_", " ").capitalize()
            messages.extend(f"{label}: {message}" for message in field_errors)
        messages.extend(invalid.non_field_specific_errors)
    return tuple(RowError(row=number, messages=tuple(messages)) for number, messages in sorted(errors.items()))


def _merged(errors, more) -> tuple[RowError, ...]:
    """Row errors of two checks, one entry per row, in row order."""
    by_row: dict[int, list[str]] = {}
    for error in (*errors, *more):
        by_row.setdefault(error.row, []).extend(error.messages)
    return tuple(RowError(row=number, messages=tuple(found)) for number, found in sorted(by_row.items()))


def _plain(error: Exception) -> str:
    text = str(error)
    return re.sub(r"\s+", " ", text)[:300] or error.__class__.__name__


def finance_import(*, dataset_name: str, dataset: tablib.Dataset, board, by) -> ImportOutcome:
    """Import every row or none: a dry run first; if any row fails, nothing is written."""
    if dataset.height == 0:
        return ImportOutcome(0, (RowError(0, ("The file has no rows to import.",)),))
    if dataset.height > MAX_ROWS:
        return ImportOutcome(0, (RowError(0, (f"The file has more than {MAX_ROWS} rows.",)),))
    _, resource_class = DATASETS[dataset_name]
    expected = {field.column_name for field in resource_class(board=board).get_import_fields()}
    missing = sorted(
        name for name in expected - set(dataset.headers or []) if name not in OPTIONAL_COLUMNS[dataset_name]
    )
    if missing:
        return ImportOutcome(0, (RowError(0, (f"Missing column(s): {', '.join(missing)}.",)),))
    problems = getattr(dataset, "row_problems", {})  # formula cells, NUL characters (wscb.data.imports)
    repeated = getattr(resource_class(board=board), "repeated_rows", lambda dataset: [])(dataset)
    if problems:
        return ImportOutcome(
            0,
            tuple(
                RowError(number, tuple(f"{p.column}: {p.message}" if p.column else p.message for p in found))
                for number, found in sorted(problems.items())
            ),
        )
    with transaction.atomic():
        check = resource_class(board=board, by=by).import_data(
            dataset, dry_run=True, use_transactions=True, rollback_on_validation_errors=True
        )
        errors = _merged(_row_errors(check), repeated)
        if check.base_errors:
            errors = (RowError(0, tuple(_plain(error.error) for error in check.base_errors)), *errors)
        if errors:
            return ImportOutcome(0, errors)
        result = resource_class(board=board, by=by).import_data(
            dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
        )
        errors = _row_errors(result)
        if errors or result.has_errors():
            transaction.set_rollback(True)
            return ImportOutcome(0, errors or (RowError(0, ("The import failed; nothing was imported.",)),))
    return ImportOutcome(result.totals["new"] + result.totals["update"], ())


OPTIONAL_COLUMNS = {
    "expenditure": {"Description", "Date", "Supplier reference", "Actual or budget"},
    "contributions": {"Invoiced", "Received", "Invoiced on", "Received on", "Invoice reference"},
}


def finance_export(*, resource, queryset, file_format: str) -> bytes:
    dataset = resource.export(queryset=queryset)
    data = dataset.export(file_format)
    return data.encode("utf-8-sig") if isinstance(data, str) else data


# --- the finance imports on the Imports page (wscb.data.import_kinds) ------------------------------------
def _held_years(board) -> list[str]:
    return [
        ReportingYear(start).label
        for start in FinanceYear.objects.filter(board=board)
        .values_list("start_year", flat=True)
        .order_by("-start_year")
    ]


def _example_year(board) -> ReportingYear:
    from wscb.years import board_current_year

    held = [ReportingYear.from_label(label) for label in _held_years(board)]
    current = board_current_year(board)
    return current if current in held or not held else held[0]


def _categories(board) -> list[str]:
    return list(
        ExpenditureCategory.objects.filter(board=board, is_active=True)
        .order_by("order", "name")
        .values_list("name", flat=True)
    )


def _agencies(board) -> list[str]:
    return list(member_agencies(board=board).order_by("short_name").values_list("short_name", flat=True))


def _column_names(dataset_name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    _, resource_class = DATASETS[dataset_name]
    columns = [field.column_name for field in resource_class(board=None).get_import_fields()]
    optional = tuple(name for name in columns if name in OPTIONAL_COLUMNS[dataset_name])
    return tuple(name for name in columns if name not in optional), optional


def finance_import_kinds():
    from wscb.data.import_kinds import ImportKind

    expenditure_required, expenditure_optional = _column_names("expenditure")
    contribution_required, contribution_optional = _column_names("contributions")
    year_note = "The financial year, like 2016/17; import it under Financial years first"
    return [
        ImportKind(
            key="expenditure",
            title="Expenditure lines",
            description=(
                "One row per line of spending (or of the budget) in a financial year: every row is a new line. "
                "Import the financial years and expenditure categories first."
            ),
            resource=lambda board, user: ExpenditureLineResource(board=board, by=user),
            required=expenditure_required,
            optional=expenditure_optional,
            example=lambda board: {
                "Year": _example_year(board).label,
                "Category": (_categories(board) or [""])[0],
                "Actual or budget": "Actual",
                "Amount": "1250.00",
                "Description": "Venue hire for the annual conference",
                "Date": f"15/06/{_example_year(board).start_year}",
                "Supplier reference": "INV-0001",
            },
            valid_values=lambda board: {
                "Year": _held_years(board),
                "Category": _categories(board),
                "Actual or budget": [label for _, label in ExpenditureLine.Kind.choices],
            },
            notes={
                "Year": year_note,
                "Category": "One of the board's expenditure categories in use",
                "Actual or budget": "Actual (the default) or Budget",
                "Amount": "In pounds, like 1250.00 or £1,250",
                "Date": "dd/mm/yyyy, inside the financial year",
            },
            done_url="finance:statement",
            order=80,
        ),
        ImportKind(
            key="contributions",
            title="Partner contributions",
            description=(
                "One row per agency and financial year: what it agreed to pay, and what was invoiced and received. "
                "A row for an agency and year already recorded updates it. Import the financial years first."
            ),
            resource=lambda board, user: ContributionResource(board=board, by=user),
            required=contribution_required,
            optional=contribution_optional,
            example=lambda board: {
                "Year": _example_year(board).label,
                "Partner": (_agencies(board) or [""])[0],
                "Agreed": "5000.00",
                "Invoiced": "5000.00",
                "Received": "5000.00",
                "Invoiced on": f"01/05/{_example_year(board).start_year}",
                "Received on": f"01/06/{_example_year(board).start_year}",
                "Invoice reference": "CON-0001",
            },
            valid_values=lambda board: {"Year": _held_years(board), "Partner": _agencies(board)},
            notes={
                "Year": year_note,
                "Partner": "The agency's short name or full name",
                "Agreed": "In pounds",
                "Invoiced": "In pounds (optional)",
                "Received": "In pounds (optional)",
                "Invoiced on": "dd/mm/yyyy",
                "Received on": "dd/mm/yyyy",
            },
            done_url="finance:contribution-list",
            order=81,
        ),
    ]


# --- the financial years and expenditure categories the lines and contributions name -----------------------
class ReportingYearCell(widgets.Widget):
    """A financial year written as 2016/17, stored as the year it starts (2016)."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            raise ValueError("Enter the financial year, like 2016/17.")
        try:
            return ReportingYear.from_label(str(value).strip()).start_year
        except ValueError:
            raise ValueError(f"“{value}” is not a financial year like 2016/17.") from None

    def render(self, value, obj=None, **kwargs):
        return ReportingYear(value).label if value else ""


class OptionalPoundsCell(MoneyWidget):
    """Pounds, or blank for not recorded (``None``)."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        return super().clean(value, row, **kwargs)


class FinanceYearResource(NewRowsAreNeverUnchangedMixin, resources.ModelResource):
    """The financial years the board keeps accounts for: a row for a year the board holds updates it; any
    other row opens the year. The year's own rules (``full_clean``) are the back office's."""

    REQUIRED = ["Year"]
    OPTIONAL = ["Reserves opening balance", "Notes"]

    year = fields.Field(attribute="start_year", column_name="Year", widget=ReportingYearCell())
    opening_reserves = fields.Field(
        attribute="opening_reserves", column_name="Reserves opening balance", widget=OptionalPoundsCell()
    )
    notes = fields.Field(attribute="notes", column_name="Notes", widget=widgets.CharWidget())

    class Meta:
        model = FinanceYear
        fields = ("year", "opening_reserves", "notes")
        import_id_fields = ("year",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_bulk = False

    def __init__(self, *, board=None):
        super().__init__()
        self.board = board

    def get_queryset(self):
        return (
            FinanceYear._base_manager.filter(board=self.board) if self.board is not None else FinanceYear.objects.none()
        )

    def before_import(self, dataset, **kwargs):
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import financial years for first.")

    def get_instance(self, instance_loader, row):
        try:
            start_year = self.fields["year"].clean(row)
        except (ValueError, KeyError):
            return None  # the row's own import names the cell
        return self.get_queryset().filter(start_year=start_year).first()

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.board = self.board
        return instance


class ExpenditureCategoryResource(NewRowsAreNeverUnchangedMixin, resources.ModelResource):
    """The headings of the board's expenditure table: a row whose name is a category of the board (ignoring
    case) updates it; any other row adds one."""

    REQUIRED = ["Name"]
    OPTIONAL = ["Order", "In use"]

    name = fields.Field(attribute="name", column_name="Name", widget=widgets.CharWidget())
    order = fields.Field(attribute="order", column_name="Order")
    is_active = fields.Field(attribute="is_active", column_name="In use")

    class Meta:
        model = ExpenditureCategory
        fields = ("name", "order", "is_active")
        import_id_fields = ("name",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_bulk = False

    def __init__(self, *, board=None):
        super().__init__()
        from wscb.data.import_widgets import NumberCell, YesNoCell

        self.board = board
        self.fields["order"].widget = NumberCell()
        self.fields["is_active"].widget = YesNoCell(default=True)

    def get_queryset(self):
        if self.board is None:
            return ExpenditureCategory.objects.none()
        return ExpenditureCategory._base_manager.filter(board=self.board)

    def before_import(self, dataset, **kwargs):
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import expenditure categories for first.")
        self._categories = {category.name.casefold(): category for category in self.get_queryset()}

    def get_instance(self, instance_loader, row):
        return self._categories.get(str(row.get("Name") or "").strip().casefold())

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.board = self.board
        return instance

    def import_instance(self, instance, row, **kwargs):
        stored, stored_order = (instance.name, instance.order) if instance.pk else (None, 0)
        super().import_instance(instance, row, **kwargs)
        if stored and str(instance.name).casefold() == stored.casefold():
            instance.name = stored  # matched ignoring case: the name stays as the board writes it
        if instance.order is None:  # a blank order keeps the category's place (0 for a new one)
            instance.order = stored_order


def _next_year_to_open(board) -> ReportingYear:
    """The board's current year if it has no accounts for it yet, else the year after the latest held."""
    from wscb.years import board_current_year

    held = set(FinanceYear.objects.filter(board=board).values_list("start_year", flat=True))
    current = board_current_year(board)
    if current.start_year not in held:
        return current
    return ReportingYear(max(held) + 1)


#: Headings boards commonly use, offered as the template's example (the first the board has not got).
USUAL_CATEGORIES = ("Salaries and expenses", "Professional fees", "Training", "Communications", "Venue hire")


def _example_category(board) -> str:
    held = {name.casefold() for name in ExpenditureCategory.objects.filter(board=board).values_list("name", flat=True)}
    return next((name for name in USUAL_CATEGORIES if name.casefold() not in held), "Other costs")


def finance_setup_import_kinds():
    from wscb.data.import_kinds import ImportKind

    return [
        ImportKind(
            key="finance-years",
            title="Financial years",
            description=(
                "One row per financial year the board keeps accounts for: a row for a year the board has already "
                "updates it; any other row opens the year. Open a year before importing its expenditure and "
                "contributions."
            ),
            resource=lambda board, user: FinanceYearResource(board=board),
            required=tuple(FinanceYearResource.REQUIRED),
            optional=tuple(FinanceYearResource.OPTIONAL),
            example=lambda board: {
                "Year": _next_year_to_open(board).label,
                "Reserves opening balance": "" if _held_years(board) else "12000.00",
                "Notes": "Figures from the audited accounts",
            },
            valid_values=lambda board: {"Year": _held_years(board)},
            notes={
                "Year": "Like 2016/17 (1 April to 31 March); a year the board has already is updated",
                "Reserves opening balance": "In pounds, only for the first year the portal holds: every later "
                "year opens with the year before's closing balance",
                "Notes": "Optional",
            },
            done_url="admin:finance_financeyear_changelist",
            order=78,
        ),
        ImportKind(
            key="expenditure-categories",
            title="Expenditure categories",
            description=(
                "The headings of the expenditure table, one row per category: a row whose name is a category of "
                "the board updates it; any other row adds one. Import them before the expenditure lines."
            ),
            resource=lambda board, user: ExpenditureCategoryResource(board=board),
            required=tuple(ExpenditureCategoryResource.REQUIRED),
            optional=tuple(ExpenditureCategoryResource.OPTIONAL),
            example=lambda board: {"Name": _example_category(board), "Order": "1", "In use": "Yes"},
            valid_values=lambda board: {"Name": _categories(board), "In use": ["Yes", "No"]},
            notes={
                "Name": "Unique in the board; a name the board has already updates that category",
                "Order": "Position in the statement, smallest first (a whole number, default 0)",
                "In use": "Yes or No (default Yes); a category not in use is kept for past years only",
            },
            done_url="admin:finance_expenditurecategory_changelist",
            order=79,
        ),
    ]
