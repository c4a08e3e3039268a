"""The training summary and the functions behind it run a bounded number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.query_budgets import YEARS_FIRST_TIME
from tests.training.factories import CourseFactory, ModuleFactory
from training.models import Booking, CoursePlan, ELearningEnrolment, Session
from training.reporting import charges_by_agency, training_report
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db
YEAR = ReportingYear(2016)
STATUSES = ["attended", "did_not_attend", "cancelled", "booked"]


def _build(board, agencies, courses: int, sessions_per_course: int, bookings_per_session: int) -> None:
    module = ModuleFactory(board=board)
    for number in range(courses):
        course = CourseFactory(board=board)
        CoursePlan.objects.create(course=course, start_year=2016, programme="agreed", courses_planned=2)
        sessions = Session.objects.bulk_create(
            Session(course=course, starts_on=date(2016, 5, 1) + timedelta(days=day), places_available=30)
            for day in range(sessions_per_course)
        )
        Booking.objects.bulk_create(
            Booking(
                session=session,
                delegate_name=f"D {number} {index}",
                partner=agencies[index % 2],
                status=STATUSES[index % 4],
                is_late_cancellation=True,
            )
            for session in sessions
            for index in range(bookings_per_session)
        )
        ELearningEnrolment.objects.bulk_create(
            ELearningEnrolment(
                module=module, learner_name=f"L {number} {i}", partner=agencies[i % 2], allocated_on=date(2016, 6, 1)
            )
            for i in range(bookings_per_session)
        )


@pytest.mark.parametrize("size", [(2, 1, 2), (12, 4, 10)], ids=["small", "larger"])
def test_the_report_functions_run_the_same_few_queries_at_any_size(
    size, board, agency_a, agency_b, django_assert_max_num_queries
):
    _build(board, [agency_a, agency_b], *size)
    with django_assert_max_num_queries(13):
        report = training_report(board=board, year=YEAR)
    with django_assert_max_num_queries(3):
        charges_by_agency(board=board, year=YEAR)
    courses, sessions, bookings = size
    assert report.summary.recorded.booked == courses * sessions * bookings
    assert len(report.tables["agreed"].rows) == courses


@pytest.mark.parametrize("size", [(2, 1, 2), (12, 4, 10)], ids=["small", "larger"])
def test_the_summary_page_runs_a_bounded_number_of_queries(
    size, board, agency_a, agency_b, business_support, as_user, django_assert_max_num_queries
):
    _build(board, [agency_a, agency_b], *size)
    client = as_user(business_support)
    # 20 + the second-factor device check + the chart and the page stored in the cache on a first view, and
    # the board's years for the year chooser, found and kept the first time (wscb.years)
    with django_assert_max_num_queries(24 + YEARS_FIRST_TIME):
        response = client.get(reverse("training:summary"), {"year": "2016/17"})
    assert response.status_code == 200
    assert "<svg" in response.content.decode()
