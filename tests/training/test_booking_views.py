"""Booking one delegate or a team, cancelling a booking and taking an offered place, through the pages."""

import pytest
from django.urls import reverse

from tests.training.factories import BookingFactory
from training.models import Booking

pytestmark = pytest.mark.django_db


def test_business_support_books_a_delegate_from_a_partner(small_session, business_support, agency_a, as_user):
    url = reverse("training:booking-create", args=[small_session.pk])
    data = {"delegate_name": "Ann Ashton", "email": "ann@example.org", "job_title": "Nurse", "partner": agency_a.pk}
    response = as_user(business_support).post(url, data)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.partner, booking.status, booking.organisation_name) == (agency_a, "booked", "")


def test_a_booking_needs_exactly_one_agency(small_session, business_support, agency_a, as_user):
    url = reverse("training:booking-create", args=[small_session.pk])
    data = {"delegate_name": "Ann", "partner": agency_a.pk, "organisation_name": "Sports club"}
    response = as_user(business_support).post(url, data)
    assert response.status_code == 200
    assert "one, not both" in response.content.decode()
    assert as_user(business_support).post(url, {"delegate_name": "Ann"}).status_code == 200
    assert not Booking.objects.exists()


def test_a_team_is_booked_in_one_go_and_the_overflow_waits(small_session, business_support, as_user):
    url = reverse("training:team-booking", args=[small_session.pk])
    delegates = "Ann Ashton, ann@example.org, Nurse\nBob Bolton\n\nCat Crompton, cat@example.org"
    response = as_user(business_support).post(url, {"organisation_name": "Sports club", "delegates": delegates})
    assert response.status_code == 302
    assert list(Booking.objects.order_by("pk").values_list("delegate_name", "status")) == [
        ("Ann Ashton", "booked"),
        ("Bob Bolton", "booked"),
        ("Cat Crompton", "waiting"),
    ]


def test_a_team_line_with_a_bad_e_mail_books_nobody(small_session, business_support, as_user):
    url = reverse("training:team-booking", args=[small_session.pk])
    response = as_user(business_support).post(
        url, {"organisation_name": "Sports club", "delegates": "Ann, ann@example.org\nBob, not-an-address"}
    )
    assert response.status_code == 200
    assert "Line 2: not-an-address is not an e-mail address." in response.content.decode()
    assert not Booking.objects.exists()


def test_cancelling_asks_first_then_offers_the_place(small_session, business_support, as_user):
    ann = BookingFactory(session=small_session, delegate_name="Ann")
    BookingFactory(session=small_session, delegate_name="Bob")
    cat = BookingFactory(session=small_session, delegate_name="Cat", status="waiting")
    url = reverse("training:booking-cancel", args=[ann.pk])
    client = as_user(business_support)
    assert "Cancel Ann" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "The place has been offered to Cat." in response.content.decode()
    cat.refresh_from_db()
    assert cat.status == "offered"
    response = client.post(reverse("training:booking-accept", args=[cat.pk]))
    cat.refresh_from_db()
    assert (response.status_code, cat.status) == (302, "booked")


def test_accepting_is_post_only_and_only_for_an_offer(small_session, business_support, as_user):
    booking = BookingFactory(session=small_session)
    url = reverse("training:booking-accept", args=[booking.pk])
    client = as_user(business_support)
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "Only an offered place can be accepted." in response.content.decode()


def test_a_booking_already_cancelled_cannot_be_cancelled_again(small_session, business_support, as_user):
    booking = BookingFactory(session=small_session, status="cancelled")
    response = as_user(business_support).post(reverse("training:booking-cancel", args=[booking.pk]), follow=True)
    assert "This booking can no longer be cancelled." in response.content.decode()


def test_partner_leads_and_board_members_cannot_book_or_cancel(small_session, lead_a, board_member, as_user):
    booking = BookingFactory(session=small_session)
    for user in (lead_a, board_member):
        client = as_user(user)
        assert client.post(reverse("training:booking-create", args=[small_session.pk]), {}).status_code == 403
        assert client.post(reverse("training:booking-cancel", args=[booking.pk])).status_code == 403
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_another_boards_session_is_not_found(business_support, as_user):
    from tests.partners.factories import BoardFactory
    from tests.training.factories import CourseFactory, SessionFactory

    other = SessionFactory(course=CourseFactory(board=BoardFactory(name="Other", short_name="OB")))
    assert as_user(business_support).get(reverse("training:booking-create", args=[other.pk])).status_code == 404
