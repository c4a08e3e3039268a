"""A cancellation's date is recorded (default today) and lateness is counted from that date, so a past
year's cancellations recorded afterwards are late only if they were late when made."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from tests.training.factories import BookingFactory, CourseFactory, SessionFactory
from training.models import Booking

pytestmark = pytest.mark.django_db

SESSION_DAY = datetime.date(2016, 8, 29)


@pytest.fixture
def booking(board, agency_a):
    session = SessionFactory(course=CourseFactory(board=board), starts_on=SESSION_DAY)
    return BookingFactory(session=session, partner=agency_a, organisation_name="")


def _cancel(client, booking, day):
    return client.post(reverse("training:booking-cancel", args=[booking.pk]), {"cancelled_on": day}, follow=True)


@freeze_time("2026-12-01")
def test_a_cancellation_recorded_on_01_09_2016_for_a_session_on_29_08_2016_is_late(booking, business_support, as_user):
    response = _cancel(as_user(business_support), booking, "01/09/2016")
    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_on, booking.is_late_cancellation) == (
        Booking.Status.CANCELLED,
        datetime.date(2016, 9, 1),
        True,
    )
    assert "booking is cancelled (01/09/2016): a late cancellation." in response.content.decode()


@freeze_time("2026-12-01")
@pytest.mark.parametrize(
    ("day", "late"),
    [("01/08/2016", False), ("21/08/2016", False), ("22/08/2016", True), ("29/08/2016", True)],
    ids=["four weeks before", "eight days before", "seven days before: the cut-off", "on the day"],
)
def test_a_cancellation_before_the_cut_off_is_not_late_and_one_inside_it_is(
    booking, business_support, as_user, day, late
):
    _cancel(as_user(business_support), booking, day)
    booking.refresh_from_db()
    assert booking.is_late_cancellation is late
    assert booking.cancelled_on.strftime("%d/%m/%Y") == day


@freeze_time("2016-08-01")
def test_the_date_defaults_to_today(booking, business_support, as_user):
    client = as_user(business_support)
    page = client.get(reverse("training:booking-cancel", args=[booking.pk])).content.decode()
    assert 'value="2016-08-01"' in page and "Date cancelled" in page  # a date input: ISO in the markup
    client.post(reverse("training:booking-cancel", args=[booking.pk]), {})
    booking.refresh_from_db()
    assert (booking.cancelled_on, booking.is_late_cancellation) == (datetime.date(2016, 8, 1), False)


@freeze_time("2016-08-01")
@pytest.mark.parametrize(
    ("day", "message"),
    [("02/08/2016", "The date cancelled cannot be in the future."), ("31/02/2016", "Date cancelled")],
)
def test_a_future_or_impossible_date_is_refused_and_nothing_changes(booking, business_support, as_user, day, message):
    response = as_user(business_support).post(
        reverse("training:booking-cancel", args=[booking.pk]), {"cancelled_on": day}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED
