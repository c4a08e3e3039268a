"""Attendance import (django-import-export, on the Imports page): one row per person per meeting, all or nothing.

Columns: Group, Meeting date, Agency, Name, Job title, Status, Deputy name, Deputy job title, Role.
A name that matches a member of the group on that date is recorded against the membership (and
the membership's agency); any other name is an other attendee (author, presenter, observer) who
was present. Groups, meetings, agencies and members are read once before the rows, so the
checks make no query per row.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from meetings.models import Attendance, Group, Meeting, Membership
from partners.models import Board
from partners.services import member_agencies
from wscb.data.imports import NewRowsAreNeverUnchangedMixin

COLUMNS = ("Group", "Meeting date", "Agency", "Name", "Job title", "Status", "Deputy name", "Deputy job title", "Role")
REQUIRED_COLUMNS = ("Group", "Meeting date", "Name", "Status")
OPTIONAL_COLUMNS = ("Agency", "Job title", "Deputy name", "Deputy job title", "Role")

STATUS_WORDS = {
    **{value: value for value in Attendance.Status.values},
    **{label.casefold(): value for value, label in Attendance.Status.choices},
    "apologies": Attendance.Status.APOLOGIES,
    "deputy": Attendance.Status.DEPUTY,
    "attended": Attendance.Status.PRESENT,
}
ROLE_WORDS = {
    **{value: value for value in Attendance.AttendeeRole.values},
    **{label.casefold(): value for value, label in Attendance.AttendeeRole.choices},
    "presenter": Attendance.AttendeeRole.PRESENTER,
}


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


class AttendanceResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name="Name")
    job_title = fields.Field(attribute="job_title", column_name="Job title")
    deputy_name = fields.Field(attribute="deputy_name", column_name="Deputy name")
    deputy_job_title = fields.Field(attribute="deputy_job_title", column_name="Deputy job title")

    class Meta:
        model = Attendance
        fields = ("name", "job_title", "deputy_name", "deputy_job_title")
        # A row is matched by its meeting and name (get_or_init_instance), and a repeat is named there.
        import_id_fields = ()
        clean_model_instances = True
        skip_diff = True

    def __init__(self, *, board: Board):
        super().__init__()
        self.board = board
        self.resolved: dict[int, dict] = {}

    # --- read everything the checks need, once ---------------------------------------------------
    def before_import(self, dataset, **kwargs):
        missing = [column for column in ("Group", "Meeting date", "Name", "Status") if column not in dataset.headers]
        if missing:
            raise ValidationError(f"The file has no column called {', '.join(missing)}. Columns: {', '.join(COLUMNS)}.")
        self.groups = {group.name.casefold(): group for group in Group.objects.filter(board=self.board)}
        self.meetings = {
            (meeting.group_id, meeting.held_on): meeting for meeting in Meeting.objects.filter(group__board=self.board)
        }
        # The board's own agencies only: another board's agency of the same name is not this one.
        self.agencies = {}
        board_agencies = list(member_agencies(board=self.board).order_by("short_name"))
        for partner in board_agencies:
            self.agencies[partner.name.casefold()] = partner
            self.agencies[partner.short_name.casefold()] = partner
        self.agency_names = ", ".join(partner.short_name for partner in board_agencies) or "none yet"
        self.members = {}
        for membership in Membership.objects.filter(group__board=self.board).select_related("person", "partner"):
            key = (membership.group_id, Attendance.name_key(membership.person.full_name))
            self.members.setdefault(key, []).append(membership)
        self.existing = {
            (row.meeting_id, Attendance.name_key(row.name)): row
            for row in Attendance.objects.filter(meeting__group__board=self.board)
        }
        self.seen: dict[tuple, int] = {}
        self.row_number = 0

    def before_import_row(self, row, **kwargs):
        self.row_number = kwargs.get("row_number", self.row_number + 1)
        errors: dict[str, list[str]] = {}

        def error(heading: str, message: str) -> None:
            errors.setdefault(heading, []).append(message)

        group = self.groups.get(_text(row.get("Group")).casefold())
        if group is None:
            error("Group", f"Unknown group “{_text(row.get('Group'))}”.")
        held_on = None
        try:
            held_on = parse_date(row.get("Meeting date"))
        except ValueError:
            error("Meeting date", f"“{_text(row.get('Meeting date'))}” is not a date (use dd/mm/yyyy).")
        meeting = self.meetings.get((group.pk, held_on)) if group and held_on else None
        if group and held_on and meeting is None:
            error("Meeting date", f"{group.name} has no meeting on {held_on:%d/%m/%Y}.")
        agency_text = _text(row.get("Agency"))
        partner = self.agencies.get(agency_text.casefold()) if agency_text else None
        if agency_text and partner is None:
            error(
                "Agency",
                f"“{agency_text}” is not an agency of {self.board.short_name}. Its agencies are: {self.agency_names}.",
            )
        name = " ".join(_text(row.get("Name")).split())
        if not name:
            error("Name", "The name is missing.")
        status = STATUS_WORDS.get(_text(row.get("Status")).casefold())
        if status is None:
            error("Status", f"Unknown status “{_text(row.get('Status'))}” (present, apologies, absent or deputy).")
        if status == Attendance.Status.DEPUTY and not _text(row.get("Deputy name")):
            error("Deputy name", "A deputy's name is needed when the status is deputy.")
        role_text = _text(row.get("Role")).casefold()
        role = ROLE_WORDS.get(role_text) if role_text else None
        if role_text and role is None:
            error("Role", f"Unknown role “{_text(row.get('Role'))}” (member, author, presenter, observer or other).")
        membership = None
        if group and held_on and name:
            membership = next(
                (
                    candidate
                    for candidate in self.members.get((group.pk, Attendance.name_key(name)), [])
                    if candidate.is_current_on(held_on)
                ),
                None,
            )
            if membership is None and status not in (None, Attendance.Status.PRESENT):
                error(
                    "Status", f"{name} is not a member of {group.name} on {held_on:%d/%m/%Y}, so can only be present."
                )
            if membership is None and role == Attendance.AttendeeRole.MEMBER:
                error("Role", f"{name} is not a member of {group.name} on {held_on:%d/%m/%Y}.")
        if meeting and name:
            key = (meeting.pk, Attendance.name_key(name))
            if key in self.seen:
                error(
                    "Name",
                    f"Duplicate of spreadsheet row {self.seen[key]}: {name} at the meeting on {held_on:%d/%m/%Y}.",
                )
            else:
                self.seen[key] = self.row_number + 1  # the header is spreadsheet row 1
        if errors:
            raise ValidationError(errors)
        if membership is not None:
            partner = membership.partner
            represents = "" if partner else membership.get_role_display()
            role = Attendance.AttendeeRole.MEMBER
        else:
            role = role or Attendance.AttendeeRole.OTHER
            represents = "" if partner else Attendance.AttendeeRole(role).label
        self.resolved[self.row_number] = {
            "meeting": meeting,
            "membership": membership,
            "partner": partner,
            "represents": represents,
            "attendee_role": role,
            "status": status,
            "job_title": _text(row.get("Job title")) or (membership.post if membership else ""),
        }
        row["Name"] = name

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not kwargs.get("dry_run") and not result.has_errors() and not result.has_validation_errors():
            # An open attendance page now holds an old version: its save is refused as a conflict.
            from django.db.models import F

            meeting_ids = {resolved["meeting"].pk for resolved in self.resolved.values()}
            Meeting.objects.filter(pk__in=meeting_ids).update(version=F("version") + 1)

    def get_or_init_instance(self, instance_loader, row):
        resolved = self.resolved[self.row_number]
        existing = self.existing.get((resolved["meeting"].pk, Attendance.name_key(_text(row.get("Name")))))
        if existing is not None:
            return existing, False
        return Attendance(), True

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        resolved = self.resolved[self.row_number]
        for attribute, value in resolved.items():
            setattr(instance, attribute, value)
        if instance.status != Attendance.Status.DEPUTY:
            instance.deputy_name = instance.deputy_job_title = ""
        for attribute in ("deputy_name", "deputy_job_title"):
            setattr(instance, attribute, _text(getattr(instance, attribute)))


# --- group and board memberships on the Imports page (wscb.data.import_kinds) -------------------------------
class MembershipResource(resources.ModelResource):
    """A person's seat on one of the board's groups (the board itself is one of its groups) for a
    period. Every row is a new membership; a row for a person, group and start date already recorded
    (or repeated in the file) is an error naming it. The person and the group are the board's, by name;
    the membership's own rules (``full_clean``: it cannot end before it starts) are the back office's."""

    REQUIRED = ["Group", "Person", "Start date"]
    OPTIONAL = ["End date", "Role", "Status", "Agency represented", "Job title", "Order"]

    group = fields.Field(attribute="group", column_name="Group")
    person = fields.Field(attribute="person", column_name="Person")
    started_on = fields.Field(attribute="started_on", column_name="Start date")
    ended_on = fields.Field(attribute="ended_on", column_name="End date")
    role = fields.Field(attribute="role", column_name="Role")
    status = fields.Field(attribute="status", column_name="Status")
    partner = fields.Field(attribute="partner", column_name="Agency represented")
    job_title = fields.Field(attribute="job_title", column_name="Job title")
    order = fields.Field(attribute="order", column_name="Order")

    class Meta:
        model = Membership
        fields = ("group", "person", "started_on", "ended_on", "role", "status", "partner", "job_title", "order")
        import_id_fields = ()
        force_init_instance = True
        clean_model_instances = True
        skip_diff = True
        use_bulk = False

    def __init__(self, *, board: Board | None = None):
        super().__init__()
        from import_export import widgets as ie_widgets

        from partners.models import Person
        from wscb.data.import_widgets import ChoiceCell, DateCell, LookupCell, NumberCell

        self.board = board
        name = board.short_name if board is not None else ""
        groups = list(Group._base_manager.filter(board=board)) if board is not None else []
        people = list(Person._base_manager.filter(boards=board)) if board is not None else []
        agencies = list(member_agencies(board=board)) if board is not None else []
        self.fields["group"].widget = LookupCell(groups, names=lambda g: (g.name,), what=f"group of {name}")
        self.fields["person"].widget = LookupCell(
            people, names=lambda p: (p.full_name,), what=f"person of {name}", shown=lambda p: p.full_name
        )
        self.fields["partner"].widget = LookupCell(
            agencies,
            names=lambda a: (a.name, a.short_name),
            what=f"agency of {name}",
            required=False,
            shown=lambda a: a.short_name,
        )
        self.fields["started_on"].widget = DateCell(required=True)
        self.fields["ended_on"].widget = DateCell()
        self.fields["role"].widget = ChoiceCell(Membership.Role.choices, default=Membership.Role.MEMBER)
        self.fields["status"].widget = ChoiceCell(Membership.Status.choices, default=Membership.Status.FULL)
        self.fields["job_title"].widget = ie_widgets.CharWidget()
        self.fields["order"].widget = NumberCell()

    def before_import(self, dataset, **kwargs):
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import memberships for first.")
        self._seen = {
            (m["person_id"], m["group_id"], m["started_on"]): "already recorded"
            for m in Membership._base_manager.filter(group__board=self.board).values(
                "person_id", "group_id", "started_on"
            )
        }
        super().before_import(dataset, **kwargs)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.order is None:
            instance.order = 0

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.order is None:
            instance.order = 0
        key = (instance.person_id, instance.group_id, instance.started_on)
        if all(key) and key in self._seen:
            where = self._seen[key]
            errors.setdefault("started_on", []).append(
                f"{instance.person.full_name}'s membership of {instance.group.name} from "
                f"{instance.started_on:%d/%m/%Y} is {where}."
            )
        elif all(key):
            self._seen[key] = f"in row {getattr(self, '_row', 0)} of the file"
        super().validate_instance(instance, errors, validate_unique)

    def import_row(self, row, instance_loader, **kwargs):
        self._row = kwargs.get("row_number", 0) + 1
        return super().import_row(row, instance_loader, **kwargs)


def membership_import_kind():
    from partners.models import Person
    from wscb.data.import_kinds import ImportKind

    def groups(board):
        return list(
            Group._base_manager.filter(board=board, is_active=True).order_by("name").values_list("name", flat=True)
        )

    def people(board):
        return list(Person._base_manager.filter(boards=board).order_by("full_name").values_list("full_name", flat=True))

    def example(board):
        from wscb.years import board_current_year

        return {
            "Group": next(iter(groups(board)), ""),
            "Person": next(iter(people(board)), ""),
            "Start date": f"01/04/{board_current_year(board).start_year}",
            "End date": "",
            "Role": Membership.Role.MEMBER.label,
            "Status": str(Membership.Status.FULL.label),
            "Agency represented": next(
                iter(member_agencies(board=board).order_by("short_name").values_list("short_name", flat=True)), ""
            ),
            "Job title": "",
            "Order": "1",
        }

    return ImportKind(
        key="memberships",
        title="Group and board memberships",
        description=(
            "One row per person's seat on one of the board's groups (the board itself included) for a period: "
            "every row is a new membership. Import the people first."
        ),
        resource=lambda board, user: MembershipResource(board=board),
        required=tuple(MembershipResource.REQUIRED),
        optional=tuple(MembershipResource.OPTIONAL),
        example=example,
        valid_values=lambda board: {
            "Group": groups(board),
            "Person": people(board),
            "Role": [str(label) for _, label in Membership.Role.choices],
            "Status": [str(label) for _, label in Membership.Status.choices],
            "Agency represented": list(
                member_agencies(board=board).order_by("short_name").values_list("short_name", flat=True)
            ),
        },
        notes={
            "Group": "One of the board's groups, by name",
            "Person": "A person of the board, by full name (import people first)",
            "Start date": "dd/mm/yyyy",
            "End date": "dd/mm/yyyy; blank while the membership lasts",
            "Role": "One of the roles listed (default Member)",
            "Status": "One of the statuses listed (default Full)",
            "Agency represented": "By short name or name; blank for none",
            "Job title": "The post as the membership list shows it, if not the person's own",
            "Order": "Position in the membership list (a whole number; default 0)",
        },
        done_url="imports:list",
        order=30,
    )


def attendance_import_kind():
    from wscb.data.import_kinds import ImportKind

    def last_meeting(board):
        return (
            Meeting._base_manager.filter(group__board=board).select_related("group").order_by("-held_on", "-pk").first()
        )

    def example(board):
        meeting = last_meeting(board)
        return {
            "Group": meeting.group.name if meeting else "",
            "Meeting date": f"{meeting.held_on:%d/%m/%Y}" if meeting else "",
            "Name": "Alex Example",
            "Status": Attendance.Status.PRESENT.label,
            "Agency": next(
                iter(member_agencies(board=board).order_by("short_name").values_list("short_name", flat=True)), ""
            ),
            "Job title": "Guest presenter",
            "Role": Attendance.AttendeeRole.PRESENTER.label,
        }

    return ImportKind(
        key="attendance",
        title="Meeting attendance",
        description=(
            "One row per person per meeting. A name that is a member of the group on the meeting's date is "
            "recorded against the membership; any other name is an other attendee (author, presenter, observer) "
            "who was present. A name already recorded for the meeting is updated. Add the meetings first."
        ),
        resource=lambda board, user: AttendanceResource(board=board),
        required=tuple(REQUIRED_COLUMNS),
        optional=tuple(OPTIONAL_COLUMNS),
        example=example,
        valid_values=lambda board: {
            "Group": list(Group._base_manager.filter(board=board).order_by("name").values_list("name", flat=True)),
            "Status": [str(label) for _, label in Attendance.Status.choices],
            "Role": [str(label) for _, label in Attendance.AttendeeRole.choices],
            "Agency": list(member_agencies(board=board).order_by("short_name").values_list("short_name", flat=True)),
        },
        notes={
            "Group": "One of the board's groups, by name",
            "Meeting date": "dd/mm/yyyy: a meeting of the group on that day",
            "Name": "The attendee's name; a member's name as the membership list has it",
            "Status": "One of the statuses listed (someone who is not a member can only be present)",
            "Agency": "One of the board's agencies, by short name or name",
            "Deputy name": "When a deputy was sent",
            "Role": "For someone who is not a member: one of the roles listed (default Other)",
        },
        done_url="meetings:attendance-summary",
        order=35,
    )


class GroupResource(NewRowsAreNeverUnchangedMixin, resources.ModelResource):
    """The board's groups (the board itself, its executive, its sub-groups): a row whose name is a group of
    the board updates it; any other row adds a group."""

    REQUIRED = ["Name"]
    OPTIONAL = ["Kind", "Quorum: members present", "Quorum: statutory partners", "Attendance threshold (%)", "Active"]

    name = fields.Field(attribute="name", column_name="Name")
    kind = fields.Field(attribute="kind", column_name="Kind")
    quorum_minimum_members = fields.Field(attribute="quorum_minimum_members", column_name="Quorum: members present")
    quorum_needs_statutory_partners = fields.Field(
        attribute="quorum_needs_statutory_partners", column_name="Quorum: statutory partners"
    )
    attendance_threshold_percent = fields.Field(
        attribute="attendance_threshold_percent", column_name="Attendance threshold (%)"
    )
    is_active = fields.Field(attribute="is_active", column_name="Active")

    class Meta:
        model = Group
        fields = (
            "name",
            "kind",
            "quorum_minimum_members",
            "quorum_needs_statutory_partners",
            "attendance_threshold_percent",
            "is_active",
        )
        import_id_fields = ("name",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_bulk = False

    def __init__(self, *, board: Board | None = None):
        super().__init__()
        from import_export import widgets as ie_widgets

        from wscb.data.import_widgets import ChoiceCell, NumberCell, YesNoCell

        self.board = board
        self.fields["name"].widget = ie_widgets.CharWidget()
        self.fields["kind"].widget = ChoiceCell(Group.Kind.choices, default=Group.Kind.SUB_GROUP)
        self.fields["quorum_minimum_members"].widget = NumberCell()
        self.fields["quorum_needs_statutory_partners"].widget = YesNoCell(default=True)
        self.fields["attendance_threshold_percent"].widget = ie_widgets.DecimalWidget()
        self.fields["is_active"].widget = YesNoCell(default=True)

    def before_import(self, dataset, **kwargs):
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import groups for first.")
        self._groups = {group.name.casefold(): group for group in Group._base_manager.filter(board=self.board)}

    def get_instance(self, instance_loader, row):
        return self._groups.get(_text(row.get("Name")).casefold())

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.board = self.board
        return instance

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        defaults = {
            "quorum_minimum_members": Group._meta.get_field("quorum_minimum_members").default,
            "attendance_threshold_percent": Group._meta.get_field("attendance_threshold_percent").default,
        }
        for attribute, default in defaults.items():
            if getattr(instance, attribute) is None:
                setattr(instance, attribute, default)
        super().validate_instance(instance, import_validation_errors, validate_unique)


class MeetingResource(resources.ModelResource):
    """One row per meeting of one of the board's groups: a row for a group and date already recorded updates
    that meeting; any other row adds one. The reporting year it is counted in is the year of its date unless
    the row says otherwise (a board cycle may run over)."""

    REQUIRED = ["Group", "Date"]
    OPTIONAL = ["Start time", "Venue", "Status", "Counted in year"]

    group = fields.Field(attribute="group", column_name="Group")
    held_on = fields.Field(attribute="held_on", column_name="Date")
    starts_at = fields.Field(attribute="starts_at", column_name="Start time")
    venue = fields.Field(attribute="venue", column_name="Venue")
    status = fields.Field(attribute="status", column_name="Status")
    reporting_year = fields.Field(attribute="reporting_year", column_name="Counted in year")

    class Meta:
        model = Meeting
        fields = ("group", "held_on", "starts_at", "venue", "status", "reporting_year")
        import_id_fields = ()
        clean_model_instances = True
        skip_diff = True
        use_bulk = False

    def __init__(self, *, board: Board | None = None):
        super().__init__()
        from import_export import widgets as ie_widgets

        from wscb.data.import_widgets import ChoiceCell, DateCell, LookupCell, TimeCell

        self.board = board
        groups = list(Group._base_manager.filter(board=board)) if board is not None else []
        name = board.short_name if board is not None else ""
        self.fields["group"].widget = LookupCell(groups, names=lambda g: (g.name,), what=f"group of {name}")
        self.fields["held_on"].widget = DateCell(required=True)
        self.fields["starts_at"].widget = TimeCell()
        self.fields["venue"].widget = ie_widgets.CharWidget()
        self.fields["status"].widget = ChoiceCell(Meeting.Status.choices, default=Meeting.Status.SCHEDULED)
        self.fields["reporting_year"].widget = _YearCell()

    def before_import(self, dataset, **kwargs):
        from wscb.data.imports import ImportRejected

        if self.board is None:
            raise ImportRejected("Choose the board or partnership to import meetings for first.")
        self._meetings = {
            (meeting.group_id, meeting.held_on): meeting
            for meeting in Meeting._base_manager.filter(group__board=self.board)
        }
        self._seen: dict[tuple, int] = {}

    def import_row(self, row, instance_loader, **kwargs):
        self._row = kwargs.get("row_number", 0) + 1
        return super().import_row(row, instance_loader, **kwargs)

    def get_instance(self, instance_loader, row):
        try:
            group = self.fields["group"].widget.clean(row.get("Group"))
            held_on = self.fields["held_on"].widget.clean(row.get("Date"))
        except ValueError:
            return None
        return self._meetings.get((group.pk, held_on))

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        from wscb.periods import ReportingYear

        errors = dict(import_validation_errors or {})
        if instance.reporting_year is None and instance.held_on:
            instance.reporting_year = ReportingYear.containing(instance.held_on).start_year
        key = (instance.group_id, instance.held_on)
        if all(key):
            if key in self._seen:
                errors.setdefault("held_on", []).append(f"The same meeting as row {self._seen[key]}: keep one of them.")
            else:
                self._seen[key] = self._row
        super().validate_instance(instance, errors, validate_unique)


class _YearCell(widgets.Widget):
    """A reporting year written as 2016/17 (blank: the year of the meeting's date)."""

    def clean(self, value, row=None, **kwargs):
        from wscb.periods import ReportingYear

        text = _text(value)
        if not text:
            return None
        try:
            return ReportingYear.from_label(text).start_year
        except ValueError:
            raise ValueError(f"“{text}” is not a reporting year like 2016/17.") from None


def group_and_meeting_import_kinds():
    from wscb.data.import_kinds import ImportKind
    from wscb.years import board_current_year

    def groups(board):
        return list(Group._base_manager.filter(board=board).order_by("name").values_list("name", flat=True))

    return [
        ImportKind(
            key="groups",
            title="Groups",
            description=(
                "The board itself, its executive and its sub-groups, one row each: a row whose name is a group of "
                "the board updates it; any other row adds a group."
            ),
            resource=lambda board, user: GroupResource(board=board),
            required=tuple(GroupResource.REQUIRED),
            optional=tuple(GroupResource.OPTIONAL),
            example=lambda board: {
                "Name": "Example Sub-group",
                "Kind": str(Group.Kind.SUB_GROUP.label),
                "Quorum: members present": "5",
                "Quorum: statutory partners": "Yes",
                "Attendance threshold (%)": "50",
                "Active": "Yes",
            },
            valid_values=lambda board: {
                "Kind": [str(label) for _, label in Group.Kind.choices],
                "Quorum: statutory partners": ["Yes", "No"],
                "Active": ["Yes", "No"],
                "Name": groups(board),
            },
            notes={
                "Name": "Unique in the board; a name the board has already updates that group",
                "Kind": "One of those listed (default Sub-group)",
                "Quorum: members present": "A whole number (default 5)",
                "Quorum: statutory partners": "Yes (the default) or No",
                "Attendance threshold (%)": "Agencies below it are flagged (default 50)",
            },
            done_url="meetings:meeting-list",
            order=25,
        ),
        ImportKind(
            key="meetings",
            title="Meetings",
            description=(
                "One row per meeting of one of the board's groups: a row for a group and date already recorded "
                "updates it; any other row adds a meeting. Import their attendance next."
            ),
            resource=lambda board, user: MeetingResource(board=board),
            required=tuple(MeetingResource.REQUIRED),
            optional=tuple(MeetingResource.OPTIONAL),
            example=lambda board: {
                "Group": next(iter(groups(board)), ""),
                "Date": f"14/06/{board_current_year(board).start_year}",
                "Start time": "10:00",
                "Venue": "Town Hall",
                "Status": Meeting.Status.HELD.label,
                "Counted in year": "",
            },
            valid_values=lambda board: {
                "Group": groups(board),
                "Status": [str(label) for _, label in Meeting.Status.choices],
            },
            notes={
                "Group": "One of the board's groups, by name",
                "Date": "dd/mm/yyyy; one meeting of a group a day",
                "Start time": "Like 10:00",
                "Status": "Scheduled (the default), Held or Cancelled",
                "Counted in year": "The reporting year whose report counts it, like 2016/17; blank: its date's year",
            },
            done_url="meetings:meeting-list",
            order=26,
        ),
    ]
