"""A learner books a place (or joins the waiting list when the session is full) and is told by e-mail,
with the joining instructions and the calendar file; they see only their own bookings."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.training.factories import BookingFactory, CourseFactory, SessionFactory
from training.models import Booking
from wscb.boards import board_public_slug
from wscb.mail.models import Email

pytestmark = pytest.mark.django_db


@pytest.fixture
def upcoming(board):
    return SessionFactory(
        course=CourseFactory(board=board, title="Early Help Assessment"),
        starts_on=timezone.localdate() + timedelta(days=21),
        places_available=1,
        joining_instructions="Sign in at reception on the ground floor.",
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _book(user, session):
    url = reverse("learning:book", kwargs={"board_slug": board_public_slug(session.course.board), "pk": session.pk})
    return _client(user).post(url)


def test_a_learner_books_a_place_and_gets_the_confirmation_with_joining_instructions(learner, upcoming, agency_a):
    response = _book(learner, upcoming)
    booking = Booking.objects.get()
    assert response.status_code == 302 and response.url == reverse("learning:booking", kwargs={"pk": booking.pk})
    assert booking.status == Booking.Status.BOOKED and booking.learner == learner.learner
    assert booking.partner == agency_a and booking.delegate_name == learner.full_name
    email = Email.objects.get(kind="training-confirmation")
    assert email.to == [learner.email]
    assert "Sign in at reception on the ground floor." in email.body
    assert f"/sessions/{upcoming.pk}/session.ics" in email.body
    assert "/learning/cancel/" in email.body


def test_when_the_session_is_full_the_learner_joins_the_waiting_list_and_is_told(learner, learner_b, upcoming):
    _book(learner_b, upcoming)
    _book(learner, upcoming)
    mine = Booking.objects.get(learner=learner.learner)
    assert mine.status == Booking.Status.WAITING
    assert Email.objects.filter(kind="training-waiting-list", to=[learner.email]).exists()


def test_booking_twice_keeps_one_booking(learner, upcoming):
    _book(learner, upcoming)
    response = _book(learner, upcoming)
    assert response.status_code == 302
    assert Booking.objects.count() == 1


def test_a_learner_cannot_book_another_boards_session(learner, upcoming):
    from tests.partners.factories import BoardFactory

    other = BoardFactory(name="Other Partnership", short_name="OP")
    theirs = SessionFactory(course=CourseFactory(board=other), starts_on=upcoming.starts_on)
    assert _book(learner, theirs).status_code == 404
    assert not Booking.objects.exists()


def test_a_learners_page_lists_only_their_own_bookings(learner, learner_b, upcoming):
    _book(learner, upcoming)
    theirs = BookingFactory(session=upcoming, learner=learner_b.learner, delegate_name="Someone Else")
    page = _client(learner).get(reverse("learning:my-training"))
    assert page.status_code == 200
    assert [b.learner_id for b in page.context["bookings"]] == [learner.learner.pk]
    assert "no-store" in page["Cache-Control"]
    for name in ("learning:booking", "learning:booking-cancel"):
        assert _client(learner).get(reverse(name, kwargs={"pk": theirs.pk})).status_code == 404


def test_partnership_roles_cannot_use_the_learners_pages_and_learners_none_of_theirs(learner, lead_a, upcoming):
    assert _client(lead_a).get(reverse("learning:my-training")).status_code == 403
    assert _client(learner).get(reverse("training:summary")).status_code == 403
    assert _client(learner).get(reverse("partners:partner-list")).status_code == 403
    assert _client(learner).get("/admin/").status_code == 403
