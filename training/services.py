"""Writes for training: sessions, bookings and the waiting list, attendance.

Booking and cancelling lock the session row (``select_for_update``) so that two people taking the
last place at once cannot both get it: the second waits for the first transaction, then counts
the places again and goes on the waiting list.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from partners.models import Board, Partner
from training.models import Booking, Session, TrainingPolicy
from wscb.audit.models import AuditAction, AuditChannel
from wscb.audit.services import audit_record
from wscb.data.import_jobs import ImportProgress, import_job_upload
from wscb.data.imports import ImportRejected, read_upload
from wscb.data.versions import EditConflict, versioned_update
from wscb.jobs.services import JobError, job_complete, job_progress
from wscb.mail.services import email_queue

Status = Booking.Status


class SessionConflict(EditConflict):
    """Someone else changed the session since the form was opened."""

    default_message = "Someone else has changed this session since you opened the page."


@dataclass(frozen=True)
class Delegate:
    name: str
    email: str = ""
    job_title: str = ""
    partner: Partner | None = None
    organisation_name: str = ""


def training_policy(*, board: Board) -> TrainingPolicy:
    """The board's training policy, or one with the defaults (not saved) when it has none yet."""
    return TrainingPolicy.objects.filter(board=board).first() or TrainingPolicy(board=board)


def late_cancellation_days(*, board: Board) -> int:
    return training_policy(board=board).late_cancellation_days


def is_late_cancellation(*, session: Session, on: date) -> bool:
    """Whether cancelling a place on ``session`` on ``on`` is late by the board's cut-off
    (``TrainingPolicy.cancellation_is_late``)."""
    return training_policy(board=session.course.board).cancellation_is_late(starts_on=session.starts_on, on=on)


def _places_taken(session: Session) -> int:
    return session.bookings.filter(status__in=Booking.HOLDS_PLACE).count()


def _has_free_place(session: Session) -> bool:
    # A session whose places were not recorded takes every booking.
    return session.places_available is None or _places_taken(session) < session.places_available


def _add_booking(session: Session, delegate: Delegate, learner=None) -> Booking:
    email = delegate.email.strip()
    active = session.bookings.exclude(status__in=Booking.ENDED)
    if email and active.filter(email__iexact=email).exists():
        # A second submit of the same form, or a delegate booked twice: keep the first booking.
        raise ValidationError(f"{email} is already booked on this session.")
    booking = Booking(
        session=session,
        learner=learner,
        delegate_name=delegate.name.strip(),
        email=delegate.email.strip(),
        job_title=delegate.job_title.strip(),
        partner=delegate.partner,
        organisation_name="" if delegate.partner else delegate.organisation_name.strip(),
        status=Status.BOOKED if _has_free_place(session) else Status.WAITING,
    )
    booking.full_clean(exclude=["session"])
    booking.save()
    return booking


def _lock_bookable(session_id: int) -> Session:
    session = Session.objects.select_for_update().get(pk=session_id)
    if session.status != Session.Status.SCHEDULED:
        raise ValidationError("Only a scheduled session takes bookings.")
    return session


def booking_create(*, session: Session, delegate: Delegate, learner=None) -> Booking:
    """Book a delegate on ``session``; when it is full they go on its waiting list (status WAITING).
    ``learner``: the learner's account when they book themselves (``training.selfservice``)."""
    with transaction.atomic():
        locked = _lock_bookable(session.pk)
        return _add_booking(locked, delegate, learner)


def team_booking_create(*, session: Session, delegates: list[Delegate]) -> list[Booking]:
    """Book several delegates at once, in order: places first, then the waiting list. All or none."""
    with transaction.atomic():
        locked = _lock_bookable(session.pk)
        return [_add_booking(locked, delegate) for delegate in delegates]


def _offer_next_place(session: Session) -> Booking | None:
    if session.status != Session.Status.SCHEDULED or not _has_free_place(session):
        return None
    waiting = session.bookings.filter(status=Status.WAITING).order_by("booked_at", "pk").first()
    if waiting is None:
        return None
    waiting.status = Status.OFFERED
    waiting.offered_at = timezone.now()
    waiting.save(update_fields=["status", "offered_at"])
    if waiting.email:
        # Queued with the offer (sent by a worker once this transaction commits, retried if the mail
        # server refuses): a cancellation never fails or waits because of e-mail.
        from training.selfservice.links import offer_accept_url

        hours = training_policy(board=session.course.board).offer_hours
        until = timezone.localtime(waiting.offered_at + timedelta(hours=hours))
        email_queue(
            kind="waiting-list-offer",
            board=session.course.board,
            to=[waiting.email],
            subject=f"A place on {session.course.title} is available",
            body=(
                f"Dear {waiting.delegate_name},\n\nA place has come free on {session}. "
                f"It is held for you until {until:%d/%m/%Y %H:%M}. To take it, open this link:\n\n"
                f"{offer_accept_url(waiting)}\n\n"
                "If you do not take it by then, it is offered to the next person on the waiting list.\n"
            ),
            key=f"waiting-list-offer:{waiting.pk}:{waiting.offered_at.isoformat()}",
        )
    return waiting


def freed_place_offer(*, session: Session) -> Booking | None:
    """Offer a place freed on ``session`` (locked by the caller) to the first person waiting."""
    return _offer_next_place(session)


def offers_expire(*, now=None) -> list[Booking]:
    """Every schedule run: offers of freed places not taken up within the board's ``offer_hours``
    lapse (OFFER_EXPIRED) and the place is offered to the next person waiting. Returns the lapsed
    offers. Runs for every board (each offer's own board's policy decides its expiry)."""
    from wscb.scoping import scopes_disabled

    now = now or timezone.now()
    lapsed = []
    with scopes_disabled():
        offered = Booking.objects.filter(status=Status.OFFERED, offered_at__isnull=False).select_related(
            "session__course__board"
        )
        for candidate in offered:
            hours = training_policy(board=candidate.session.course.board).offer_hours
            if candidate.offered_at + timedelta(hours=hours) > now:
                continue
            with transaction.atomic():
                session = Session.objects.select_for_update().select_related("course").get(pk=candidate.session_id)
                booking = Booking.objects.select_for_update().get(pk=candidate.pk)
                if booking.status != Status.OFFERED or booking.offered_at != candidate.offered_at:
                    continue  # accepted or changed meanwhile
                booking.status = Status.OFFER_EXPIRED
                booking.save(update_fields=["status"])
                lapsed.append(booking)
                _offer_next_place(session)
    return lapsed


def booking_cancel(*, booking: Booking, on: date | None = None, reason: str = "") -> Booking | None:
    """Cancel a booking (late if within the board's late-cancellation days of the session) and offer
    the freed place to the first person waiting. Returns the booking that was offered the place."""
    on = on or timezone.localdate()
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("course").get(pk=booking.session_id)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if not booking.is_cancellable:
            raise ValidationError("This booking can no longer be cancelled.")
        held_place = booking.status in Booking.HOLDS_PLACE
        booking.is_late_cancellation = held_place and is_late_cancellation(session=session, on=on)
        booking.status = Status.CANCELLED
        booking.cancelled_on = on
        booking.cancellation_reason = reason.strip()
        booking.save(update_fields=["status", "cancelled_on", "cancellation_reason", "is_late_cancellation"])
        return _offer_next_place(session) if held_place else None


def booking_accept_offer(*, booking: Booking) -> Booking:
    """The delegate offered a freed place takes it."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != Status.OFFERED:
            raise ValidationError("Only an offered place can be accepted.")
        booking.status = Status.BOOKED
        booking.save(update_fields=["status"])
        return booking


#: What the attendance page may set a booking to.
ATTENDANCE_CHOICES = (Status.ATTENDED, Status.DID_NOT_ATTEND, Status.CANCELLED)


def attendance_record(*, session: Session, outcomes: dict[int, str], version: int) -> Session:
    """Mark a whole session's attendance at once and mark the session delivered.

    ``outcomes`` maps booking ids (of this session, holding a place) to attended, did not attend or
    cancelled (a cancellation recorded on the day is late). ``version`` is the session's version
    when the page was opened; a different one means someone else marked it meanwhile.
    """
    with transaction.atomic():
        not_cancelled = Session.objects.filter(pk=session.pk).exclude(status=Session.Status.CANCELLED)
        versioned_update(not_cancelled, version=version, conflict=SessionConflict, status=Session.Status.DELIVERED)
        bookings = {b.pk: b for b in session.bookings.select_for_update().filter(status__in=Booking.HOLDS_PLACE)}
        unknown = set(outcomes) - set(bookings)
        if unknown or any(value not in ATTENDANCE_CHOICES for value in outcomes.values()):
            raise ValidationError("Record attendance only for this session's booked delegates.")
        for pk, value in outcomes.items():
            booking = bookings[pk]
            booking.status = value
            if value == Status.CANCELLED:
                booking.cancelled_on = session.starts_on
                booking.is_late_cancellation = True
            booking.save(update_fields=["status", "cancelled_on", "is_late_cancellation"])
        session.refresh_from_db()
        return session


def session_cancel(*, session: Session, reason: str, on: date, version: int) -> Session:
    """Cancel a session with its reason. Its bookings stay as they were (the delegates are told)."""
    if reason not in Session.CancellationReason.values:
        raise ValidationError("Choose a reason for the cancellation.")
    with transaction.atomic():
        versioned_update(
            Session.objects.filter(pk=session.pk, status=Session.Status.SCHEDULED),
            version=version,
            conflict=SessionConflict,
            status=Session.Status.CANCELLED,
            cancellation_reason=reason,
            cancelled_on=on,
        )
        session.refresh_from_db()
        return session


@dataclass(frozen=True)
class ImportOutcome:
    imported: int
    errors: list[tuple[int, str]]  # (row number in the file, counting the heading as row 1; message)


COLUMN_NAMES = {
    "learner_name": "Learner",
    "partner": "Agency",
    "module": "Module",
    "allocated_on": "Allocated date",
    "completed_on": "Completed date",
}


def elearning_import(*, board: Board, dataset, progress=None) -> ImportOutcome:
    """Import the provider's export all-or-nothing: if any row is wrong nothing is saved and every
    wrong row is listed with its messages. ``progress`` (``wscb.data.import_jobs.ImportProgress``)
    is told the rows checked and written when a job runs it."""
    from training.resources import ELearningEnrolmentResource

    resource = ELearningEnrolmentResource(board=board)
    resource.progress = progress
    try:
        result = resource.import_data(
            dataset, dry_run=False, raise_errors=False, use_transactions=True, rollback_on_validation_errors=True
        )
    except ValueError as error:
        return ImportOutcome(0, [(1, str(error))])
    errors = [(1, str(error.error)) for error in result.base_errors]
    for number, row_errors in result.row_errors():
        errors.extend((number + 1, str(error.error)) for error in row_errors)
    for invalid in result.invalid_rows:
        messages = [
            f"{COLUMN_NAMES.get(name, name)}: {' '.join(texts)}"
            for name, texts in invalid.field_specific_errors.items()
        ]
        messages += list(invalid.non_field_specific_errors)
        errors.append((invalid.number + 1, " ".join(messages)))
    if errors:
        return ImportOutcome(0, sorted(errors))
    return ImportOutcome(result.totals["new"], [])


ELEARNING_REQUIRED = ["Learner", "Module", "Allocated date"]
ELEARNING_OPTIONAL = ["Agency", "Completed date"]


def elearning_import_job(*, job) -> ImportOutcome:
    """The import job's work: the stored file, read and checked as in the request, then imported in
    one transaction with "done" (so a retry after a crash never imports it twice); every wrong row
    fails the job with nothing written."""
    job_progress(job, step="Reading the file")
    try:
        dataset = read_upload(
            import_job_upload(job),
            required=ELEARNING_REQUIRED,
            optional=ELEARNING_OPTIONAL,
            max_rows=settings.IMPORT_JOB_MAX_ROWS,
        )
    except ImportRejected as problem:
        raise JobError(str(problem)) from None
    problems = [(number, str(found)) for number, issues in sorted(dataset.row_problems.items()) for found in issues]
    if problems:
        raise JobError(f"Nothing was imported: {len(problems)} problem(s) in the file.", rows=problems)
    progress = ImportProgress(job, total=len(dataset))
    with transaction.atomic():
        outcome = elearning_import(board=job.board, dataset=dataset, progress=progress)
        if outcome.errors:
            raise JobError(
                f"Nothing was imported: {len(outcome.errors)} row(s) could not be imported.", rows=outcome.errors
            )
        audit_record(
            user=job.started_by,
            action=AuditAction.IMPORTED,
            detail=f"e-learning enrolments: {outcome.imported} new",
            channel=AuditChannel.JOB,
        )
        job_complete(
            job,
            result_url=reverse("training:summary"),
            result_label="See the training summary",
            step=f"{outcome.imported:,} e-learning licences imported",
        )
    return outcome
