"""Writes for meetings and attendance."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from meetings.models import (
    AgendaItem,
    Attendance,
    BoardPack,
    Decision,
    Declaration,
    Meeting,
    Membership,
    Minutes,
    MinutesFrozen,
    Paper,
)
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
        before, calendar = {}, {}
        if meeting.pk is not None:
            before = Meeting.objects.filter(pk=meeting.pk).values("agenda", "minutes").first() or {}
            calendar = (
                Meeting.objects.filter(pk=meeting.pk)
                .values("held_on", "starts_at", "venue", "status", "invitations_sent_at", "calendar_sequence")
                .first()
                or {}
            )
            versioned_update(Meeting.objects.filter(pk=meeting.pk), version=version, conflict=MeetingConflict)
            meeting.version = version + 1
        resend = _calendar_changed(calendar, meeting)
        if resend:
            meeting.calendar_sequence = calendar["calendar_sequence"] + 1
        if meeting.pk is None:
            insert_unique(meeting)  # another meeting of the group that day, saved a moment ago: a form error
        else:
            meeting.save()
        if resend:
            invitations_queue(meeting=meeting)
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


# --- agenda items, papers, the board pack and its publication ------------------------------------------
class AgendaProblem(Exception):
    """A change to the agenda that cannot be made; the message says why."""


def _papers_changed(meeting: Meeting, by) -> None:
    """The agenda or a paper changed: compile the pack again (a job, after the commit)."""
    from meetings.tasks import pack_compile_start

    if AgendaItem.objects.filter(meeting=meeting).exists():
        pack_compile_start(meeting=meeting, by=by)


def agenda_changed(*, meeting: Meeting, by) -> None:
    """An item was changed outside the services above (the back office): compile the pack again."""
    _papers_changed(meeting, by)


class AgendaItemConflict(EditConflict):
    default_message = "Someone else saved this agenda item while you were editing. Here is what they saved."


def agenda_item_save(*, item: AgendaItem, by, version: int | None = None) -> AgendaItem:
    """Add an item (numbered after the last) or save one (``version`` as the form was opened: a save
    by someone else since raises ``AgendaItemConflict``); the pack is compiled again."""
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=item.meeting_id).first()
        if item.pk is None:
            last = AgendaItem.objects.filter(meeting_id=item.meeting_id).order_by("-position").first()
            item.position = (last.position + 1) if last else 1
            item.full_clean()
            item.save()
        else:
            item.full_clean()
            versioned_update(
                AgendaItem.objects.filter(pk=item.pk),
                version=version,
                conflict=AgendaItemConflict,
                title=item.title,
                presenter_id=item.presenter_id,
                presenter_agency_id=item.presenter_agency_id,
                purpose=item.purpose,
                minutes_allowed=item.minutes_allowed,
            )
            item.version = version + 1
        _papers_changed(item.meeting, by)
    return item


def agenda_item_move(*, item: AgendaItem, direction: str, by, from_position: int | None = None) -> bool:
    """Swap the item with the one above ("up") or below ("down"); False when it is already first or
    last, or no longer at ``from_position`` (the page it was moved from is out of date: a repeated
    submit moves nothing)."""
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=item.meeting_id).first()
        item = AgendaItem.objects.get(pk=item.pk)
        if from_position is not None and item.position != from_position:
            return False
        siblings = AgendaItem.objects.filter(meeting_id=item.meeting_id)
        if direction == "up":
            other = siblings.filter(position__lt=item.position).order_by("-position").first()
        else:
            other = siblings.filter(position__gt=item.position).order_by("position").first()
        if other is None:
            return False
        mine, theirs = item.position, other.position
        # through a free number, so the unique (meeting, position) holds at every step
        AgendaItem.objects.filter(pk=item.pk).update(position=0)
        AgendaItem.objects.filter(pk=other.pk).update(position=mine)
        AgendaItem.objects.filter(pk=item.pk).update(position=theirs)
        _papers_changed(item.meeting, by)
    return True


def agenda_item_delete(*, item: AgendaItem, by) -> None:
    """Remove an item and its papers (their files once committed); the items after it move up."""
    with transaction.atomic():
        meeting = item.meeting
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        names = list(Paper.objects.filter(agenda_item=item).values_list("file", flat=True))
        item.delete()
        for position, pk in enumerate(
            AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("pk", flat=True), start=1
        ):
            AgendaItem.objects.filter(pk=pk).exclude(position=position).update(position=position)
        _delete_files_on_commit(names)
        if AgendaItem.objects.filter(meeting=meeting).exists():
            _papers_changed(meeting, by)
        else:
            BoardPack.objects.filter(meeting=meeting).delete()


def _delete_files_on_commit(names: list[str]) -> None:
    storage = Paper._meta.get_field("file").storage
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def paper_save(*, paper: Paper, by, replaced_file: str = "") -> Paper:
    """Add a paper or replace its file or title; the old file goes once committed and the pack is
    compiled again."""
    with transaction.atomic():
        paper.save()
        if replaced_file and replaced_file != paper.file.name:
            _delete_files_on_commit([replaced_file])
        _papers_changed(paper.agenda_item.meeting, by)
    return paper


def paper_delete(*, paper: Paper, by) -> None:
    with transaction.atomic():
        meeting = paper.agenda_item.meeting
        name = paper.file.name
        paper.delete()
        _delete_files_on_commit([name])
        _papers_changed(meeting, by)


def pack_members(*, meeting: Meeting) -> list[str]:
    """The addresses of the group's members expected at the meeting (their portal account's, else
    the one recorded for them)."""
    from meetings.selectors import expected_memberships

    addresses = []
    for membership in expected_memberships(meeting=meeting).select_related("person__user"):
        person = membership.person
        user = getattr(person, "user", None)
        address = user.email if user is not None and user.is_active else person.email
        if address:
            addresses.append(address)
    return list(dict.fromkeys(addresses))


def papers_publish(*, meeting: Meeting, by) -> int:
    """Publish the meeting's papers: members may see them from now on, and each expected member is
    e-mailed a link (queued in this transaction). Needs a pack compiled from the papers as they are.
    Returns the number of members e-mailed."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import timezone

    from meetings.packs import pack_is_current
    from wscb.mail.services import email_queue

    if meeting.status == Meeting.Status.CANCELLED:
        raise AgendaProblem("The meeting is cancelled: its papers cannot be published.")
    if not pack_is_current(meeting):
        raise AgendaProblem("Compile the board pack from the current papers first, then publish it.")
    with transaction.atomic():
        updated = Meeting.objects.filter(pk=meeting.pk, papers_published_at__isnull=True).update(
            papers_published_at=timezone.now(), papers_published_by=by
        )
        if not updated:
            raise AgendaProblem("The papers were already published.")
        meeting.refresh_from_db(fields=["papers_published_at", "papers_published_by"])
        link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("meetings:meeting-detail", args=[meeting.pk])
        pack_link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("meetings:pack-download", args=[meeting.pk])
        recipients = pack_members(meeting=meeting)
        when = f"{meeting.held_on:%d/%m/%Y}" + (f" at {meeting.starts_at:%H:%M}" if meeting.starts_at else "")
        body = (
            f"The papers for {meeting.group.name} on {when}"
            + (f" ({meeting.venue})" if meeting.venue else "")
            + f" are published.\n\nThe board pack (agenda and papers in one PDF):\n{pack_link}\n\n"
            f"The meeting's page, with each paper:\n{link}\n\nSign in to the portal to open them."
        )
        for address in recipients:
            email_queue(
                kind="meetings.papers",
                to=[address],
                subject=f"Papers for {meeting.group.name}, {meeting.held_on:%d/%m/%Y}",
                body=body,
                board=meeting.group.board,
                key=f"meetings.papers:{meeting.pk}:{address.lower()}",
            )
    return len(recipients)


# --- minutes, decisions and declarations -----------------------------------------------------------
class MinutesConflict(EditConflict):
    default_message = "Someone else saved these minutes while you were editing. Here is what they saved."


def latest_minutes(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).order_by("-number").first()


def minutes_open(meeting: Meeting) -> bool:
    """Decisions and declarations may change until the minutes are approved (and again in a correction)."""
    latest = latest_minutes(meeting)
    return latest is None or not latest.is_approved


def _refuse_when_frozen(meeting: Meeting) -> None:
    if not minutes_open(meeting):
        raise MinutesFrozen(
            "The minutes of this meeting are approved: record a correction of the minutes first, then change this."
        )


def decision_save(*, decision: Decision, by) -> Decision:
    with transaction.atomic():
        _refuse_when_frozen(decision.agenda_item.meeting)
        decision.full_clean()
        decision.save()
    return decision


def declaration_save(*, declaration: Declaration, by) -> Declaration:
    with transaction.atomic():
        _refuse_when_frozen(declaration.agenda_item.meeting)
        if declaration.attendance.meeting_id != declaration.agenda_item.meeting_id:
            raise AgendaProblem("Only someone at this meeting can declare an interest in its items.")
        declaration.full_clean()
        declaration.save()
    return declaration


def decision_delete(*, decision: Decision, by) -> None:
    with transaction.atomic():
        _refuse_when_frozen(decision.agenda_item.meeting)
        decision.delete()


def declaration_delete(*, declaration: Declaration, by) -> None:
    with transaction.atomic():
        _refuse_when_frozen(declaration.agenda_item.meeting)
        declaration.delete()


def minutes_draft_save(
    *, meeting: Meeting, opening: str, item_texts: dict, upload=None, by, version: int | None = None
) -> Minutes:
    """Start the meeting's first draft, or save the current draft (``version`` as the form was opened:
    a save by someone else meanwhile raises ``MinutesConflict``). Approved minutes are never changed
    here: ``MinutesFrozen``."""
    texts = {str(key): value for key, value in item_texts.items() if value.strip()}
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        latest = latest_minutes(meeting)
        if latest is not None and latest.is_approved:
            raise MinutesFrozen("These minutes are approved and cannot change; record a correction instead.")
        if latest is None:
            minutes = Minutes(meeting=meeting, number=1, created_by=by, opening=opening, item_texts=texts)
            if upload is not None:
                minutes.file, minutes.original_name = upload, upload.name[:255]
            minutes.save()
            return minutes
        changes = {"opening": opening, "item_texts": texts}
        old_file = latest.file.name
        if upload is not None:
            stored = Minutes._meta.get_field("file")
            name = stored.generate_filename(latest, upload.name)
            changes["file"] = stored.storage.save(name, upload)
            changes["original_name"] = upload.name[:255]
            if old_file:
                transaction.on_commit(lambda: stored.storage.delete(old_file))
        versioned_update(
            Minutes.objects.filter(pk=latest.pk, status=Minutes.Status.DRAFT),
            version=version,
            conflict=MinutesConflict,
            **changes,
        )
        latest.refresh_from_db()
        return latest


def minutes_record(meeting: Meeting, minutes: Minutes) -> dict:
    """What the minutes say: the opening, attendance, and per agenda item its minute, decisions and
    declarations of interest. Frozen into ``Minutes.record`` when approved."""
    attendances = list(meeting.attendances.order_by("name"))
    items = []
    for item in (
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related("decisions", "declarations__attendance")
        .order_by("position")
    ):
        items.append(
            {
                "number": item.position,
                "title": item.title,
                "text": minutes.item_texts.get(str(item.pk), ""),
                "decisions": [
                    {
                        "text": decision.text,
                        "date": decision.decided_on.isoformat(),
                        "votes": (
                            [decision.votes_for, decision.votes_against, decision.abstentions]
                            if decision.has_vote
                            else None
                        ),
                    }
                    for decision in item.decisions.all()
                ],
                "declarations": [
                    {"name": declaration.attendance.name, "interest": declaration.interest}
                    for declaration in item.declarations.all()
                ],
            }
        )
    return {
        "opening": minutes.opening,
        "present": [row.name for row in attendances if row.status in Attendance.ATTENDED],
        "apologies": [row.name for row in attendances if row.status == Attendance.Status.APOLOGIES],
        "items": items,
    }


def minutes_approve(*, minutes: Minutes, approved_on, at_meeting: Meeting | None, by) -> Minutes:
    """Approve a draft (at a later meeting of the group, or on a date with who recorded it): it is
    frozen with what it says now."""
    if at_meeting is not None and (
        at_meeting.group_id != minutes.meeting.group_id or at_meeting.held_on <= minutes.meeting.held_on
    ):
        raise AgendaProblem("Minutes are approved at a later meeting of the same group.")
    if approved_on < minutes.meeting.held_on:
        raise AgendaProblem("Minutes cannot be approved before the meeting was held.")
    with transaction.atomic():
        record = minutes_record(minutes.meeting, minutes)
        updated = Minutes.objects.filter(pk=minutes.pk, status=Minutes.Status.DRAFT).update(
            status=Minutes.Status.APPROVED,
            approved_on=approved_on,
            approved_at_meeting=at_meeting,
            approved_recorded_by=by,
            record=record,
            version=F("version") + 1,
        )
        if not updated:
            raise MinutesFrozen("These minutes were already approved.")
    minutes.refresh_from_db()
    return minutes


def minutes_correct(*, minutes: Minutes, reason: str, by) -> Minutes:
    """A correction of approved minutes: a new draft version (the texts copied) with its reason;
    the approved version stays as it was."""
    if not reason.strip():
        raise AgendaProblem("Give the reason for the correction.")
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=minutes.meeting_id).first()
        latest = latest_minutes(minutes.meeting)
        if latest.pk != minutes.pk or not latest.is_approved:
            raise AgendaProblem("Only the latest approved minutes can be corrected.")
        return Minutes.objects.create(
            meeting=minutes.meeting,
            number=latest.number + 1,
            opening=latest.opening,
            item_texts=latest.item_texts,
            correction_reason=reason.strip(),
            created_by=by,
        )


# --- actions: progress by their owners, reminders ---------------------------------------------------
class ActionConflict(EditConflict):
    default_message = "Someone else updated this action while you were editing. Here is what they saved."


def action_progress_update(*, action, status: str, progress: str, version: int, by):
    """The owner (or business support) sets the status and progress; a save by someone else since the
    form was opened raises ``ActionConflict``."""
    from django.utils import timezone

    from meetings.models import Action

    with transaction.atomic():
        versioned_update(
            Action.objects.filter(pk=action.pk),
            version=version,
            conflict=ActionConflict,
            status=status,
            progress=progress,
            progress_updated_at=timezone.now(),
            progress_updated_by=by,
        )
    action.refresh_from_db()
    return action


# --- calendar invitations ------------------------------------------------------------------------------
def _calendar_changed(before: dict, meeting: Meeting) -> bool:
    """Whether members already invited must be sent an update (or a cancellation)."""
    if not before or not before.get("invitations_sent_at"):
        return False
    if before["status"] == Meeting.Status.CANCELLED:
        return False  # already cancelled: nothing more to tell
    moved = any(before[name] != getattr(meeting, name) for name in ("held_on", "starts_at", "venue"))
    return moved or meeting.status == Meeting.Status.CANCELLED


def invitations_queue(*, meeting: Meeting) -> int:
    """Queue the meeting's invitation (its current SEQUENCE; a cancellation if it is cancelled) to
    each expected member, with the ``.ics`` attached. Returns how many were queued."""
    from django.conf import settings
    from django.urls import reverse

    from meetings.calendar import invitation_ics
    from wscb.mail.services import Attachment, email_queue

    recipients = pack_members(meeting=meeting)
    cancelled = meeting.status == Meeting.Status.CANCELLED
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("meetings:meeting-detail", args=[meeting.pk])
    when = f"{meeting.held_on:%d/%m/%Y}" + (f" at {meeting.starts_at:%H:%M}" if meeting.starts_at else "")
    if cancelled:
        subject = f"Cancelled: {meeting.group.name}, {meeting.held_on:%d/%m/%Y}"
        body = f"The meeting of {meeting.group.name} on {when} is cancelled.\n\n{link}"
    else:
        updated = meeting.calendar_sequence > 0
        subject = f"{'Updated invitation' if updated else 'Invitation'}: {meeting.group.name}, {when}"
        body = (
            f"{'The meeting has changed. ' if updated else ''}{meeting.group.name} meets on {when}"
            + (f", {meeting.venue}" if meeting.venue else "")
            + f".\n\nThe calendar invitation is attached. The agenda and papers will be on the meeting's page:\n{link}"
        )
    ics = invitation_ics(meeting, attendees=recipients)
    method = "CANCEL" if cancelled else "REQUEST"
    for address in recipients:
        email_queue(
            kind="meetings.invitation",
            to=[address],
            subject=subject,
            body=body,
            board=meeting.group.board,
            key=f"meetings.invitation:{meeting.pk}:{meeting.calendar_sequence}:{address.lower()}",
            attachments=[
                Attachment("invitation.ics", ics.encode("utf-8"), f"text/calendar; method={method}; charset=utf-8")
            ],
        )
    return len(recipients)


def invitations_send(*, meeting: Meeting, by) -> int:
    """Send the first invitations (later changes send updates by themselves, from ``meeting_save``)."""
    from django.utils import timezone

    if meeting.status == Meeting.Status.CANCELLED:
        raise AgendaProblem("The meeting is cancelled: no invitations are sent.")
    with transaction.atomic():
        if not Meeting.objects.filter(pk=meeting.pk, invitations_sent_at__isnull=True).update(
            invitations_sent_at=timezone.now()
        ):
            raise AgendaProblem("The invitations were already sent; changes to the meeting send updates.")
        meeting.refresh_from_db()
        return invitations_queue(meeting=meeting)
