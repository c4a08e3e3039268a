"""Reads of courses, sessions and bookings, scoped to the board and the user asking."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from partners.models import Board, Partner
from training.models import Booking, Course, CoursePlan, Session
from wscb.periods import ReportingYear


def course_choices(*, board: Board) -> QuerySet[Course]:
    return Course.objects.filter(board=board, is_active=True).order_by("title")


def session_list(*, board: Board, year: ReportingYear) -> QuerySet[Session]:
    """The board's sessions in ``year`` with their places taken and waiting counts."""
    return (
        Session.objects.filter(course__board=board, starts_on__gte=year.start, starts_on__lt=year.end_exclusive)
        .select_related("course")
        .annotate(
            taken=Count("bookings", filter=Q(bookings__status__in=Booking.HOLDS_PLACE)),
            waiting=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITING)),
        )
        .order_by("starts_on", "start_time", "pk")
    )


def session_get(*, board: Board, pk: int) -> Session:
    """One session of the board's courses; 404 for another board's."""
    return get_object_or_404(Session.objects.select_related("course"), course__board=board, pk=pk)


def session_bookings(*, session: Session) -> QuerySet[Booking]:
    return session.bookings.select_related("partner").order_by("booked_at", "pk")


def booking_get(*, board: Board, pk: int) -> Booking:
    return get_object_or_404(Booking.objects.select_related("session__course"), session__course__board=board, pk=pk)


def agency_bookings(*, board: Board, partner: Partner, year: ReportingYear) -> QuerySet[Booking]:
    """One agency's bookings in ``year`` (the caller has already checked the user may see the agency)."""
    return (
        Booking.objects.filter(
            partner=partner,
            session__course__board=board,
            session__starts_on__gte=year.start,
            session__starts_on__lt=year.end_exclusive,
        )
        .select_related("session__course")
        .order_by("session__starts_on", "delegate_name")
    )


def sessions_awaiting_attendance(*, board: Board) -> QuerySet[Session]:
    """Past sessions still 'scheduled': their attendance has not been marked."""
    from django.utils import timezone

    return Session.objects.filter(
        course__board=board, status=Session.Status.SCHEDULED, starts_on__lt=timezone.localdate()
    ).select_related("course")


def impact_plan_get(*, board: Board, pk: int) -> CoursePlan:
    """A plan of the board's courses that has an impact report file; 404 otherwise."""
    return get_object_or_404(CoursePlan.objects.exclude(impact_file=""), course__board=board, pk=pk)


def work_queue_items(request) -> list:
    """Start-page items for business support: past sessions still waiting for attendance, one item per
    reporting year, each linking to that year's session list."""
    from urllib.parse import urlencode

    from django.urls import reverse

    from wscb.work_queue import QueueItem

    board = request.board
    if not board:
        return []
    per_year: dict[ReportingYear, int] = {}
    for day in sessions_awaiting_attendance(board=board).values_list("starts_on", flat=True):
        year = ReportingYear.containing(day)
        per_year[year] = per_year.get(year, 0) + 1
    items = []
    for year, count in sorted(per_year.items(), reverse=True):
        noun = "session needs" if count == 1 else "sessions need"
        query = urlencode({"year": year.label, "awaiting": 1})
        url = f"{reverse('training:session-list')}?{query}"
        items.append(QueueItem(f"{count} training {noun} attendance marking ({year.label})", url, count))
    return items


def course_get(*, board: Board, pk: int) -> Course:
    """One of the board's courses; 404 for another board's."""
    return get_object_or_404(Course.objects.all(), board=board, pk=pk)
