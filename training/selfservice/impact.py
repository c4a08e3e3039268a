"""The follow-up impact questionnaire of courses that report their impact (``Course.impact_follow_up_weeks``,
the commissioned ones): the daily job sends it to each learner who attended, that many weeks after the
session, once (``Booking.impact_invited_at``); the learner answers it from their booking (once). The
answers feed the annual report's impact table (``training.reporting``), counted from these records."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from training.models import Booking, ImpactResponse
from training.selfservice.links import absolute
from wscb.mail.services import email_queue

#: A questionnaire not sent within this long of its due day (the job was not running) is not sent late.
SEND_WITHIN = timedelta(days=30)


def can_answer_impact(booking: Booking) -> bool:
    """The learner was sent the questionnaire and has not answered it yet."""
    return (
        booking.status == Booking.Status.ATTENDED
        and booking.impact_invited_at is not None
        and not hasattr(booking, "impact_response")
    )


def impact_submit(*, booking: Booking, practice_change: int, example: str) -> ImpactResponse:
    """Record the learner's answer (once)."""
    if not can_answer_impact(booking):
        if hasattr(booking, "impact_response"):
            raise ValidationError("You have already answered the impact questionnaire for this course.")
        raise ValidationError("There is no impact questionnaire for this booking.")
    if practice_change not in range(1, 6):
        raise ValidationError("Choose how much the course changed your practice, from 1 to 5.")
    try:
        with transaction.atomic():
            return ImpactResponse.objects.create(
                booking=booking, practice_change=practice_change, example=example.strip()
            )
    except IntegrityError:
        raise ValidationError("You have already answered the impact questionnaire for this course.") from None


def impact_invitations_send(*, today: date | None = None) -> list[Booking]:
    """The daily job: send the impact questionnaire to every learner who attended a session of a course
    that asks for one, once its weeks have passed (up to ``SEND_WITHIN`` late); once per booking."""
    from wscb.scoping import scopes_disabled

    today = today or timezone.localdate()
    sent = []
    with scopes_disabled():
        candidates = (
            Booking.objects.filter(
                status=Booking.Status.ATTENDED,
                learner__isnull=False,
                impact_invited_at__isnull=True,
                session__course__impact_follow_up_weeks__isnull=False,
                session__starts_on__lt=today,
            )
            .exclude(email="")
            .select_related("session__course__board")
        )
        for candidate in candidates:
            course = candidate.session.course
            due_on = candidate.session.starts_on + timedelta(weeks=course.impact_follow_up_weeks)
            if not (due_on <= today < due_on + SEND_WITHIN):
                continue
            with transaction.atomic():
                booking = Booking.objects.select_for_update().get(pk=candidate.pk)
                if booking.impact_invited_at is not None:
                    continue
                booking.impact_invited_at = timezone.now()
                booking.save(update_fields=["impact_invited_at"])
                url = absolute(reverse("learning:impact", kwargs={"pk": booking.pk}))
                email_queue(
                    kind="training-impact",
                    board=course.board,
                    to=[booking.email],
                    subject=f"{course.title}: what has changed in your practice?",
                    body=(
                        f"Dear {booking.delegate_name},\n\n{course.impact_follow_up_weeks} weeks ago you attended "
                        f"{candidate.session}. {course.board.name} reports the difference its training makes: "
                        f"please tell us, in two questions, how it has changed your practice.\n\n{url}\n"
                    ),
                    key=f"training-impact:{booking.pk}",
                )
            sent.append(booking)
    return sent
