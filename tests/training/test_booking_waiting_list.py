"""Full sessions take a waiting list; a cancellation offers the place to the first person waiting."""

import threading
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from training.models import Booking, Session, TrainingPolicy
from training.services import Delegate, booking_accept_offer, booking_cancel, booking_create, team_booking_create

pytestmark = pytest.mark.django_db


def _book(session, name, agency_a=None):
    return booking_create(
        session=session,
        delegate=Delegate(name=name, email=f"{name.lower()}@example.org", organisation_name="Sports club"),
    )


def test_it_books_while_places_are_free_and_then_puts_delegates_on_the_waiting_list(small_session):
    first, second, third = (_book(small_session, name) for name in ("Ann", "Bob", "Cat"))
    assert [first.status, second.status, third.status] == ["booked", "booked", "waiting"]


def test_cancelling_a_booking_offers_the_place_to_the_first_person_waiting(small_session):
    ann, _bob = _book(small_session, "Ann"), _book(small_session, "Bob")
    cat, dan = _book(small_session, "Cat"), _book(small_session, "Dan")
    offered = booking_cancel(booking=ann, on=date(2030, 5, 1))
    assert offered.pk == cat.pk
    cat.refresh_from_db()
    dan.refresh_from_db()
    assert (cat.status, dan.status) == ("offered", "waiting")
    assert booking_accept_offer(booking=cat).status == "booked"


@pytest.mark.django_db(transaction=True)
def test_the_person_offered_the_place_is_told_by_e_mail(small_session, run_jobs):
    ann, _ = _book(small_session, "Ann"), _book(small_session, "Bob")
    _book(small_session, "Cat")
    booking_cancel(booking=ann, on=date(2030, 5, 1))
    run_jobs()
    assert [message.to for message in mail.outbox] == [["cat@example.org"]]
    assert "Safe Sleep Training" in mail.outbox[0].subject


def test_cancelling_from_the_waiting_list_offers_nothing(small_session):
    _book(small_session, "Ann"), _book(small_session, "Bob")
    cat, dan = _book(small_session, "Cat"), _book(small_session, "Dan")
    assert booking_cancel(booking=cat, on=date(2030, 5, 1)) is None
    dan.refresh_from_db()
    assert dan.status == "waiting"


def test_a_cancellation_within_the_boards_days_is_late(small_session, board):
    TrainingPolicy.objects.create(board=board, late_cancellation_days=10)
    early, late = _book(small_session, "Ann"), _book(small_session, "Bob")
    booking_cancel(booking=early, on=date(2030, 6, 3))  # 11 days before
    booking_cancel(booking=late, on=date(2030, 6, 4))  # 10 days before
    early.refresh_from_db()
    late.refresh_from_db()
    assert (early.is_late_cancellation, late.is_late_cancellation) == (False, True)


def test_a_team_booking_fills_the_places_then_the_waiting_list(small_session):
    team = [Delegate(name=name, organisation_name="Sports club") for name in ("Ann", "Bob", "Cat")]
    bookings = team_booking_create(session=small_session, delegates=team)
    assert [booking.status for booking in bookings] == ["booked", "booked", "waiting"]


def test_it_refuses_bookings_on_a_cancelled_session(small_session):
    Session.objects.filter(pk=small_session.pk).update(status="cancelled", cancellation_reason="other")
    with pytest.raises(ValidationError):
        _book(small_session, "Ann")
    assert not Booking.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_place_at_once_only_one_gets_it(small_session):
    _book(small_session, "Ann")  # one place left
    barrier = threading.Barrier(2)
    results = []

    def take(name):
        from django.db import connections

        try:
            barrier.wait(timeout=5)
            results.append(_book(small_session, name).status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(name,)) for name in ("Bob", "Cat")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert sorted(results) == ["booked", "waiting"]
    assert small_session.bookings.filter(status="booked").count() == 2


def test_the_same_delegate_cannot_be_booked_twice_on_a_session(small_session):
    _book(small_session, "Ann")
    with pytest.raises(ValidationError, match=r"ann@example\.org is already booked"):
        _book(small_session, "ANN")
    assert small_session.bookings.count() == 1


def test_a_team_with_someone_already_booked_books_nobody(small_session):
    _book(small_session, "Ann")
    team = [
        Delegate(name="Bob", organisation_name="Club"),
        Delegate(name="Ann", email="ann@example.org", organisation_name="Club"),
    ]
    with pytest.raises(ValidationError):
        team_booking_create(session=small_session, delegates=team)
    assert list(small_session.bookings.values_list("delegate_name", flat=True)) == ["Ann"]
