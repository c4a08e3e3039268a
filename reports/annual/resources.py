"""Spreadsheet import and export of indicator figures and comparator values (django-import-export).

Rows name the indicator by its code and the year as "2016/17". Imports are all-or-nothing:
``figures_import`` runs a dry run first and imports nothing if any row has an error.
Exported text cells that start with = + - @ get a leading quote so spreadsheets do not run them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from reports.annual.models import ComparatorValue, ContextFact, EngagementEvent, Indicator, IndicatorValue
from wscb.data.exports import escape_cell
from wscb.data.imports import NewRowsAreNeverUnchangedMixin, StrictColumnsMixin
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


# --- indicators, their figures, engagement events and context facts on the Imports page ----------------------
class HumanYearCell(widgets.Widget):
    """A reporting year written as 2016/17."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            raise ValueError("Enter the reporting year, like 2016/17.")
        try:
            return ReportingYear.from_label(str(value).strip()).start_year
        except ValueError:
            raise ValueError(f"“{value}” is not a reporting year like 2016/17.") from None

    def render(self, value, obj=None, **kwargs):
        return ReportingYear(value).label if value else ""


def _choice(choices, *, default=None):
    from wscb.data.import_widgets import ChoiceCell

    return ChoiceCell(choices, default=default)


class IndicatorResource(NewRowsAreNeverUnchangedMixin, StrictColumnsMixin, resources.ModelResource):
    """The board's indicators: a row whose code is an indicator of the board updates it; any other adds one."""

    REQUIRED = ["Code", "Name", "Unit", "Numerator label"]
    OPTIONAL = ["Denominator label", "Polarity", "Source", "Order", "Active", "Description"]

    code = fields.Field(attribute="code", column_name="Code", widget=widgets.CharWidget())
    name = fields.Field(attribute="name", column_name="Name", widget=widgets.CharWidget())
    unit = fields.Field(attribute="unit", column_name="Unit")
    numerator_label = fields.Field(
        attribute="numerator_label", column_name="Numerator label", widget=widgets.CharWidget()
    )
    denominator_label = fields.Field(
        attribute="denominator_label", column_name="Denominator label", widget=widgets.CharWidget()
    )
    polarity = fields.Field(attribute="polarity", column_name="Polarity")
    source = fields.Field(attribute="source", column_name="Source", widget=widgets.CharWidget())
    order = fields.Field(attribute="order", column_name="Order")
    is_active = fields.Field(attribute="is_active", column_name="Active")
    description = fields.Field(attribute="description", column_name="Description", widget=widgets.CharWidget())

    class Meta:
        model = Indicator
        fields = (
            "code",
            "name",
            "unit",
            "numerator_label",
            "denominator_label",
            "polarity",
            "source",
            "order",
            "is_active",
            "description",
        )
        import_id_fields = ("code",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_bulk = False

    def __init__(self, *, board=None):
        super().__init__()
        from wscb.data.import_widgets import NumberCell, YesNoCell

        self.board = board
        self.fields["unit"].widget = _choice(Indicator.Unit.choices)
        self.fields["polarity"].widget = _choice(Indicator.Polarity.choices, default=Indicator.Polarity.NEITHER)
        self.fields["order"].widget = NumberCell()
        self.fields["is_active"].widget = YesNoCell(default=True)

    def get_queryset(self):
        return Indicator._base_manager.filter(board=self.board)

    def before_import(self, dataset, **kwargs):
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import indicators for first.")
        super().before_import(dataset, **kwargs)

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.board = self.board
        return instance

    def before_save_instance(self, instance, row, **kwargs):
        if instance.order is None:
            instance.order = 0

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if instance.order is None:
            instance.order = 0
        super().validate_instance(instance, import_validation_errors, validate_unique)


class IndicatorFigureResource(NewRowsAreNeverUnchangedMixin, StrictColumnsMixin, resources.ModelResource):
    """One row per indicator and year: the local numerator and denominator (the value is computed from
    them, never typed). A row for an indicator and year already recorded updates it."""

    REQUIRED = ["Indicator", "Year", "Numerator"]
    OPTIONAL = ["Denominator"]

    indicator = fields.Field(attribute="indicator", column_name="Indicator")
    year = fields.Field(attribute="year_start", column_name="Year", widget=HumanYearCell())
    numerator = fields.Field(attribute="numerator", column_name="Numerator")
    denominator = fields.Field(attribute="denominator", column_name="Denominator")

    class Meta:
        model = IndicatorValue
        fields = ("indicator", "year", "numerator", "denominator")
        import_id_fields = ("indicator", "year")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_bulk = False

    def __init__(self, *, board=None):
        super().__init__()
        from wscb.data.import_widgets import NumberCell

        self.board = board
        self.fields["indicator"].widget = IndicatorWidget(board)
        self.fields["numerator"].widget = NumberCell(required=True)
        self.fields["denominator"].widget = NumberCell()

    def get_queryset(self):
        return IndicatorValue._base_manager.filter(indicator__board=self.board)

    def before_import(self, dataset, **kwargs):
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import indicator figures for first.")
        super().before_import(dataset, **kwargs)

    def get_instance(self, instance_loader, row):
        try:
            indicator = self.fields["indicator"].widget.clean(row.get("Indicator"))
            year = self.fields["year"].widget.clean(row.get("Year"))
        except ValueError:
            return None  # the row's own import names the cell
        return self.get_queryset().filter(indicator=indicator, year_start=year).first()


class EngagementEventResource(resources.ModelResource):
    """One row per engagement activity counted in a reporting year: every row is a new event. The date is a
    day (dd/mm/yyyy), a month (mm/yyyy) or blank (not recorded); an event already recorded with the same
    year, title and date, or repeated in the file, is an error."""

    REQUIRED = ["Year", "Title", "Audience"]
    OPTIONAL = ["Date", "Date note", "Reach", "Reach is at least", "Description"]

    year = fields.Field(attribute="year_start", column_name="Year", widget=HumanYearCell())
    title = fields.Field(attribute="title", column_name="Title", widget=widgets.CharWidget())
    audience = fields.Field(attribute="audience", column_name="Audience")
    held_on = fields.Field(column_name="Date")
    date_note = fields.Field(attribute="date_note", column_name="Date note", widget=widgets.CharWidget())
    reach = fields.Field(attribute="reach", column_name="Reach")
    is_reach_minimum = fields.Field(attribute="is_reach_minimum", column_name="Reach is at least")
    description = fields.Field(attribute="description", column_name="Description", widget=widgets.CharWidget())

    class Meta:
        model = EngagementEvent
        fields = ("year", "title", "audience", "held_on", "date_note", "reach", "is_reach_minimum", "description")
        import_id_fields = ()
        force_init_instance = True
        clean_model_instances = True
        skip_diff = True
        use_bulk = False

    def __init__(self, *, board=None):
        super().__init__()
        from wscb.data.import_widgets import NumberCell, YesNoCell

        self.board = board
        self.fields["audience"].widget = _choice(EngagementEvent.Audience.choices)
        self.fields["reach"].widget = NumberCell()
        self.fields["is_reach_minimum"].widget = YesNoCell(default=False)

    def before_import(self, dataset, **kwargs):
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import engagement events for first.")
        self._seen = dict.fromkeys(
            (year, title.casefold(), day)
            for year, title, day in EngagementEvent._base_manager.filter(board=self.board).values_list(
                "year_start", "title", "held_on"
            )
        )

    def import_instance(self, instance, row, **kwargs):
        import datetime

        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance.board = self.board
        value = row.get("Date")
        text = "" if value in (None, "") else str(value).strip()
        if isinstance(value, datetime.datetime | datetime.date):
            instance.held_on = value.date() if isinstance(value, datetime.datetime) else value
            instance.date_precision = EngagementEvent.DatePrecision.DAY
        elif not text:
            instance.held_on, instance.date_precision = None, EngagementEvent.DatePrecision.NOT_RECORDED
        else:
            for pattern, precision in (
                ("%d/%m/%Y", EngagementEvent.DatePrecision.DAY),
                ("%m/%Y", EngagementEvent.DatePrecision.MONTH),
            ):
                try:
                    instance.held_on = datetime.datetime.strptime(text, pattern).date()
                    instance.date_precision = precision
                    break
                except ValueError:
                    continue
            else:
                errors.setdefault("held_on", []).append(
                    f"“{text}” is not a date like 16/03/2017 or a month like 03/2017."
                )
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        key = (instance.year_start, str(instance.title or "").casefold(), instance.held_on)
        if instance.year_start and instance.title:
            if key in self._seen:
                errors.setdefault("title", []).append(
                    f"“{instance.title}” on {instance.date_display} is already recorded for {instance.year_label}."
                )
            else:
                self._seen[key] = None
        super().validate_instance(instance, errors, validate_unique)

    #: The date's errors are shown under the file's heading.
    error_headings = {"held_on": "Date", "date_precision": "Date"}


class ContextFactResource(NewRowsAreNeverUnchangedMixin, resources.ModelResource):
    """One row per fact about the area in a reporting year. A row for a fact the year already has (the same
    kind, or for Other the same label) updates it; any other row adds a fact."""

    REQUIRED = ["Year", "Fact", "Label", "Value"]
    OPTIONAL = ["Unit", "Note", "Source", "Order"]

    year = fields.Field(attribute="year_start", column_name="Year", widget=HumanYearCell())
    kind = fields.Field(attribute="kind", column_name="Fact")
    label = fields.Field(attribute="label", column_name="Label", widget=widgets.CharWidget())
    value = fields.Field(attribute="value", column_name="Value")
    unit = fields.Field(attribute="unit", column_name="Unit", widget=widgets.CharWidget())
    note = fields.Field(attribute="note", column_name="Note", widget=widgets.CharWidget())
    source = fields.Field(attribute="source", column_name="Source", widget=widgets.CharWidget())
    order = fields.Field(attribute="order", column_name="Order")

    class Meta:
        model = ContextFact
        fields = ("year", "kind", "label", "value", "unit", "note", "source", "order")
        import_id_fields = ()
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_bulk = False

    def __init__(self, *, board=None):
        super().__init__()
        from wscb.data.import_widgets import NumberCell

        self.board = board
        self.fields["kind"].widget = _choice(ContextFact.Kind.choices)
        self.fields["value"].widget = DecimalCell()
        self.fields["order"].widget = NumberCell()

    def before_import(self, dataset, **kwargs):
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import context facts for first.")
        self._seen: dict[tuple, int] = {}

    def get_instance(self, instance_loader, row):
        try:
            year = self.fields["year"].widget.clean(row.get("Year"))
            kind = self.fields["kind"].widget.clean(row.get("Fact"))
        except ValueError:
            return None
        facts = ContextFact._base_manager.filter(board=self.board, year_start=year, kind=kind)
        if kind == ContextFact.Kind.OTHER:
            facts = facts.filter(label__iexact=str(row.get("Label") or "").strip())
        return facts.first()

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.board = self.board
        return instance

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.order is None:
            instance.order = 0
        key = (
            instance.year_start,
            instance.kind,
            str(instance.label or "").casefold() if instance.kind == "other" else "",
        )
        if instance.year_start and instance.kind:
            if key in self._seen:
                errors.setdefault("kind", []).append(f"The same fact as row {self._seen[key]}: keep one of them.")
            else:
                self._seen[key] = getattr(self, "_row", 0)
        super().validate_instance(instance, errors, validate_unique)

    def import_row(self, row, instance_loader, **kwargs):
        self._row = kwargs.get("row_number", 0) + 1
        return super().import_row(row, instance_loader, **kwargs)


class DecimalCell(widgets.Widget):
    """A number like 67900, 67,900 or 4.5."""

    def clean(self, value, row=None, **kwargs):
        from decimal import Decimal, InvalidOperation

        if value in (None, ""):
            raise ValueError("Enter the value, a number like 67900 or 4.5.")
        text = str(value).strip().replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"“{value}” is not a number like 67900 or 4.5.") from None
        if not number.is_finite():
            raise ValueError(f"“{value}” is not a number like 67900 or 4.5.")
        return number


def report_import_kinds():
    from wscb.data.import_kinds import ImportKind
    from wscb.years import board_current_year

    def codes(board):
        return list(
            Indicator._base_manager.filter(board=board).order_by("order", "code").values_list("code", flat=True)
        )

    def labels(choices):
        return [str(label) for _, label in choices]

    return [
        ImportKind(
            key="indicators",
            title="Performance indicators",
            description=(
                "One row per indicator the report tracks: a row whose code is an indicator of the board updates it; "
                "any other row adds one. Import their yearly figures next."
            ),
            resource=lambda board, user: IndicatorResource(board=board),
            required=tuple(IndicatorResource.REQUIRED),
            optional=tuple(IndicatorResource.OPTIONAL),
            example=lambda board: {
                "Code": "example-cpp-rate",
                "Name": "Children subject to a child protection plan",
                "Unit": Indicator.Unit.RATE.label,
                "Numerator label": "Children on a plan at 31 March",
                "Denominator label": "Child population (0-17)",
                "Polarity": Indicator.Polarity.NEITHER.label,
                "Source": "Children's services",
                "Order": "1",
                "Active": "Yes",
            },
            valid_values=lambda board: {
                "Unit": labels(Indicator.Unit.choices),
                "Polarity": labels(Indicator.Polarity.choices),
                "Active": ["Yes", "No"],
                "Code": codes(board),
            },
            notes={
                "Code": "Letters, numbers and hyphens, unique in the board; a code the board has already updates it",
                "Unit": "One of those listed",
                "Polarity": "One of those listed (default Neither)",
                "Order": "Position in the report's table (a whole number)",
                "Active": "Yes or No (default Yes)",
            },
            done_url="imports:list",
            order=90,
        ),
        ImportKind(
            key="indicator-figures",
            title="Indicator figures",
            description=(
                "One row per indicator and reporting year: the local numerator and denominator (the value is "
                "computed from them). A row for an indicator and year already recorded updates it."
            ),
            resource=lambda board, user: IndicatorFigureResource(board=board),
            required=tuple(IndicatorFigureResource.REQUIRED),
            optional=tuple(IndicatorFigureResource.OPTIONAL),
            example=lambda board: {
                "Indicator": next(iter(codes(board)), ""),
                "Year": board_current_year(board).label,
                "Numerator": "250",
                "Denominator": "68000",
            },
            valid_values=lambda board: {"Indicator": codes(board)},
            notes={
                "Indicator": "The indicator's code",
                "Year": "Like 2016/17",
                "Numerator": "A whole number",
                "Denominator": "Required for a percentage; for a rate, blank uses the year's child population",
            },
            done_url="imports:list",
            order=91,
        ),
        ImportKind(
            key="engagement",
            title="Engagement events",
            description=(
                "One row per engagement activity counted in a reporting year: every row is a new event. The date "
                "may be a day, a month or blank (not recorded)."
            ),
            resource=lambda board, user: EngagementEventResource(board=board),
            required=tuple(EngagementEventResource.REQUIRED),
            optional=tuple(EngagementEventResource.OPTIONAL),
            example=lambda board: {
                "Year": board_current_year(board).label,
                "Title": "Young people's safeguarding conference",
                "Audience": EngagementEvent.Audience.CHILDREN.label,
                "Date": f"16/03/{board_current_year(board).end.year}",
                "Date note": "",
                "Reach": "120",
                "Reach is at least": "No",
                "Description": "",
            },
            valid_values=lambda board: {
                "Audience": labels(EngagementEvent.Audience.choices),
                "Reach is at least": ["Yes", "No"],
            },
            notes={
                "Year": "The reporting year it is counted in, like 2016/17",
                "Audience": "One of those listed",
                "Date": "A day (16/03/2017), a month (03/2017), or blank when not recorded",
                "Date note": 'Shown instead of a date when none is recorded, like "throughout the year"',
                "Reach": "People reached, a whole number, if known",
                "Reach is at least": 'Yes when the reach is a lower bound (shown as "over 120")',
            },
            done_url="imports:list",
            order=92,
        ),
        ImportKind(
            key="context",
            title="Context facts",
            description=(
                "One row per fact about the area in a reporting year (population, children looked after, ...). "
                "A row for a fact the year already has updates it."
            ),
            resource=lambda board, user: ContextFactResource(board=board),
            required=tuple(ContextFactResource.REQUIRED),
            optional=tuple(ContextFactResource.OPTIONAL),
            example=lambda board: {
                "Year": board_current_year(board).label,
                "Fact": ContextFact.Kind.CHILD_POPULATION.label,
                "Label": "Children and young people aged 0-17",
                "Value": "67900",
                "Unit": "",
                "Note": "",
                "Source": "ONS mid-year estimate",
                "Order": "1",
            },
            valid_values=lambda board: {"Fact": labels(ContextFact.Kind.choices)},
            notes={
                "Year": "Like 2016/17",
                "Fact": "One of those listed; Other for any further fact",
                "Label": "As the report shows it",
                "Value": "A number like 67900 or 4.5",
                "Unit": 'Like "%", "people" or "per 1,000 live births"',
                "Order": "Position in the report's list (a whole number)",
            },
            done_url="imports:list",
            order=93,
        ),
    ]
