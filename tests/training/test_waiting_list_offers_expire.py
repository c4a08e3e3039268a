"""A freed place is offered to the first person waiting, by e-mail with an accept link that expires
(the board's offer hours, 48 by default); after that the scheduled run passes it to the next."""

import re
from datetime import date

import pytest
from django.test import Client
from freezegun import freeze_time

from tests.training.factories import CourseFactory, SessionFactory
from training.models import Booking
from training.selfservice import services
from wscb.jobs.schedule import schedule_run
from wscb.mail.models import Email

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_session(board, learner, learner_b, agency_a):
    from tests.training.factories import LearnerFactory

    session = SessionFactory(course=CourseFactory(board=board), starts_on=date(2030, 6, 17), places_available=1)
    third = LearnerFactory(board=board, partner=agency_a, user__email="third@example.org").user
    with freeze_time("2030-05-01 10:00"):
        holder = services.learner_book(learner=learner.learner, session=session)
    with freeze_time("2030-05-01 10:01"):
        first = services.learner_book(learner=learner_b.learner, session=session)
    with freeze_time("2030-05-01 10:02"):
        second = services.learner_book(learner=third.learner, session=session)
    assert (first.status, second.status) == (Booking.Status.WAITING, Booking.Status.WAITING)
    return holder, first, second


def _accept_path(booking) -> str:
    email = Email.objects.filter(kind="waiting-list-offer", to=[booking.email]).latest("pk")
    return "/" + re.search(r"https?://[^/]+/(learning/offer/\S+)", email.body).group(1)


def test_the_first_person_waiting_is_offered_the_freed_place_and_accepts_it(full_session):
    holder, first, second = full_session
    with freeze_time("2030-05-02 09:00"):
        services.learner_cancel(booking=holder)
    first.refresh_from_db()
    assert first.status == Booking.Status.OFFERED
    path = _accept_path(first)
    assert "04/05/2030 10:00" in Email.objects.get(kind="waiting-list-offer").body  # 48 hours, UK time
    with freeze_time("2030-05-03 09:00"):
        assert "Take the place" in Client().get(path).content.decode()
        Client().post(path)
    first.refresh_from_db()
    assert first.status == Booking.Status.BOOKED
    assert Email.objects.filter(kind="training-confirmation", to=[first.email]).exists()
    second.refresh_from_db()
    assert second.status == Booking.Status.WAITING


def test_an_offer_not_taken_up_in_time_passes_to_the_next_person_by_the_scheduled_run(full_session):
    holder, first, second = full_session
    with freeze_time("2030-05-02 09:00"):
        services.learner_cancel(booking=holder)
    first_link = _accept_path(Booking.objects.get(pk=first.pk))
    with freeze_time("2030-05-04 08:59"):  # 47:59 later: still held
        schedule_run()
    first.refresh_from_db()
    assert first.status == Booking.Status.OFFERED
    with freeze_time("2030-05-04 09:01"):
        schedule_run()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Booking.Status.OFFER_EXPIRED
    assert second.status == Booking.Status.OFFERED
    assert Email.objects.filter(kind="waiting-list-offer", to=[second.email]).exists()
    # The lapsed link says so and cannot take the place.
    with freeze_time("2030-05-04 09:05"):
        assert "no longer open" in Client().get(first_link).content.decode()
        assert Client().post(first_link).status_code == 409
    first.refresh_from_db()
    assert first.status == Booking.Status.OFFER_EXPIRED


def test_a_lapsed_offer_is_not_counted_as_a_booked_place(full_session, board, agency_a, agency_b):
    from training.reporting import uptake_by_agency
    from wscb.periods import ReportingYear

    holder, first, _second = full_session
    with freeze_time("2030-05-02 09:00"):
        services.learner_cancel(booking=holder)
    with freeze_time("2030-05-05 09:00"):
        schedule_run()
    first.refresh_from_db()
    assert first.status == Booking.Status.OFFER_EXPIRED
    booked = {row.partner_id: row.booked for row in uptake_by_agency(board=board, year=ReportingYear(2030))}
    # Agency A: the cancelled place and the offer now held by the third learner; agency B's lapsed offer: none.
    assert booked.get(agency_b.pk, 0) == 0
    assert booked[agency_a.pk] == 2
