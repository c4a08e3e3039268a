"""The report's impact and evaluation table is counted from the learners' evaluations (ratings before
and after on the course's learning outcomes) and impact questionnaires of the year's sessions, never
retyped; where an evaluation score or a number of responses is entered on the plan, the table shows
its difference from the recorded figure."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.training.factories import BookingFactory, CourseFactory, CoursePlanFactory, SessionFactory
from training.models import Booking, CoursePlan, ImpactResponse
from training.reporting import course_tables
from training.selfservice.evaluations import evaluation_submit
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db
YEAR = ReportingYear(2030)


def _attended(session, name):
    return BookingFactory(
        session=session, delegate_name=name, email=f"{name}@example.org", status=Booking.Status.ATTENDED
    )


@pytest.fixture
def evaluated(board):
    course = CourseFactory(board=board, title="A New Mindset", learning_outcomes="Recognise neglect\nShare information")
    CoursePlanFactory(course=course, start_year=2030, programme=CoursePlan.Programme.COMMISSIONED)
    session = SessionFactory(course=course, starts_on=date(2030, 6, 17))
    outcomes = course.outcomes
    for name, before, after in (("ann", (1, 2), (4, 5)), ("bob", (2, 2), (3, 4))):
        booking = _attended(session, name)
        evaluation_submit(
            booking=booking,
            ratings=[{"outcome": o, "before": b, "after": a} for o, b, a in zip(outcomes, before, after, strict=True)],
            comments="",
        )
        ImpactResponse.objects.create(booking=booking, practice_change=5 if name == "ann" else 4)
    # A session of another year does not count in 2030/31.
    other = _attended(SessionFactory(course=course, starts_on=date(2031, 6, 16)), "cat")
    evaluation_submit(booking=other, ratings=[{"outcome": o, "before": 1, "after": 1} for o in outcomes], comments="")
    return course


def _row(board, course):
    [row] = [row for row in course_tables(board=board, year=YEAR)["commissioned"].rows if row.course_id == course.pk]
    return row


def test_the_row_is_counted_from_the_evaluations_and_impact_answers(board, evaluated):
    row = _row(board, evaluated)
    # ann: before 1.5, after 4.5; bob: before 2, after 3.5 -> 1.75 and 4.00
    assert (row.evaluations_recorded, row.rating_before, row.rating_after) == (2, Decimal("1.75"), Decimal("4.00"))
    assert row.rating_change == Decimal("2.25")
    assert (row.impact_responses, row.practice_change) == (2, Decimal("4.50"))
    assert row.score_difference is None and row.responses_difference is None  # nothing entered


def test_an_entered_score_shows_its_difference_from_the_recorded_one(board, evaluated):
    CoursePlan.objects.filter(course=evaluated).update(evaluation_score=Decimal("4.30"), evaluation_responses=41)
    row = _row(board, evaluated)
    assert row.score_difference == Decimal("0.30") and row.responses_difference == 39


def test_the_report_and_the_summary_show_the_recorded_figures_and_the_differences(
    board, evaluated, business_support, board_member
):
    from reports.annual.assembly import build_report
    from reports.annual.outputs import render_html

    CoursePlan.objects.filter(course=evaluated).update(evaluation_score=Decimal("4.30"), evaluation_responses=41)
    html = render_html(build_report(board=board, year=YEAR))
    table = html[html.index("Impact reports and evaluation scores") :]
    table = table[: table.index("</table>")]
    for text in ("Before", "After", "Change", "Practice changed", "Entered less recorded after"):
        assert text in table
    for value in ("1.75", "4.00", "+2.25", "4.50", "+0.30", "+39"):
        assert f">{value}<" in table
    page = client_for(board_member).get(reverse("training:summary"), {"year": YEAR.label}).content.decode()
    assert "1.75 / 4.00" in page and "+0.30 on the recorded" in page and "2 (4.50)" in page


def test_a_course_with_no_answers_shows_no_recorded_figures(board):
    course = CourseFactory(board=board, title="Quiet course")
    CoursePlanFactory(course=course, start_year=2030, programme=CoursePlan.Programme.AGREED)
    [row] = course_tables(board=board, year=YEAR)["agreed"].rows
    assert (row.evaluations_recorded, row.rating_after, row.impact_responses) == (None, None, None)
    assert not row.is_evaluated
