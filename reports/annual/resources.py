"""Spreadsheet import and export of indicator figures and comparator values (django-import-export).

Rows name the indicator by its code and the year as "2016/17". Imports are all-or-nothing:
``figures_import`` runs a dry run first and imports nothing if any row has an error.
Exported text cells that start with = + - @ get a leading quote so spreadsheets do not run them.
"""

from __future__ import annotations

from dataclasses import dataclass

from import_export import fields, resources, widgets

from reports.annual.models import ComparatorValue, Indicator, IndicatorValue
from wscb.data.exports import escape_cell
from wscb.data.imports import StrictColumnsMixin
from wscb.periods import ReportingYear


class YearWidget(widgets.Widget):
    """ "2016/17" in the spreadsheet, 2016 in the database."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            raise ValueError("The year is required, e.g. 2016/17.")
        return ReportingYear.from_label(str(value)).start_year

    def render(self, value, obj=None, **kwargs):
        return ReportingYear(value).label if value else ""


class IndicatorWidget(widgets.ForeignKeyWidget):
    """An indicator of the board by its code (another board's codes are not matched)."""

    def __init__(self, board=None):
        super().__init__(Indicator, field="code")
        self.board = board

    def get_queryset(self, value, row, *args, **kwargs):
        if self.board is None:
            return Indicator.objects.all()  # the scope in force
        return Indicator._base_manager.filter(board=self.board)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            raise ValueError("The indicator code is required.")
        try:
            return super().clean(str(value).strip(), row, **kwargs)
        except Indicator.DoesNotExist as error:
            where = f" in {self.board.short_name}" if self.board is not None else ""
            codes = ", ".join(self.get_queryset(value, row).order_by("order", "code").values_list("code", flat=True))
            raise ValueError(
                f"There is no indicator with the code {value!r}{where}. Its indicators are: {codes or 'none yet'}."
            ) from error

    def render(self, value, obj=None, **kwargs):
        return escape_cell(super().render(value, obj, **kwargs))


class ComparatorWidget(widgets.Widget):
    """Accepts the key (england) or the label (England)."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        for key, label in ComparatorValue.Comparator.choices:
            if text in (key, label.lower()):
                return key
        options = ", ".join(label for _, label in ComparatorValue.Comparator.choices)
        raise ValueError(f"{value!r} is not a comparator ({options}).")

    def render(self, value, obj=None, **kwargs):
        return ComparatorValue.Comparator(value).label if value else ""


class BoardFiguresMixin:
    """One board's figures: the rows matched and the indicator codes read are that board's only."""

    def __init__(self, *, board=None, **kwargs):
        super().__init__(**kwargs)
        self.board = board
        self.fields["indicator"].widget = IndicatorWidget(board)

    def get_queryset(self):
        if self.board is None:
            return super().get_queryset()
        return self._meta.model._base_manager.filter(indicator__board=self.board)


class IndicatorValueResource(BoardFiguresMixin, StrictColumnsMixin, resources.ModelResource):
    """One row per indicator and year (two rows for the same pair refuse the file, naming both)."""

    REQUIRED = ["indicator", "year", "numerator"]
    OPTIONAL = ["denominator"]

    indicator = fields.Field(attribute="indicator", column_name="indicator", widget=IndicatorWidget())
    year = fields.Field(attribute="year_start", column_name="year", widget=YearWidget())

    class Meta:
        model = IndicatorValue
        fields = ("indicator", "year", "numerator", "denominator")
        export_order = ("indicator", "year", "numerator", "denominator")
        import_id_fields = ("indicator", "year")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class ComparatorValueResource(BoardFiguresMixin, StrictColumnsMixin, resources.ModelResource):
    """One row per indicator, year and comparator (two rows for the same refuse the file, naming both)."""

    REQUIRED = ["indicator", "year", "comparator", "value"]

    indicator = fields.Field(attribute="indicator", column_name="indicator", widget=IndicatorWidget())
    year = fields.Field(attribute="year_start", column_name="year", widget=YearWidget())
    comparator = fields.Field(attribute="comparator", column_name="comparator", widget=ComparatorWidget())

    class Meta:
        model = ComparatorValue
        fields = ("indicator", "year", "comparator", "value")
        export_order = ("indicator", "year", "comparator", "value")
        import_id_fields = ("indicator", "year", "comparator")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


@dataclass
class ImportOutcome:
    imported: bool
    totals: dict
    errors: list[str]


def figures_import(*, resource: resources.ModelResource, dataset) -> ImportOutcome:
    """Dry run first; if any row has an error, import nothing and return every row's error."""
    trial = resource.import_data(dataset, dry_run=True, raise_errors=False)
    errors = _errors(trial)
    if errors:
        return ImportOutcome(imported=False, totals=dict(trial.totals), errors=errors)
    result = resource.import_data(dataset, dry_run=False, raise_errors=True)
    return ImportOutcome(imported=True, totals=dict(result.totals), errors=[])


def _errors(result) -> list[str]:
    messages = [f"File: {error.error}" for error in result.base_errors]
    for number, row_errors in result.row_errors():
        messages.extend(f"Row {number}: {error.error}" for error in row_errors)
    for invalid in result.invalid_rows:
        for field_name, field_errors in invalid.field_specific_errors.items():
            messages.extend(f"Row {invalid.number}: {field_name}: {message}" for message in field_errors)
        messages.extend(f"Row {invalid.number}: {message}" for message in invalid.non_field_specific_errors)
    return messages
