"""Reads of training self-service: the public catalogue of a board, and a learner's own bookings."""

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners.models import Board
from training.models import Booking, Course, Learner, Session


def catalogue_sessions(*, board: Board, month: str = "", topic: str = "", level: str = "") -> QuerySet[Session]:
    """The board's scheduled sessions from tomorrow on (past ones and today's are not listed), with
    their places taken; ``month`` ("2026-12"), ``topic`` and ``level`` filter when given."""
    sessions = (
        Session.objects.filter(
            course__board=board,
            course__is_active=True,
            status=Session.Status.SCHEDULED,
            starts_on__gt=timezone.localdate(),
        )
        .select_related("course")
        .annotate(taken=Count("bookings", filter=Q(bookings__status__in=Booking.HOLDS_PLACE)))
        .order_by("starts_on", "start_time", "pk")
    )
    if month:
        try:
            year, number = (int(part) for part in month.split("-"))
            first = date(year, number, 1)
        except ValueError:
            return sessions.none()
        sessions = sessions.filter(starts_on__year=first.year, starts_on__month=first.month)
    if topic:
        sessions = sessions.filter(course__topic=topic)
    if level:
        sessions = sessions.filter(course__level=level)
    return sessions


def catalogue_filters(*, board: Board) -> dict[str, list]:
    """The months, topics and levels of the upcoming sessions, for the catalogue's filters."""
    upcoming = catalogue_sessions(board=board)
    months = sorted({(day.year, day.month) for day in upcoming.values_list("starts_on", flat=True)})
    courses = Course.objects.filter(pk__in=upcoming.values("course_id"))
    return {
        "months": [date(year, month, 1) for year, month in months],
        "topics": sorted(set(courses.exclude(topic="").values_list("topic", flat=True))),
        "levels": sorted(set(courses.exclude(level="").values_list("level", flat=True))),
    }


def catalogue_session_get(*, board: Board, pk: int) -> Session:
    """A session of the catalogue: the board's, not cancelled, not past; 404 otherwise."""
    return get_object_or_404(catalogue_sessions(board=board), pk=pk)


def places_left(session: Session) -> int | None:
    if session.places_available is None:
        return None
    taken = getattr(session, "taken", None)
    if taken is None:
        taken = session.bookings.filter(status__in=Booking.HOLDS_PLACE).count()
    return max(session.places_available - taken, 0)


def learner_for(user) -> Learner:
    """The signed-in learner's record; 404 when the account has none (an anonymised one)."""
    return get_object_or_404(Learner.objects.select_related("user", "partner", "board"), user=user)


def learner_bookings(*, learner: Learner) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(learner=learner)
        .select_related("session__course")
        .order_by("-session__starts_on", "-booked_at")
    )


def learner_booking_get(*, learner: Learner, pk: int) -> Booking:
    """One of the learner's own bookings; another learner's (or anyone else's) is a 404."""
    return get_object_or_404(learner_bookings(learner=learner), pk=pk)
