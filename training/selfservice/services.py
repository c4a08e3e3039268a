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
from wscb.mail.services import email_queue
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


def _booking_email(booking: Booking, *, kind: str, subject: str, body: str, key: str) -> None:
    email_queue(kind=kind, board=booking.session.course.board, to=[booking.email], subject=subject, body=body, key=key)


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
    """The booked learner's confirmation: the session, its joining instructions, the calendar file's
    link and the cancel link."""
    session = booking.session
    policy = training_services.training_policy(board=session.course.board)
    instructions = f"\nJoining instructions:\n{session.joining_instructions}\n" if session.joining_instructions else ""
    _booking_email(
        booking,
        kind="training-confirmation",
        subject=f"Booking confirmed: {session.course.title} on {session.starts_on:%d/%m/%Y}",
        body=(
            f"Dear {booking.delegate_name},\n\nYour place is booked:\n\n{_session_lines(session)}{instructions}\n"
            f"If you cannot attend, cancel as early as you can: {links.cancel_url(booking)}\n"
            f"Cancelling {policy.late_cancellation_days} {_days_word(policy)} or fewer before the session is "
            "late and may be charged to your organisation.\n"
        ),
        key=f"training-confirmation:{booking.pk}:{booking.status}",
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


def learner_book(*, learner: Learner, session: Session) -> Booking:
    """Book the learner on ``session``, or put them on its waiting list when it is full, and e-mail them
    which. Refused until their e-mail address is verified, and for a session already started."""
    if not learner.is_verified:
        raise ValidationError("Confirm your e-mail address (use the link we sent you) before you book.")
    if session.starts_on <= timezone.localdate():
        raise ValidationError("This session is no longer taking bookings.")
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
        if booking.status == Status.BOOKED:
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
    """Take up an offered place (from the e-mail link) and send the confirmation."""
    with transaction.atomic():
        booking = training_services.booking_accept_offer(booking=booking)
        booking_confirmation_send(booking=booking)
    return booking


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
