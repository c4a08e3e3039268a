"""Attendance import (django-import-export): one row per person per meeting, all or nothing.

Columns: Group, Meeting date, Agency, Name, Job title, Status, Deputy name, Deputy job title, Role.
A name that matches a member of the group on that date is recorded against the membership (and
the membership's agency); any other name is an other attendee (author, presenter, observer) who
was present. Groups, meetings, agencies and members are read once before the rows, so the
checks make no query per row.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from import_export import fields, resources

from meetings.models import Attendance, Group, Meeting, Membership
from partners.models import Board
from partners.services import member_agencies

COLUMNS = ("Group", "Meeting date", "Agency", "Name", "Job title", "Status", "Deputy name", "Deputy job title", "Role")

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
        import_id_fields = ("name",)
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
        errors: list[str] = []
        group = self.groups.get(_text(row.get("Group")).casefold())
        if group is None:
            errors.append(f"Unknown group “{_text(row.get('Group'))}”.")
        held_on = None
        try:
            held_on = parse_date(row.get("Meeting date"))
        except ValueError:
            errors.append(f"“{_text(row.get('Meeting date'))}” is not a date (use dd/mm/yyyy).")
        meeting = self.meetings.get((group.pk, held_on)) if group and held_on else None
        if group and held_on and meeting is None:
            errors.append(f"{group.name} has no meeting on {held_on:%d/%m/%Y}.")
        agency_text = _text(row.get("Agency"))
        partner = self.agencies.get(agency_text.casefold()) if agency_text else None
        if agency_text and partner is None:
            errors.append(
                f"“{agency_text}” is not an agency of {self.board.short_name}. Its agencies are: {self.agency_names}."
            )
        name = " ".join(_text(row.get("Name")).split())
        if not name:
            errors.append("The name is missing.")
        status = STATUS_WORDS.get(_text(row.get("Status")).casefold())
        if status is None:
            errors.append(f"Unknown status “{_text(row.get('Status'))}” (present, apologies, absent or deputy).")
        if status == Attendance.Status.DEPUTY and not _text(row.get("Deputy name")):
            errors.append("A deputy's name is needed when the status is deputy.")
        role_text = _text(row.get("Role")).casefold()
        role = ROLE_WORDS.get(role_text) if role_text else None
        if role_text and role is None:
            errors.append(f"Unknown role “{_text(row.get('Role'))}” (member, author, presenter, observer or other).")
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
                errors.append(f"{name} is not a member of {group.name} on {held_on:%d/%m/%Y}, so can only be present.")
            if membership is None and role == Attendance.AttendeeRole.MEMBER:
                errors.append(f"{name} is not a member of {group.name} on {held_on:%d/%m/%Y}.")
        if meeting and name:
            key = (meeting.pk, Attendance.name_key(name))
            if key in self.seen:
                errors.append(
                    f"Duplicate of spreadsheet row {self.seen[key]}: {name} at the meeting on {held_on:%d/%m/%Y}."
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
