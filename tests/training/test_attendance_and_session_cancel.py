"""Marking a whole session's attendance on one page, and cancelling a session with its reason."""

from datetime import date

import pytest
from django.urls import reverse

from tests.training.factories import BookingFactory
from training.models import Session

pytestmark = pytest.mark.django_db


def test_attendance_for_the_whole_session_is_saved_at_once(small_session, business_support, as_user):
    ann = BookingFactory(session=small_session, delegate_name="Ann")
    bob = BookingFactory(session=small_session, delegate_name="Bob")
    waiting = BookingFactory(session=small_session, delegate_name="Wes", status="waiting")
    url = reverse("training:attendance", args=[small_session.pk])
    client = as_user(business_support)
    page = client.get(url)
    assert "Wes" not in page.content.decode()
    data = {"version": small_session.version, f"booking_{ann.pk}": "attended", f"booking_{bob.pk}": "did_not_attend"}
    response = client.post(url, data)
    assert response.status_code == 302
    small_session.refresh_from_db()
    assert small_session.status == "delivered"
    statuses = dict(small_session.bookings.values_list("delegate_name", "status"))
    assert statuses == {"Ann": "attended", "Bob": "did_not_attend", "Wes": "waiting"}
    assert waiting.pk


def test_someone_else_marking_first_gives_a_conflict_message(small_session, business_support, as_user):
    ann = BookingFactory(session=small_session)
    url = reverse("training:attendance", args=[small_session.pk])
    stale = small_session.version
    Session.objects.filter(pk=small_session.pk).update(version=stale + 1)
    response = as_user(business_support).post(url, {"version": stale, f"booking_{ann.pk}": "attended"})
    assert response.status_code == 200
    assert "Someone else has changed this session" in response.content.decode()
    ann.refresh_from_db()
    assert ann.status == "booked"


def test_an_unknown_outcome_is_refused(small_session, business_support, as_user):
    ann = BookingFactory(session=small_session)
    url = reverse("training:attendance", args=[small_session.pk])
    response = as_user(business_support).post(url, {"version": 1, f"booking_{ann.pk}": "booked"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_a_board_member_cannot_mark_attendance(small_session, board_member, as_user):
    url = reverse("training:attendance", args=[small_session.pk])
    assert as_user(board_member).post(url, {"version": 1}).status_code == 403


def test_cancelling_a_session_records_the_reason_and_date(small_session, business_support, as_user):
    url = reverse("training:session-cancel", args=[small_session.pk])
    client = as_user(business_support)
    assert "Cancel Safe Sleep Training" in client.get(url).content.decode()
    response = client.post(
        url, {"reason": "trainer_unavailable", "cancelled_on": "2030-06-01", "version": small_session.version}
    )
    assert response.status_code == 302
    small_session.refresh_from_db()
    assert (small_session.status, small_session.cancellation_reason, small_session.cancelled_on) == (
        "cancelled",
        "trainer_unavailable",
        date(2030, 6, 1),
    )


def test_a_session_cannot_be_cancelled_without_a_reason(small_session, business_support, as_user):
    url = reverse("training:session-cancel", args=[small_session.pk])
    response = as_user(business_support).post(url, {"cancelled_on": "2030-06-01", "version": 1})
    assert response.status_code == 200
    small_session.refresh_from_db()
    assert small_session.status == "scheduled"
