"""Spreadsheet import and export of one board's partner agencies (django-import-export)."""

from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from import_export import fields, resources, widgets

from partners.models import Board, BoardMembership, Partner, Person
from wscb.data.imports import ImportRejected, NewRowsAreNeverUnchangedMixin, StrictColumnsMixin

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


class PartnerResource(NewRowsAreNeverUnchangedMixin, StrictColumnsMixin, resources.ModelResource):
    """One board's agencies. Columns: Name, Short name, Sector (required); Statutory partner, Active
    (optional, Yes/No).

    A row names an agency of this board by its short name (matched within the board only) and
    updates it; any other row adds an agency, which becomes a member of the board. "Statutory
    partner" is the agency's membership of this board. An agency other boards share keeps its
    name, short name, sector and status: a row that would change them is refused (the change is
    made on the agency's page, where its boards are named), so an import never changes what
    another board shows.
    """

    REQUIRED = ["Name", "Short name", "Sector"]
    OPTIONAL = ["Statutory partner", "Active"]
    # The headings files had before (name, short_name, ...) are still read.
    ALIASES = {"is statutory": "Statutory partner", "is active": "Active"}
    SHARED_FIELDS = ("name", "short_name", "sector", "is_active")

    name = fields.Field(attribute="name", column_name="Name")
    short_name = fields.Field(attribute="short_name", column_name="Short name")
    sector = fields.Field(attribute="sector", column_name="Sector", widget=ChoiceWidget(Partner.Sector.choices))
    is_statutory = fields.Field(
        attribute="is_statutory", column_name="Statutory partner", widget=YesNoWidget(default=False)
    )
    is_active = fields.Field(attribute="is_active", column_name="Active", widget=YesNoWidget(default=True))

    class Meta:
        model = Partner
        fields = ("name", "short_name", "sector", "is_statutory", "is_active")
        import_id_fields = ("short_name",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_bulk = False

    def __init__(self, *, board: Board | None = None, **kwargs):
        super().__init__(**kwargs)
        self.board = board

    def get_queryset(self):
        """The board's agencies, each with its statutory status on this board."""
        if self.board is None:
            return Partner.objects.none()
        here = BoardMembership._base_manager.filter(board=self.board, partner=OuterRef("pk"))
        # The board is named here, whatever scope the caller is in.
        return (
            Partner.objects.every_board()
            .filter(Exists(here))
            .annotate(is_statutory=Coalesce(Subquery(here.values("is_statutory")[:1]), False))
        )

    def filter_export(self, queryset, **kwargs):
        """Each agency with its statutory status on this board (the back office's export)."""
        here = BoardMembership._base_manager.filter(board=self.board, partner=OuterRef("pk"))
        return (
            super()
            .filter_export(queryset, **kwargs)
            .annotate(is_statutory=Coalesce(Subquery(here.values("is_statutory")[:1]), False))
        )

    def before_import(self, dataset, **kwargs):
        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import agencies for first.")
        self._shared = set(
            BoardMembership._base_manager.exclude(board=self.board)
            .filter(partner__in=self.get_queryset().values("pk"))
            .values_list("partner_id", flat=True)
        )
        self._names = {
            partner.name.casefold(): partner.short_name.casefold() for partner in self.get_queryset().only("name")
        }
        super().before_import(dataset, **kwargs)

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.is_statutory = False
        return instance

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.pk in self._shared:
            stored = Partner._base_manager.filter(pk=instance.pk).values(*self.SHARED_FIELDS).get()
            changed = [name for name in self.SHARED_FIELDS if stored[name] != getattr(instance, name)]
            if changed:
                errors.setdefault(changed[0], []).append(
                    f"{stored['name']} is shared with another board or partnership, so its "
                    f"{', '.join(name.replace('_', ' ') for name in changed)} cannot be changed by an import: "
                    "change it on the agency's page in the back office, where its boards are named."
                )
        name_owner = self._names.get(str(instance.name).casefold())
        if name_owner is not None and name_owner != str(instance.short_name).casefold():
            errors.setdefault("name", []).append(
                f"Another agency of {self.board.short_name} is already called {instance.name}."
            )
        super().validate_instance(instance, errors, validate_unique=False)
        self._names[str(instance.name).casefold()] = str(instance.short_name).casefold()

    def after_save_instance(self, instance, row, **kwargs):
        # Also in the dry run, inside its transaction that is rolled back.
        super().after_save_instance(instance, row, **kwargs)
        from partners.services import agency_join_board

        agency_join_board(partner=instance, board=self.board, is_statutory=bool(instance.is_statutory))


def agency_import_kind():
    """The agencies import on the Imports page (``wscb.data.import_kinds``)."""
    from wscb.data.import_kinds import ImportKind

    return ImportKind(
        key="agencies",
        title="Partner agencies",
        description=(
            "One row per agency. A row whose short name is an agency of the board updates it; any other "
            "row adds an agency, which becomes a member of the board."
        ),
        resource=lambda board, user: PartnerResource(board=board),
        required=tuple(PartnerResource.REQUIRED),
        optional=tuple(PartnerResource.OPTIONAL),
        aliases=PartnerResource.ALIASES,
        example=lambda board: {
            "Name": "Example Community Health Trust",
            "Short name": "Example Health",
            "Sector": Partner.Sector.HEALTH.label,
            "Statutory partner": "Yes",
            "Active": "Yes",
        },
        valid_values=lambda board: {
            "Sector": [str(label) for _, label in Partner.Sector.choices],
            "Statutory partner": ["Yes", "No"],
            "Active": ["Yes", "No"],
            "Short name": list(
                Partner.objects.every_board()
                .filter(board_memberships__board=board)
                .order_by("short_name")
                .values_list("short_name", flat=True)
            ),
        },
        notes={
            "Name": "The agency's full name, unique in the board",
            "Short name": "As the report uses it; a short name the board has already updates that agency",
            "Sector": "One of the sectors listed",
            "Statutory partner": "Yes or No (default No)",
            "Active": "Yes or No (default Yes)",
        },
        done_url="partners:partner-list",
        order=10,
    )


class PersonResource(NewRowsAreNeverUnchangedMixin, StrictColumnsMixin, resources.ModelResource):
    """One board's people (members of its groups, chairs, trainers). Columns: Full name (required); Job
    title, E-mail address, Telephone, Agency (optional).

    A row whose full name is a person of this board (ignoring case) updates that person; any other row
    adds a person, recorded for the board. The agency is one of the board's agencies, by name or short
    name; blank for people who represent no agency. The person's own rules (``full_clean``: the e-mail
    address, the lengths) are the back office form's."""

    REQUIRED = ["Full name"]
    OPTIONAL = ["Job title", "E-mail address", "Telephone", "Agency"]
    ALIASES = {"name": "Full name", "email": "E-mail address", "e-mail": "E-mail address"}

    full_name = fields.Field(attribute="full_name", column_name="Full name", widget=widgets.CharWidget())
    job_title = fields.Field(attribute="job_title", column_name="Job title", widget=widgets.CharWidget())
    email = fields.Field(attribute="email", column_name="E-mail address", widget=widgets.CharWidget())
    telephone = fields.Field(attribute="telephone", column_name="Telephone", widget=widgets.CharWidget())
    partner = fields.Field(attribute="partner", column_name="Agency")

    class Meta:
        model = Person
        fields = ("full_name", "job_title", "email", "telephone", "partner")
        import_id_fields = ("full_name",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        skip_diff = False
        use_bulk = False

    def __init__(self, *, board: Board | None = None, **kwargs):
        super().__init__(**kwargs)
        from partners.services import member_agencies
        from wscb.data.import_widgets import LookupCell

        self.board = board
        agencies = list(member_agencies(board=board)) if board is not None else []
        self.fields["partner"].widget = LookupCell(
            agencies,
            names=lambda agency: (agency.name, agency.short_name),
            what=f"agency of {board.short_name}" if board is not None else "agency",
            required=False,
            shown=lambda agency: agency.short_name,
        )

    def get_queryset(self):
        if self.board is None:
            return Person.objects.none()
        return Person._base_manager.filter(boards=self.board)

    def before_import(self, dataset, **kwargs):
        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import people for first.")
        self._people: dict[str, list[Person]] = {}
        for person in self.get_queryset():
            self._people.setdefault(person.full_name.casefold(), []).append(person)
        super().before_import(dataset, **kwargs)

    def get_instance(self, instance_loader, row):
        name = str(row.get("Full name") or "").strip().casefold()
        found = self._people.get(name, []) if name else []
        if len(found) > 1:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {
                    "full_name": f"{len(found)} people of {self.board.short_name} are called {row['Full name']}: "
                    "change them on their pages in the back office."
                }
            )
        return found[0] if found else None

    def import_instance(self, instance, row, **kwargs):
        stored = instance.full_name if instance.pk else None
        super().import_instance(instance, row, **kwargs)
        if stored and str(instance.full_name).casefold() == stored.casefold():
            instance.full_name = stored  # matched ignoring case: the name stays as the board writes it

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        instance.boards.add(self.board)


def person_import_kind():
    from wscb.data.import_kinds import ImportKind

    return ImportKind(
        key="people",
        title="People",
        description=(
            "One row per person who sits on a group, chairs one or trains: a row whose full name is a "
            "person of the board updates that person; any other row adds a person."
        ),
        resource=lambda board, user: PersonResource(board=board),
        required=tuple(PersonResource.REQUIRED),
        optional=tuple(PersonResource.OPTIONAL),
        aliases=PersonResource.ALIASES,
        example=lambda board: {
            "Full name": "Alex Example",
            "Job title": "Head of Safeguarding",
            "E-mail address": "alex.example@example.org",
            "Telephone": "01234 567890",
            "Agency": next(iter(_agency_short_names(board)), ""),
        },
        valid_values=lambda board: {"Agency": _agency_short_names(board)},
        notes={
            "Full name": "As it should appear in lists; a name the board has already updates that person",
            "E-mail address": "Optional; a valid e-mail address",
            "Agency": "The agency the person works for, by short name or name; blank for none (lay members)",
        },
        done_url="admin:partners_person_changelist",
        order=20,
    )


def _agency_short_names(board) -> list[str]:
    return list(
        Partner.objects.every_board()
        .filter(board_memberships__board=board)
        .order_by("short_name")
        .values_list("short_name", flat=True)
    )
