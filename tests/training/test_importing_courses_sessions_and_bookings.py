"""Courses, sessions and bookings come in through the Imports pages (preview, then confirm): a past year's
sessions delivered or cancelled, bookings with their outcome (attended, did not attend, cancelled with the
date and reason given), lateness counted from the date cancelled by the board's rule; every bad row
named by its spreadsheet row and heading, and nothing written."""

import datetime

import pytest

from tests.conftest import client_for
from tests.import_pages import import_file, import_upload, row_errors
from training.models import Booking, Course, Session, TrainingPolicy

pytestmark = pytest.mark.django_db

SESSION_HEADINGS = ["Course", "Date", "Places available", "Start time", "Status", "Cancellation reason", "Cancelled on"]
BOOKING_HEADINGS = ["Course", "Session date", "Delegate name", "Agency", "Outcome", "Cancelled on", "Reason given"]


@pytest.fixture
def client(business_support):
    return client_for(business_support)


@pytest.fixture
def neglect_session(board):
    course = Course.objects.create(board=board, title="Neglect")
    return Session.objects.create(
        course=course, starts_on=datetime.date(2016, 8, 29), places_available=3, status=Session.Status.DELIVERED
    )


def test_courses_are_added_and_a_known_title_updates_its_course(client, board):
    Course.objects.create(board=board, title="Neglect", level="Level 2")
    import_file(
        client,
        "courses",
        [["Title", "Level", "Delivery"], ["neglect", "Level 3", "Face-to-face"], ["Child Sexual Exploitation", "", ""]],
    )
    assert Course.objects.get(board=board, title="Neglect").level == "Level 3"
    assert Course.objects.filter(board=board).count() == 2


def test_past_sessions_come_in_delivered_or_cancelled_with_reason_and_date(client, board):
    Course.objects.create(board=board, title="Neglect")
    import_file(
        client,
        "sessions",
        [
            SESSION_HEADINGS,
            ["Neglect", "29/08/2016", "20", "09:30", "Delivered", "", ""],
            ["Neglect", "12/10/2016", "20", "", "Cancelled", "Lack of participants", "01/10/2016"],
        ],
    )
    delivered, cancelled = Session.objects.filter(course__board=board).order_by("starts_on")
    assert delivered.status == Session.Status.DELIVERED and delivered.start_time == datetime.time(9, 30)
    assert cancelled.cancellation_reason == Session.CancellationReason.LACK_OF_PARTICIPANTS
    assert cancelled.cancelled_on == datetime.date(2016, 10, 1)


def test_bad_session_rows_are_named_and_nothing_is_written(client, board):
    Course.objects.create(board=board, title="Neglect")
    response = import_upload(
        client,
        "sessions",
        [
            SESSION_HEADINGS,
            ["Neglect", "29/08/2016", "20", "", "Delivered", "", ""],
            ["Neglect", "29/08/2016", "20", "", "Delivered", "", ""],
            ["Neglect", "30/08/2016", "20", "", "Cancelled", "", ""],
            ["Unknown course", "31/08/2016", "lots", "", "", "", ""],
        ],
    )
    assert response.status_code == 400
    errors = {(row, heading) for row, heading, _ in row_errors(response)}
    assert (3, "Date") in errors  # the same course, date and time as row 2
    assert {(4, "Cancellation reason"), (4, "Cancelled on")} <= errors
    assert {(5, "Course"), (5, "Places available")} <= errors
    assert not any(row == 2 for row, _ in errors)
    assert not Session.objects.filter(course__board=board).exists()


def test_booking_outcomes_and_lateness_from_the_date_cancelled(client, board, agency_a, neglect_session):
    TrainingPolicy.objects.create(board=board, late_cancellation_days=3)
    import_file(
        client,
        "bookings",
        [
            BOOKING_HEADINGS,
            ["Neglect", "29/08/2016", "Ann Attended", "Agency A", "Attended", "", ""],
            ["Neglect", "29/08/2016", "Dan Absent", "agency a trust", "Did not attend", "", ""],
            ["Neglect", "29/08/2016", "Cal Late", "Agency A", "Cancelled", "01/09/2016", "Illness"],
            ["Neglect", "29/08/2016", "Ed Early", "Riverside Youth Club", "Cancelled", "20/08/2016", ""],
        ],
    )
    bookings = {b.delegate_name: b for b in Booking.objects.filter(session=neglect_session)}
    assert bookings["Ann Attended"].status == Booking.Status.ATTENDED
    assert bookings["Dan Absent"].status == Booking.Status.DID_NOT_ATTEND
    assert bookings["Dan Absent"].partner == agency_a
    late, early = bookings["Cal Late"], bookings["Ed Early"]
    assert late.is_late_cancellation and late.cancelled_on == datetime.date(2016, 9, 1)
    assert late.cancellation_reason == "Illness"
    assert not early.is_late_cancellation
    assert early.partner is None and early.organisation_name == "Riverside Youth Club"


def test_bad_booking_rows_are_named_and_nothing_is_written(client, board, agency_a, neglect_session):
    response = import_upload(
        client,
        "bookings",
        [
            BOOKING_HEADINGS,
            ["Neglect", "29/08/2016", "Ann", "Agency A", "Attended", "", ""],
            ["Neglect", "29/08/2016", "Ann", "Agency A", "Attended", "", ""],
            ["Neglect", "30/08/2016", "Bo", "Agency A", "", "", ""],
            ["Neglect", "29/08/2016", "Cy", "Agency A", "Cancelled", "", ""],
            ["Neglect", "29/08/2016", "Di", "", "Booked", "01/08/2016", ""],
            ["Neglect", "29/08/2016", "Em", "Agency A", "Attended", "", ""],
            ["Neglect", "29/08/2016", "Fi", "Agency A", "Attended", "", ""],
        ],
    )
    assert response.status_code == 400
    errors = {(row, heading) for row, heading, _ in row_errors(response)}
    assert (3, "Delegate name") in errors  # booked twice on the session
    assert (4, "Session date") in errors  # no session that day
    assert (5, "Cancelled on") in errors  # cancelled without a date
    assert {(6, "Agency"), (6, "Outcome")} <= errors
    assert (8, "Session date") in errors  # a fourth place on a session of three
    assert not any(row == 2 for row, _ in errors)
    page = response.content.decode()
    assert "Nothing was imported" in page and ">Delegate name<" in page
    assert not Booking.objects.filter(session=neglect_session).exists()


def test_a_cancellation_recorded_on_the_cancel_page_keeps_its_reason(client, board, agency_a):
    from django.urls import reverse

    course = Course.objects.create(board=board, title="Neglect")
    session = Session.objects.create(course=course, starts_on=datetime.date(2016, 8, 29), places_available=3)
    booking = Booking.objects.create(session=session, delegate_name="Ann", partner=agency_a)
    response = client.post(
        reverse("training:booking-cancel", args=[booking.pk]), {"cancelled_on": "2016-09-01", "reason": "Illness"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.cancellation_reason == "Illness" and booking.is_late_cancellation
    assert "Illness" in client.get(reverse("training:session-detail", args=[session.pk])).content.decode()
