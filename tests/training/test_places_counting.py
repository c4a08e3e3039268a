"""Places in the course tables: the places column counts what the board's rule says (delivered
sessions only, unless the board counts every session as the Wigan seed does), the table says which,
and the places of cancelled sessions are shown apart."""

import datetime

import pytest
from django.urls import reverse

from tests.training.factories import CourseFactory, CoursePlanFactory, SessionFactory
from training.models import CoursePlan, Session, TrainingPolicy
from training.reporting import course_tables
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db
YEAR = ReportingYear(2016)


@pytest.fixture
def course(board):
    course = CourseFactory(board=board, title="Neglect toolkit")
    CoursePlanFactory(course=course, start_year=2016, programme=CoursePlan.Programme.AGREED, courses_planned=3)
    for day, places, status in ((4, 20, "delivered"), (11, 15, "cancelled"), (18, 10, "scheduled")):
        SessionFactory(
            course=course,
            starts_on=datetime.date(2016, 10, day),
            places_available=places,
            status=status,
            cancellation_reason="trainer_unavailable" if status == "cancelled" else "",
            cancelled_on=datetime.date(2016, 10, 1) if status == "cancelled" else None,
        )
    return course


def _row(board):
    (row,) = course_tables(board=board, year=YEAR)[CoursePlan.Programme.AGREED].rows
    return row


def test_by_default_places_are_those_of_delivered_sessions_with_cancelled_ones_apart(board, course):
    row = _row(board)
    assert (row.delivered, row.cancelled, row.places_available, row.places_in_cancelled) == (1, 1, 20, 15)
    table = course_tables(board=board, year=YEAR)[CoursePlan.Programme.AGREED]
    assert table.places_label == "Places offered in delivered sessions"
    assert table.totals["places_available"] == 20 and table.totals["places_in_cancelled"] == 15


def test_a_board_that_counts_every_session_says_so_in_the_table(board, course, as_user, board_member):
    TrainingPolicy.objects.create(board=board, places_count=TrainingPolicy.PlacesCount.ALL_SESSIONS)
    row = _row(board)
    assert (row.places_available, row.places_in_cancelled) == (45, 15)
    page = as_user(board_member).get(reverse("training:summary") + "?year=2016/17").content.decode()
    assert "Places offered in all sessions, cancelled ones included" in page
    assert "Places in cancelled sessions" in page


def test_a_cancelled_session_with_places_not_recorded_adds_nothing(board, course):
    Session.objects.filter(status="cancelled").update(places_available=None)
    assert _row(board).places_in_cancelled == 0
