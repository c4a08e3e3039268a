"""A learner cancels from their page or the e-mail's link; after the board's cut-off (here 5 working
days) the cancellation is late, counted and charged to their agency; one before it is not."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from tests.training.factories import CourseFactory, SessionFactory
from training.models import Booking, ChargeRate, TrainingPolicy
from training.reporting import charges_by_agency
from training.selfservice import services
from wscb.mail.models import Email
from wscb.periods import ReportingYear, working_days_before

pytestmark = pytest.mark.django_db

#: A Monday.
SESSION_DAY = date(2030, 6, 17)


@pytest.fixture
def session(board):
    TrainingPolicy.objects.create(
        board=board, late_cancellation_days=5, late_cancellation_counts=TrainingPolicy.DaysCounted.WORKING
    )
    ChargeRate.objects.create(board=board, sector="health", reason="late_cancellation", amount=Decimal("40.00"))
    return SessionFactory(course=CourseFactory(board=board), starts_on=SESSION_DAY, places_available=10)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2030, 6, 10), 5),  # the Monday before
        (date(2030, 6, 9), 6),  # Sunday: Monday to Friday, then the session's Monday
        (date(2030, 6, 7), 6),  # Friday
        (date(2030, 6, 14), 1),  # the Friday before
        (date(2030, 6, 17), 0),
        (date(2030, 6, 3), 10),
    ],
)
def test_working_days_before_a_day_count_monday_to_friday(on, expected):
    assert working_days_before(SESSION_DAY, on=on) == expected


def _booked(learner, session):
    with freeze_time("2030-05-01 10:00"):
        return services.learner_book(learner=learner.learner, session=session)


def test_a_cancellation_on_the_cut_off_day_is_late_and_charged_the_day_before_it_is_not(
    session, learner, learner_b, board, agency_a, agency_b
):
    late = _booked(learner, session)
    in_time = _booked(learner_b, session)
    services.learner_cancel(booking=late, on=date(2030, 6, 10))  # 5 working days before: late
    services.learner_cancel(booking=in_time, on=date(2030, 6, 7))  # 6 working days before: in time
    late.refresh_from_db()
    in_time.refresh_from_db()
    assert late.is_late_cancellation is True and in_time.is_late_cancellation is False

    lines = {line.partner_id: line for line in charges_by_agency(board=board, year=ReportingYear(2030))}
    assert lines[agency_a.pk].late_cancellations == 1 and lines[agency_a.pk].amount == Decimal("40.00")
    assert agency_b.pk not in lines


def test_calendar_days_are_counted_when_the_policy_says_so(session, learner, board):
    TrainingPolicy.objects.filter(board=board).update(late_cancellation_counts=TrainingPolicy.DaysCounted.CALENDAR)
    booking = _booked(learner, session)
    services.learner_cancel(booking=booking, on=date(2030, 6, 11))  # 6 calendar days (4 working days) before
    booking.refresh_from_db()
    assert booking.is_late_cancellation is False


def test_the_learner_cancels_from_their_page_and_is_warned_when_it_is_late(session, learner):
    booking = _booked(learner, session)
    url = reverse("learning:booking-cancel", kwargs={"pk": booking.pk})
    with freeze_time("2030-06-11 09:00"):
        client = Client()
        client.force_login(learner)
        page = client.get(url)
        assert "late cancellation" in page.content.decode()
        response = client.post(url)
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.is_late_cancellation
    assert booking.cancelled_on == date(2030, 6, 11)


def test_the_e_mail_link_cancels_without_signing_in(session, learner):
    booking = _booked(learner, session)
    body = Email.objects.get(kind="training-confirmation").body
    path = "/" + re.search(r"https?://[^/]+/(learning/cancel/\S+)", body).group(1)
    with freeze_time("2030-06-01 09:00"):
        page = Client().get(path)
        assert page.status_code == 200 and "late cancellation" not in page.content.decode()
        Client().post(path)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and not booking.is_late_cancellation
    # The link cannot cancel twice, nor anything else.
    with freeze_time("2030-06-01 09:05"):
        assert "can no longer be cancelled" in Client().get(path).content.decode()
    assert Client().get(path[:-3] + "xyz/").status_code == 404
