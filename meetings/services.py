"""Writes for meetings and attendance."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from meetings.models import Attendance, Meeting, Membership
from partners.models import Partner
from wscb.data.versions import EditConflict, insert_unique, versioned_update
from wscb.periods import ReportingYear


class AttendanceConflict(EditConflict):
    """Someone else saved this meeting's attendance since the form was opened."""

    default_message = "Someone else saved this attendance while you were editing. Here is what they saved."


class MeetingConflict(EditConflict):
    """Someone else saved this meeting since the form was opened."""

    default_message = "Someone else saved this meeting while you were editing. Here is their version."


@dataclass(frozen=True)
class MemberEntry:
    membership: Membership
    status: str
    deputy_name: str = ""
    deputy_job_title: str = ""


@dataclass(frozen=True)
class OtherAttendee:
    name: str
    job_title: str
    partner: Partner | None
    attendee_role: str
    represents: str = ""


def meeting_save(*, meeting: Meeting, by, version: int | None = None) -> Meeting:
    """Create or update a meeting; the reporting year defaults to the one containing its date.

    For an existing meeting, ``version`` is the one the form was opened with; if anyone saved the
    meeting (or its attendance) since, nothing is written and ``MeetingConflict`` is raised.
    """
    if meeting.reporting_year is None:
        meeting.reporting_year = ReportingYear.containing(meeting.held_on).start_year
    meeting.full_clean()
    with transaction.atomic():
        before = {}
        if meeting.pk is not None:
            before = Meeting.objects.filter(pk=meeting.pk).values("agenda", "minutes").first() or {}
            versioned_update(Meeting.objects.filter(pk=meeting.pk), version=version, conflict=MeetingConflict)
            meeting.version = version + 1
        if meeting.pk is None:
            insert_unique(meeting)  # another meeting of the group that day, saved a moment ago: a form error
        else:
            meeting.save()
        # a replaced or cleared agenda or minutes leaves no file behind (deleted once the save is committed)
        replaced = [old for name, old in before.items() if old and old != getattr(meeting, name).name]
        if replaced:
            storage = Meeting._meta.get_field("agenda").storage
            transaction.on_commit(lambda: [storage.delete(name) for name in replaced])
    return meeting


def member_attendance(entry: MemberEntry, meeting: Meeting) -> Attendance:
    membership = entry.membership
    is_deputy = entry.status == Attendance.Status.DEPUTY
    return Attendance(
        meeting=meeting,
        membership=membership,
        name=membership.person.full_name,
        job_title=membership.post,
        partner_id=membership.partner_id,
        represents="" if membership.partner_id else membership.get_role_display(),
        attendee_role=Attendance.AttendeeRole.MEMBER,
        status=entry.status,
        deputy_name=entry.deputy_name if is_deputy else "",
        deputy_job_title=entry.deputy_job_title if is_deputy else "",
    )


def other_attendance(other: OtherAttendee, meeting: Meeting) -> Attendance:
    return Attendance(
        meeting=meeting,
        membership=None,
        name=other.name,
        job_title=other.job_title,
        partner=other.partner,
        represents="" if other.partner else (other.represents or Attendance.AttendeeRole(other.attendee_role).label),
        attendee_role=other.attendee_role,
        status=Attendance.Status.PRESENT,
    )


def attendance_record(
    *, meeting: Meeting, entries: list[MemberEntry], others: list[OtherAttendee], version: int, by
) -> Meeting:
    """Replace the meeting's attendance with ``entries`` (members) and ``others``, in one transaction.

    ``version`` is the meeting's version when the form was opened; if anyone saved since, nothing
    is written and ``AttendanceConflict`` is raised. Recording attendance marks a scheduled meeting
    held. A fixed number of queries whatever the number of rows.
    """
    with transaction.atomic():
        changes = {"status": Meeting.Status.HELD} if meeting.status == Meeting.Status.SCHEDULED else {}
        versioned_update(Meeting.objects.filter(pk=meeting.pk), version=version, conflict=AttendanceConflict, **changes)
        Attendance.objects.filter(meeting=meeting).delete()
        Attendance.objects.bulk_create(
            [member_attendance(entry, meeting) for entry in entries]
            + [other_attendance(other, meeting) for other in others]
        )
    meeting.refresh_from_db(fields=["version", "status"])
    return meeting
