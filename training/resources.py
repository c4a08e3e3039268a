"""Import of the e-learning provider's export (learner, agency, module, allocated date, completed date)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from partners.models import Board
from partners.services import member_agencies
from training.models import ELearningEnrolment, ELearningModule

DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d")
COLUMNS = ("learner", "agency", "module", "allocated date", "completed date")


class UKDateWidget(widgets.Widget):
    """Dates as the provider writes them (dd/mm/yyyy), ISO dates, or Excel date cells."""

    def __init__(self, *, required: bool):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value or "").strip()
        if not text:
            if self.required:
                raise ValueError("A date is required.")
            return None
        day, month, year = [*text.split("/"), "", ""][:3]
        if len(year) == 4 and day.isdigit() and month.isdigit() and year.isdigit():
            # The provider's usual dd/mm/yyyy without strptime's cost (a tenth of an import's time).
            try:
                return date(int(year), int(month), int(day))
            except ValueError:
                raise ValueError(f"{text!r} is not a date like 31/03/2017.") from None
        for format in DATE_FORMATS:
            try:
                return datetime.strptime(text, format).date()
            except ValueError:
                continue
        raise ValueError(f"{text!r} is not a date like 31/03/2017.")


class ModuleWidget(widgets.Widget):
    """A module of the board, by title (ignoring case); the titles are read once per import."""

    def __init__(self, *, board: Board):
        super().__init__()
        self.modules = {module.title.casefold(): module for module in ELearningModule.objects.filter(board=board)}

    def clean(self, value, row=None, **kwargs):
        title = str(value or "").strip()
        if not title:
            raise ValueError("The module is missing.")
        try:
            return self.modules[title.casefold()]
        except KeyError:
            raise ValueError(f"There is no e-learning module called {title!r}.") from None


class ELearningEnrolmentResource(resources.ModelResource):
    """Every row is a new licence; the agency is a partner (by name or short name) or else a named
    community organisation. Used all-or-nothing by ``services.elearning_import``."""

    learner = fields.Field(attribute="learner_name", column_name="learner", widget=widgets.CharWidget())
    allocated = fields.Field(attribute="allocated_on", column_name="allocated date", widget=UKDateWidget(required=True))
    completed = fields.Field(
        attribute="completed_on", column_name="completed date", widget=UKDateWidget(required=False)
    )

    class Meta:
        model = ELearningEnrolment
        fields = ("learner", "module", "allocated", "completed")
        import_id_fields = ()
        force_init_instance = True
        clean_model_instances = True
        skip_unchanged = False
        use_bulk = True
        batch_size = 1000
        skip_diff = True  # every row is new and the page shows no diff: the copy and compare cost a third

    def __init__(self, *, board: Board):
        super().__init__()
        self.fields["module"] = fields.Field(attribute="module", column_name="module", widget=ModuleWidget(board=board))
        self._import_fields = None
        # The board's own agencies; any other name is a community organisation, recorded by name.
        self.partners = {}
        for partner in member_agencies(board=board):
            self.partners[partner.name.casefold()] = partner
            self.partners[partner.short_name.casefold()] = partner

    #: ``wscb.data.import_jobs.ImportProgress`` when a job imports the file (counts for its status page).
    progress = None

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        # A preview (dry run) has validated every row already: writing the rows only to roll them
        # back would make the preview cost as much as the import.
        if dry_run:
            self.create_instances.clear()
            return
        count = len(self.create_instances)
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size=batch_size, result=result)
        if self.progress is not None and count:
            self.progress.written(count)

    def import_row(self, row, instance_loader, **kwargs):
        row_result = super().import_row(row, instance_loader, **kwargs)
        if self.progress is not None:
            self.progress.checked()
        return row_result

    def before_import(self, dataset, **kwargs):
        dataset.headers = [str(header or "").strip().lower() for header in dataset.headers]
        missing = [column for column in COLUMNS if column not in dataset.headers]
        if missing:
            raise ValueError(f"The file has no {', '.join(missing)} column. Expected: {', '.join(COLUMNS)}.")

    def get_import_fields(self):
        # import-export works the field order out again for every row; it never changes.
        if self._import_fields is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def import_instance(self, instance, row, **kwargs):
        # Each cell straight through its widget onto the instance, with import-export's own error
        # shape: its per-cell path (import_field, Field.save, Field.clean) cost a third of a row.
        errors = {}
        for field in self.get_import_fields():
            try:
                setattr(instance, field.attribute, field.widget.clean(row[field.column_name], row=row))
            except ValueError as error:
                errors[field.attribute] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)
        agency = str(row.get("agency") or "").strip()
        partner = self.partners.get(agency.casefold())
        instance.partner = partner
        instance.organisation_name = "" if partner else agency

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # full_clean() would look up the module and agency and test each check constraint with a
        # query per row; both come from this resource's caches, so the same rules are checked here
        # in Python (the database constraints still stand behind them). 5,000 rows in seconds.
        errors = dict(import_validation_errors or {})
        try:
            # The dates come from UKDateWidget already parsed (and required where the model needs them).
            instance.full_clean(
                exclude=[*errors.keys(), "module", "partner", "allocated_on", "completed_on"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field, messages in instance.constraint_problems().items():
            errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)
