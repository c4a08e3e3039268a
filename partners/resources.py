"""Spreadsheet import and export of partner agencies (django-import-export)."""

from import_export import fields, resources, widgets

from partners.models import Partner
from wscb.data.imports import StrictColumnsMixin

YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


class YesNoWidget(widgets.Widget):
    """Yes/No (also True/False, 1/0); anything else is an error, never a silent "No"."""

    def __init__(self, *, default: bool):
        super().__init__()
        self.default = default

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return self.default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError("Enter Yes or No.")

    def render(self, value, obj=None, **kwargs):
        return "Yes" if value else "No"


class ChoiceWidget(widgets.Widget):
    """A choice given by its label ("Health") or its stored value ("health"), in any case."""

    def __init__(self, choices):
        super().__init__()
        self.lookup = {}
        for value, label in choices:
            self.lookup[str(value).lower()] = value
            self.lookup[str(label).lower()] = value
        self.labels = dict(choices)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        if text not in self.lookup:
            raise ValueError(f"Choose one of: {', '.join(self.labels.values())}.")
        return self.lookup[text]

    def render(self, value, obj=None, **kwargs):
        return str(self.labels.get(value, value))


class PartnerResource(StrictColumnsMixin, resources.ModelResource):
    """Columns: name, short_name, sector (required); is_statutory, is_active (optional, Yes/No).

    A row whose short name matches an existing agency updates it; otherwise it adds one.
    """

    REQUIRED = ["name", "short_name", "sector"]
    OPTIONAL = ["is_statutory", "is_active"]
    ALIASES = {"short name": "short_name", "statutory partner": "is_statutory", "active": "is_active"}

    name = fields.Field(attribute="name", column_name="name")
    short_name = fields.Field(attribute="short_name", column_name="short_name")
    sector = fields.Field(attribute="sector", column_name="sector", widget=ChoiceWidget(Partner.Sector.choices))
    is_statutory = fields.Field(attribute="is_statutory", column_name="is_statutory", widget=YesNoWidget(default=False))
    is_active = fields.Field(attribute="is_active", column_name="is_active", widget=YesNoWidget(default=True))

    class Meta:
        model = Partner
        fields = ("name", "short_name", "sector", "is_statutory", "is_active")
        import_id_fields = ("short_name",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_bulk = False
