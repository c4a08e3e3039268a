"""200 learners booking a 20-place session at the same moment (threads through the service, on
PostgreSQL): exactly 20 booked, 180 on the waiting list in the order they arrived, no error, no place
lost. The session row is locked (``select_for_update``) while the places are counted."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.training.factories import CourseFactory, LearnerFactory, SessionFactory
from training import services as training_services
from training.models import Booking
from training.selfservice import services

pytestmark = pytest.mark.django_db(transaction=True)

LEARNERS = 200
PLACES = 20
#: Below PostgreSQL's default of 100 connections; the 200 bookings queue for them, all released at once.
THREADS = 40


@pytest.fixture
def session(board):
    return SessionFactory(
        course=CourseFactory(board=board),
        starts_on=timezone.localdate() + timedelta(days=30),
        places_available=PLACES,
    )


def test_two_hundred_learners_booking_twenty_places_at_once(board, agency_a, session):
    if connection.vendor != "postgresql":
        pytest.skip("the race needs PostgreSQL's row locks (CI and bin/test run it there)")
    learners = [
        LearnerFactory(board=board, partner=agency_a, user__email=f"racer{number}@example.org")
        for number in range(LEARNERS)
    ]
    start = threading.Event()
    errors = []

    def book(learner):
        from django.db import connection as thread_connection

        try:
            start.wait(timeout=30)
            return services.learner_book(learner=learner, session=session)
        except Exception as error:  # every failure is the finding
            errors.append(repr(error))
            raise
        finally:
            thread_connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(book, learner) for learner in learners]
        start.set()
        for future in futures:
            future.exception(timeout=120)

    assert errors == []
    bookings = list(session.bookings.order_by("booked_at", "pk"))
    assert len(bookings) == LEARNERS
    statuses = [booking.status for booking in bookings]
    assert statuses.count(Booking.Status.BOOKED) == PLACES
    assert statuses.count(Booking.Status.WAITING) == LEARNERS - PLACES
    # In order of arrival: the first 20 to take the lock have the places, everyone after them waits.
    assert statuses == [Booking.Status.BOOKED] * PLACES + [Booking.Status.WAITING] * (LEARNERS - PLACES)
    assert len({booking.learner_id for booking in bookings}) == LEARNERS

    # No place lost: a cancellation offers the place to the first who arrived after the 20.
    offered = training_services.booking_cancel(booking=bookings[0])
    assert offered.pk == bookings[PLACES].pk
