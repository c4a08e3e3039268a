"""Writes of training self-service: learners signing up and verifying their address, booking,
cancelling and taking up offered places, and the e-mails and reminders that go with them.

Every e-mail goes through the outbox (``wscb.mail.services.email_queue``) in the caller's transaction;
places are taken through ``training.services`` (the session row locked with ``select_for_update``), so a
learner booking the last place at the same moment as another either gets it or is put on the waiting
list and told so.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from partners.models import Board, Partner, User
from training import services as training_services
from training.models import Booking, Learner, Session, SignUpAttempt
from training.selfservice import links
from training.selfservice.calendar import session_ics
from wscb.mail.services import Attachment, email_queue
from wscb.roles import Role

Status = Booking.Status

#: Sign-up attempts allowed from one address in an hour, and for one e-mail address in a day.
SIGN_UPS_PER_ADDRESS_PER_HOUR = 5
SIGN_UPS_PER_EMAIL_PER_DAY = 3


class SignUpThrottled(Exception):
    """Too many sign-up attempts from one address or for one e-mail address."""


@dataclass(frozen=True)
class SignUp:
    full_name: str
    job_title: str
    email: str
    password: str
    partner: Partner | None = None
    organisation_name: str = ""
    manager_name: str = ""
    manager_email: str = ""


def sign_up_throttle(*, ip_address: str | None, email: str, now=None) -> None:
    """Count this attempt and raise ``SignUpThrottled`` when the address or the e-mail address has had
    too many recently. Attempts older than a day are forgotten."""
    now = now or timezone.now()
    SignUpAttempt.objects.filter(at__lt=now - timedelta(days=1)).delete()
    email = email.strip().lower()
    from_address = SignUpAttempt.objects.filter(ip_address=ip_address, at__gte=now - timedelta(hours=1)).count()
    for_email = SignUpAttempt.objects.filter(email=email, at__gte=now - timedelta(days=1)).count() if email else 0
    SignUpAttempt.objects.create(ip_address=ip_address, email=email)
    if (ip_address and from_address >= SIGN_UPS_PER_ADDRESS_PER_HOUR) or for_email >= SIGN_UPS_PER_EMAIL_PER_DAY:
        raise SignUpThrottled


def learner_sign_up(*, board: Board, sign_up: SignUp) -> Learner:
    """Make the learner's account (role learner, working for ``board``) and e-mail the link that verifies
    the address. The password must pass the same rules as everyone's (``AUTH_PASSWORD_VALIDATORS``)."""
    email = User.objects.normalize_email(sign_up.email.strip()).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "An account with this e-mail address already exists: sign in instead."})
    user = User(email=email, full_name=sign_up.full_name.strip(), job_title=sign_up.job_title.strip())
    user.role = Role.LEARNER
    validate_password(sign_up.password, user)
    with transaction.atomic():
        user.set_password(sign_up.password)
        user.full_clean(exclude=["password"])
        user.save()
        user.boards.set([board])
        learner = Learner(
            user=user,
            board=board,
            partner=sign_up.partner,
            organisation_name="" if sign_up.partner else sign_up.organisation_name.strip(),
            manager_name=sign_up.manager_name.strip(),
            manager_email=sign_up.manager_email.strip().lower(),
        )
        learner.full_clean(exclude=["user", "board"])
        learner.save()
        learner_verification_send(learner=learner)
    return learner


def learner_verification_send(*, learner: Learner) -> None:
    email_queue(
        kind="learner-verify",
        board=learner.board,
        to=[learner.user.email],
        subject=f"Confirm your e-mail address for {learner.board.short_name} training",
        body=(
            f"Dear {learner.user.full_name},\n\nTo confirm this is your work e-mail address, open this link "
            f"(it works for {links.VERIFY_LIFETIME.days} days):\n\n{links.verify_url(learner)}\n\n"
            "You can book training once your address is confirmed. If you did not sign up, ignore this e-mail.\n"
        ),
    )


def learner_verify(*, token: str) -> Learner | None:
    """Mark the learner's address verified from their link; None for a forged, expired or stale link
    (the address has changed since it was sent)."""
    found = links.verify_read(token)
    if found is None:
        return None
    pk, email = found
    learner = Learner.objects.select_related("user").filter(pk=pk, anonymised_at__isnull=True).first()
    if learner is None or learner.user.email != email:
        return None
    if learner.email_verified_at is None:
        learner.email_verified_at = timezone.now()
        learner.save(update_fields=["email_verified_at"])
    return learner


def _booking_email(booking: Booking, *, kind: str, subject: str, body: str, key: str, attachments=()) -> None:
    email_queue(
        kind=kind,
        board=booking.session.course.board,
        to=[booking.email],
        subject=subject,
        body=body,
        key=key,
        attachments=attachments,
    )


def session_calendar_file(session: Session) -> Attachment:
    """The session's calendar file, as the catalogue's ``.ics`` link gives it (the same event UID)."""
    from urllib.parse import urlsplit

    from django.conf import settings

    url = links.absolute(reverse("learning:session", kwargs=_session_kwargs(session)))
    host = urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"
    return Attachment(
        filename=f"training-session-{session.pk}.ics",
        content=session_ics(session, url=url, uid_host=host).encode(),
        content_type="text/calendar",
    )


def _session_lines(session: Session) -> str:
    times = ""
    if session.start_time:
        times = f", {session.start_time:%H:%M}" + (f" to {session.end_time:%H:%M}" if session.end_time else "")
    calendar = links.absolute(reverse("learning:session-ics", kwargs=_session_kwargs(session)))
    return (
        f"{session.course.title}\n{session.starts_on:%d/%m/%Y}{times}\n{session.where}\n\n"
        f"Add it to your calendar: {calendar}\n"
    )


def _session_kwargs(session: Session) -> dict:
    from wscb.boards import board_public_slug

    return {"board_slug": board_public_slug(session.course.board), "pk": session.pk}


def booking_confirmation_send(*, booking: Booking) -> None:
    """The booked learner's confirmation: the session, its joining instructions, the calendar file (sent
    with it, and its link) and the cancel link."""
    session = booking.session
    policy = training_services.training_policy(board=session.course.board)
    instructions = f"\nJoining instructions:\n{session.joining_instructions}\n" if session.joining_instructions else ""
    _booking_email(
        booking,
        kind="training-confirmation",
        subject=f"Booking confirmed: {session.course.title} on {session.starts_on:%d/%m/%Y}",
        body=(
            f"Dear {booking.delegate_name},\n\nYour place is booked:\n\n{_session_lines(session)}"
            "The calendar file (.ics) is attached: open it to add the session to your calendar.\n"
            f"{instructions}\n"
            f"If you cannot attend, cancel as early as you can: {links.cancel_url(booking)}\n"
            f"Cancelling {policy.late_cancellation_days} {_days_word(policy)} or fewer before the session is "
            "late and may be charged to your organisation.\n"
        ),
        key=f"training-confirmation:{booking.pk}:{booking.status}",
        attachments=[session_calendar_file(session)],
    )


def _days_word(policy) -> str:
    return "working days" if policy.late_cancellation_counts == policy.DaysCounted.WORKING else "days"


def _waiting_list_send(booking: Booking) -> None:
    session = booking.session
    _booking_email(
        booking,
        kind="training-waiting-list",
        subject=f"On the waiting list: {session.course.title} on {session.starts_on:%d/%m/%Y}",
        body=(
            f"Dear {booking.delegate_name},\n\nThe session is full, so you are on its waiting list:\n\n"
            f"{_session_lines(session)}\nIf a place comes free it is offered to the people waiting in the order "
            "they joined, by e-mail with a link to take it up.\n"
            f"To leave the waiting list: {links.cancel_url(booking)}\n"
        ),
        key=f"training-waiting:{booking.pk}",
    )


@dataclass(frozen=True)
class Manager:
    """The learner's manager, who approves their places on courses that need it."""

    name: str
    email: str


def _manager_keep(learner: Learner, manager: Manager | None) -> None:
    if manager is None or not manager.email.strip():
        return
    learner.manager_name = manager.name.strip()
    learner.manager_email = manager.email.strip().lower()
    learner.full_clean(exclude=["user", "board"])
    learner.save(update_fields=["manager_name", "manager_email"])


def learner_book(*, learner: Learner, session: Session, manager: Manager | None = None) -> Booking:
    """Book the learner on ``session``, or put them on its waiting list when it is full, and e-mail them
    which. Refused until their e-mail address is verified, and for a session already started. Where the
    course needs the manager's approval, the place waits for it (``approval_request``): the learner
    gives their manager's e-mail address (kept on their account) or has given it at sign-up."""
    if not learner.is_verified:
        raise ValidationError("Confirm your e-mail address (use the link we sent you) before you book.")
    if session.starts_on <= timezone.localdate():
        raise ValidationError("This session is no longer taking bookings.")
    needs_approval = session.course.requires_manager_approval
    if needs_approval:
        _manager_keep(learner, manager)
        if not learner.manager_email:
            raise ValidationError(
                "This course needs your manager's approval: give your manager's e-mail address to book."
            )
    user = learner.user
    delegate = training_services.Delegate(
        name=user.full_name,
        email=user.email,
        job_title=user.job_title,
        partner=learner.partner,
        organisation_name=learner.organisation_name,
    )
    with transaction.atomic():
        booking = training_services.booking_create(session=session, delegate=delegate, learner=learner)
        if needs_approval:
            booking.manager_email = learner.manager_email
            booking.save(update_fields=["manager_email"])
        if booking.status == Status.BOOKED and needs_approval:
            approval_request(booking=booking)
        elif booking.status == Status.BOOKED:
            booking_confirmation_send(booking=booking)
        else:
            _waiting_list_send(booking)
    return booking


def learner_cancel(*, booking: Booking, on: date | None = None) -> Booking:
    """Cancel the learner's booking or waiting-list place (late after the board's cut-off, counted and
    charged as the policy says); a freed place is offered to the first person waiting."""
    with transaction.atomic():
        training_services.booking_cancel(booking=booking, on=on)
        booking.refresh_from_db()
        session = booking.session
        late = (
            " As this is after the cut-off, it counts as a late cancellation." if booking.is_late_cancellation else ""
        )
        _booking_email(
            booking,
            kind="training-cancelled",
            subject=f"Cancelled: {session.course.title} on {session.starts_on:%d/%m/%Y}",
            body=f"Dear {booking.delegate_name},\n\nYour place on {session} is cancelled.{late}\n",
            key=f"training-cancelled:{booking.pk}",
        )
    return booking


def offer_accept(*, booking: Booking) -> Booking:
    """Take up an offered place (from the e-mail link) and send the confirmation; a learner's place on
    a course that needs the manager's approval waits for it instead."""
    with transaction.atomic():
        booking = training_services.booking_accept_offer(booking=booking)
        if _needs_approval(booking):
            approval_request(booking=booking)
        else:
            booking_confirmation_send(booking=booking)
    return booking


def _needs_approval(booking: Booking) -> bool:
    # Places booked by business support for a delegate (no learner account) need no approval.
    return booking.session.course.requires_manager_approval and booking.learner_id is not None


def approval_hours(booking: Booking) -> int:
    return training_services.training_policy(board=booking.session.course.board).approval_hours


def approval_deadline(booking: Booking):
    return booking.approval_requested_at + timedelta(hours=approval_hours(booking))


def approval_is_open(booking: Booking, requested_at: str, *, now=None) -> bool:
    """Whether the manager's link made at ``requested_at`` can still approve or decline ``booking``: it
    waits for that request and the board's hours for a manager to approve have not passed."""
    now = now or timezone.now()
    return (
        booking.status == Status.AWAITING_APPROVAL
        and booking.approval_requested_at is not None
        and booking.approval_requested_at.isoformat() == requested_at
        and approval_deadline(booking) > now
    )


def approval_request(*, booking: Booking) -> Booking:
    """Hold the learner's place for their manager's approval: e-mail the manager the signed link to the
    approve-or-decline page (no sign-in) and tell the learner their place waits for it."""
    booking.status = Status.AWAITING_APPROVAL
    booking.approval_requested_at = timezone.now()
    if not booking.manager_email and booking.learner_id:
        booking.manager_email = booking.learner.manager_email
    booking.save(update_fields=["status", "approval_requested_at", "manager_email"])
    session = booking.session
    until = timezone.localtime(approval_deadline(booking))
    learner = booking.learner
    organisation = learner.organisation if learner else booking.agency_name
    greeting = f"Dear {learner.manager_name}" if learner and learner.manager_name else "Hello"
    email_queue(
        kind="training-approval-request",
        board=session.course.board,
        to=[booking.manager_email],
        subject=f"Please approve: {booking.delegate_name} on {session.course.title}",
        body=(
            f"{greeting},\n\n{booking.delegate_name} ({booking.job_title or 'no job title given'}, {organisation}) "
            f"has booked a place on this course, which needs their manager's approval:\n\n"
            f"{_session_lines(session)}\nTo approve or decline, open this link (no sign-in needed) "
            f"by {until:%d/%m/%Y %H:%M}:\n\n{links.approval_url(booking)}\n\n"
            "If it is not approved by then, the place is released to others. If you are not their manager, "
            "decline it.\n"
        ),
        key=f"training-approval-request:{booking.pk}:{booking.approval_requested_at.isoformat()}",
    )
    _booking_email(
        booking,
        kind="training-approval-waiting",
        subject=f"Waiting for approval: {session.course.title} on {session.starts_on:%d/%m/%Y}",
        body=(
            f"Dear {booking.delegate_name},\n\nYour place is held while we ask your manager "
            f"({booking.manager_email}) to approve it:\n\n{_session_lines(session)}\n"
            f"If it is not approved by {until:%d/%m/%Y %H:%M}, the place is released. We will e-mail you "
            "the answer.\n"
            f"To cancel: {links.cancel_url(booking)}\n"
        ),
        key=f"training-approval-waiting:{booking.pk}:{booking.approval_requested_at.isoformat()}",
    )
    return booking


def approval_decide(*, booking: Booking, approve: bool) -> Booking:
    """The manager's answer from the link: an approved place is booked (the learner gets the
    confirmation); a declined one is released and offered to the first person waiting, and the learner
    is told."""
    with transaction.atomic():
        session = Session.objects.select_for_update().select_related("course__board").get(pk=booking.session_id)
        booking = Booking.objects.select_for_update().select_related("session__course__board").get(pk=booking.pk)
        if booking.status != Status.AWAITING_APPROVAL:
            raise ValidationError("This place is no longer waiting for approval.")
        booking.status = Status.BOOKED if approve else Status.DECLINED
        booking.save(update_fields=["status"])
        if approve:
            booking_confirmation_send(booking=booking)
        else:
            _approval_outcome_send(booking, "was not approved by your manager")
            training_services.freed_place_offer(session=session)
    return booking


def _approval_outcome_send(booking: Booking, what: str) -> None:
    session = booking.session
    _booking_email(
        booking,
        kind="training-approval-outcome",
        subject=f"Not booked: {session.course.title} on {session.starts_on:%d/%m/%Y}",
        body=(
            f"Dear {booking.delegate_name},\n\nYour place on {session} {what}, so it is released and you are "
            "not booked. Please speak to your manager if you still need this training.\n"
        ),
        key=f"training-approval-outcome:{booking.pk}",
    )


def approvals_expire(*, now=None) -> list[Booking]:
    """Every schedule run: places waiting for a manager's approval past the board's ``approval_hours``
    are released (APPROVAL_EXPIRED), the learner is told, and the place is offered to the next person
    waiting. Runs for every board."""
    from wscb.scoping import scopes_disabled

    now = now or timezone.now()
    lapsed = []
    with scopes_disabled():
        waiting = Booking.objects.filter(
            status=Status.AWAITING_APPROVAL, approval_requested_at__isnull=False
        ).select_related("session__course__board")
        for candidate in waiting:
            if approval_deadline(candidate) > now:
                continue
            with transaction.atomic():
                session = Session.objects.select_for_update().select_related("course").get(pk=candidate.session_id)
                booking = (
                    Booking.objects.select_for_update().select_related("session__course__board").get(pk=candidate.pk)
                )
                if booking.status != Status.AWAITING_APPROVAL:
                    continue  # answered meanwhile
                booking.status = Status.APPROVAL_EXPIRED
                booking.save(update_fields=["status"])
                _approval_outcome_send(booking, "was not approved in time")
                training_services.freed_place_offer(session=session)
                lapsed.append(booking)
    return lapsed


def reminders_send(*, today: date | None = None) -> list[Booking]:
    """Remind every booked learner whose session is within their board's ``reminder_days`` and not yet
    reminded (the outbox key makes it once per booking, so a missed day catches up)."""
    from wscb.scoping import scopes_disabled

    today = today or timezone.localdate()
    sent = []
    with scopes_disabled():
        bookings = (
            Booking.objects.filter(
                status=Status.BOOKED,
                session__status=Session.Status.SCHEDULED,
                session__starts_on__gt=today,
                session__starts_on__lte=today + timedelta(days=60),
            )
            .exclude(email="")
            .select_related("session__course__board")
        )
        for booking in bookings:
            policy = training_services.training_policy(board=booking.session.course.board)
            if booking.session.starts_on - today > timedelta(days=policy.reminder_days):
                continue
            session = booking.session
            _booking_email(
                booking,
                kind="training-reminder",
                subject=f"Reminder: {session.course.title} on {session.starts_on:%d/%m/%Y}",
                body=(
                    f"Dear {booking.delegate_name},\n\nA reminder of your training:\n\n{_session_lines(session)}"
                    + (
                        f"\nJoining instructions:\n{session.joining_instructions}\n"
                        if session.joining_instructions
                        else ""
                    )
                    + f"\nIf you can no longer attend, cancel now: {links.cancel_url(booking)}\n"
                ),
                key=f"training-reminder:{booking.pk}",
            )
            sent.append(booking)
    return sent
