"""After the course: the evaluation form (before/after ratings on the course's learning outcomes, free
text) that learners who attended are invited to by e-mail, the certificate it releases (a PDF laid out
by WeasyPrint), and the results per course for business support."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from training.models import Booking, Course, Evaluation
from training.selfservice.links import absolute
from wscb.mail.services import email_queue

RATINGS = range(1, 6)
#: How far back the daily job looks for attended sessions still to be evaluated.
INVITE_WITHIN = timedelta(days=60)


def can_evaluate(booking: Booking) -> bool:
    return booking.status == Booking.Status.ATTENDED and not hasattr(booking, "evaluation")


def evaluation_submit(*, booking: Booking, ratings: list[dict], comments: str) -> Evaluation:
    """Record the learner's evaluation of a session they attended (once): ``ratings`` has one
    ``{"outcome", "before", "after"}`` per learning outcome of the course, each rating 1-5."""
    if booking.status != Booking.Status.ATTENDED:
        raise ValidationError("Only a course you attended can be evaluated.")
    outcomes = booking.session.course.outcomes
    if [rating.get("outcome") for rating in ratings] != outcomes or any(
        rating.get(key) not in RATINGS for rating in ratings for key in ("before", "after")
    ):
        raise ValidationError("Rate each learning outcome from 1 to 5, before and after the course.")
    try:
        with transaction.atomic():
            return Evaluation.objects.create(
                booking=booking,
                ratings=ratings,
                comments=comments.strip(),
                before_average=_average([rating["before"] for rating in ratings]),
                after_average=_average([rating["after"] for rating in ratings]),
            )
    except IntegrityError:
        raise ValidationError("You have already evaluated this course.") from None


def evaluation_invitations_send(*, today: date | None = None) -> list[Booking]:
    """The daily job: invite every learner who attended a session (in the last ``INVITE_WITHIN``) and
    has not evaluated it; once per booking (the outbox key)."""
    from wscb.scoping import scopes_disabled

    today = today or timezone.localdate()
    invited = []
    with scopes_disabled():
        bookings = (
            Booking.objects.filter(
                status=Booking.Status.ATTENDED,
                learner__isnull=False,
                evaluation__isnull=True,
                session__starts_on__lt=today,
                session__starts_on__gte=today - INVITE_WITHIN,
            )
            .exclude(email="")
            .select_related("session__course__board")
        )
        for booking in bookings:
            course = booking.session.course
            url = absolute(reverse("learning:evaluation", kwargs={"pk": booking.pk}))
            email_queue(
                kind="training-evaluation",
                board=course.board,
                to=[booking.email],
                subject=f"How was {course.title}? Your certificate is waiting",
                body=(
                    f"Dear {booking.delegate_name},\n\nThank you for attending {booking.session}. Please tell us "
                    f"how it went: it takes two minutes, and your certificate is ready when you have.\n\n{url}\n"
                ),
                key=f"training-evaluation:{booking.pk}",
            )
            invited.append(booking)
    return invited


def session_hours(booking: Booking) -> Decimal | None:
    session = booking.session
    if not (session.start_time and session.end_time):
        return None
    minutes = (
        datetime.combine(session.starts_on, session.end_time) - datetime.combine(session.starts_on, session.start_time)
    ).seconds // 60
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def certificate_pdf(*, booking: Booking) -> bytes:
    """The learner's certificate of attendance: name, course, date, hours and the board. Only after the
    evaluation is submitted."""
    from weasyprint import HTML

    if not hasattr(booking, "evaluation"):
        raise ValidationError("The certificate is released when you have evaluated the course.")
    html = render_to_string(
        "learning/certificate.html",
        {"booking": booking, "board": booking.session.course.board, "hours": session_hours(booking)},
    )
    return HTML(string=html, base_url=None).write_pdf()


@dataclass(frozen=True)
class OutcomeResult:
    outcome: str
    responses: int
    before: Decimal | None
    after: Decimal | None

    @property
    def change(self) -> Decimal | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class CourseResults:
    course: Course
    attended: int
    responses: int
    outcomes: list[OutcomeResult]
    comments: list[str]

    @property
    def response_rate(self) -> Decimal | None:
        if not self.attended:
            return None
        return (Decimal(self.responses) * 100 / self.attended).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _average(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def course_results(*, course: Course, start: date | None = None, end_exclusive: date | None = None) -> CourseResults:
    """The course's evaluations (of sessions from ``start`` to before ``end_exclusive`` when given):
    how many, and per learning outcome the average rating before and after and the change."""
    evaluations = Evaluation.objects.filter(booking__session__course=course)
    attended = Booking.objects.filter(session__course=course, status=Booking.Status.ATTENDED)
    if start:
        evaluations = evaluations.filter(booking__session__starts_on__gte=start)
        attended = attended.filter(session__starts_on__gte=start)
    if end_exclusive:
        evaluations = evaluations.filter(booking__session__starts_on__lt=end_exclusive)
        attended = attended.filter(session__starts_on__lt=end_exclusive)
    rows = list(evaluations.values_list("ratings", "comments"))
    per_outcome: dict[str, dict[str, list[int]]] = {}
    for ratings, _ in rows:
        for rating in ratings:
            scores = per_outcome.setdefault(rating["outcome"], {"before": [], "after": []})
            scores["before"].append(rating["before"])
            scores["after"].append(rating["after"])
    order = course.outcomes + [name for name in per_outcome if name not in course.outcomes]
    outcomes = [
        OutcomeResult(
            outcome=name,
            responses=len(per_outcome[name]["after"]),
            before=_average(per_outcome[name]["before"]),
            after=_average(per_outcome[name]["after"]),
        )
        for name in order
        if name in per_outcome
    ]
    return CourseResults(
        course=course,
        attended=attended.count(),
        responses=len(rows),
        outcomes=outcomes,
        comments=[comments for _, comments in rows if comments],
    )
