"""Each training figure the annual report, the summary page, the dashboards and the agency pages
read costs exactly one query, at any data size, and its querysets can join a caller's own batch."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Partner, StrategicPriority
from tests.training.factories import CourseFactory, CoursePlanFactory, ModuleFactory
from training import reporting
from training.models import (
    Booking,
    ChargeRate,
    CoursePlan,
    ELearningEnrolment,
    ELearningPackage,
    OtherActivity,
    Session,
    YearStatement,
)
from wscb.data.batching import fetch
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db
YEAR = ReportingYear(2016)
STATUSES = [Booking.Status.ATTENDED, Booking.Status.DID_NOT_ATTEND, Booking.Status.CANCELLED, Booking.Status.BOOKED]
SMALL, LARGE = 3, 9


@pytest.fixture(autouse=True)
def json_support_checked(board):
    """SQLite checks once per connection whether it has JSON functions: not part of any budget."""
    fetch(warm_up=Partner.objects.values("pk"))


def build(board, agencies, size: int) -> dict:
    """``size`` courses tagged to a priority, each with a plan, ``size`` sessions (one cancelled) of
    ``size`` bookings in this year and one last year; ``size`` e-learning licences per module; the
    year's statement, package, other activity and charge rates. Returns the expected figures."""
    priority = StrategicPriority.objects.create(
        board=board, plan_period="2015-18", first_year=2015, last_year=2017, number=1, title="Early help"
    )
    for sector in (Partner.Sector.HEALTH, Partner.Sector.POLICE, Partner.Sector.VOLUNTARY):
        for reason, amount in (("did_not_attend", "50.00"), ("late_cancellation", "25.00")):
            ChargeRate.objects.create(board=board, sector=sector, reason=reason, amount=Decimal(amount))
    YearStatement.objects.create(board=board, start_year=2016, source="Stated", places_booked=1, sessions_cancelled=9)
    ELearningPackage.objects.create(board=board, start_year=2016, licences_purchased=100, cost=Decimal("900.00"))
    ELearningPackage.objects.create(board=board, start_year=2015, licences_purchased=50, cost=Decimal("600.00"))
    for start_year, people in ((2015, 10), (2016, 12)):
        OtherActivity.objects.create(
            board=board,
            start_year=start_year,
            kind=OtherActivity.Kind.choices[0][0],
            description="Schools",
            people_trained=people,
        )
    modules = [ModuleFactory(board=board, title=f"Module {n}") for n in range(2)]
    for number in range(size):
        course = CourseFactory(board=board, title=f"Course {number:02d}")
        course.priorities.add(priority)
        CoursePlanFactory(course=course, programme=CoursePlan.Programme.AGREED, courses_planned=3, position=number)
        sessions = Session.objects.bulk_create(
            [
                Session(
                    course=course,
                    starts_on=date(2016, 5, 1) + timedelta(days=day),
                    places_available=20,
                    status=Session.Status.CANCELLED if day == 0 else Session.Status.DELIVERED,
                    cancellation_reason="trainer_unavailable" if day == 0 else "",
                )
                for day in range(size)
            ]
            + [Session(course=course, starts_on=date(2015, 9, 1), places_available=20)]
        )
        Booking.objects.bulk_create(
            Booking(
                session=session,
                delegate_name=f"D {number} {session.pk} {index}",
                partner=None if index % 3 == 2 else agencies[index % 2],
                organisation_name="Community club" if index % 3 == 2 else "",
                status=STATUSES[index % 4],
                is_late_cancellation=True,
            )
            for session in sessions
            for index in range(size)
        )
        ELearningEnrolment.objects.bulk_create(
            ELearningEnrolment(
                module=module,
                learner_name=f"L {number} {module.pk} {index}",
                partner=agencies[index % 2],
                allocated_on=date(2016, 6, 1),
                completed_on=date(2016, 7, 1) if index % 2 else None,
            )
            for module in modules
            for index in range(size)
        )
    return {"courses": size, "booked_this_year": size * size * size, "priority": priority.pk}


@pytest.fixture(params=[SMALL, LARGE], ids=["small", "larger"])
def figures(request, board, agency_a, agency_b):
    agency_a.sector, agency_b.sector = Partner.Sector.HEALTH, Partner.Sector.POLICE
    agency_a.save()
    agency_b.save()
    return build(board, [agency_a, agency_b], request.param)


FUNCTIONS = [
    "training_report",
    "training_income",
    "courses_by_priority",
    "training_summary",
    "course_tables",
    "cancellations_by_reason",
    "elearning_figures",
    "uptake_by_agency",
    "charges_by_agency",
    "other_activity",
]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_report_facing_training_function_costs_exactly_one_query(name, figures, board, django_assert_num_queries):
    with django_assert_num_queries(1):
        result = getattr(reporting, name)(board=board, year=YEAR)
    assert result  # every figure has something to show for this data


@pytest.mark.parametrize("name", ["uptake_by_agency", "charges_by_agency"])
def test_one_agencys_uptake_and_charges_cost_exactly_one_query(
    name, figures, board, agency_a, django_assert_num_queries
):
    with django_assert_num_queries(1):
        (line,) = getattr(reporting, name)(board=board, year=YEAR, partner=agency_a)
    assert line.partner_id == agency_a.pk


def test_the_figures_are_what_the_records_say(figures, board, agency_a):
    size = figures["courses"]
    report = reporting.training_report(board=board, year=YEAR)
    assert report.summary.recorded.booked == figures["booked_this_year"]
    assert report.summary.previous_recorded.booked == size * size
    assert report.summary.stated.booked == 1
    assert [row.title for row in report.tables["agreed"].rows] == [f"Course {n:02d}" for n in range(size)]
    assert report.tables["agreed"].totals["planned"] == 3 * size
    assert report.tables["agreed"].totals["delivered"] == (size - 1) * size
    assert report.cancellations.total == size
    assert report.cancellations.planned == 3 * size
    assert report.cancellations.stated_total == 9
    assert report.elearning.allocated == 2 * size * size
    assert report.elearning.cost_per_licence == Decimal("9.00")
    assert report.elearning.previous_cost_per_licence == Decimal("12.00")
    assert [(row.description, row.people_trained, row.previous_people_trained) for row in report.activity] == [
        ("Schools", 12, 10)
    ]
    assert {uptake.name for uptake in report.uptake} == {"Agency A Trust", "Agency B Police", "Community club"}
    assert reporting.courses_by_priority(board=board, year=YEAR) == {figures["priority"]: size}
    charges = reporting.charges_by_agency(board=board, year=YEAR)
    assert reporting.training_income(board=board, year=YEAR) == sum(line.amount for line in charges)
    assert reporting.training_income(board=board, year=YEAR) > 0


def test_a_caller_can_send_the_report_the_income_and_the_evidence_in_one_batch(figures, board):
    courses = reporting.courses_per_priority_queryset(board=board, year=YEAR)  # unevaluated: no query yet
    parts = {
        **reporting.training_report_queries(board=board, year=YEAR),
        **reporting.training_income_queries(board=board, year=YEAR),
        "courses_per_priority": courses,
    }
    with CaptureQueriesContext(connection) as queries:
        rows = fetch(**parts)
    assert len(queries.captured_queries) == 1
    assert dict(rows["courses_per_priority"]) == reporting.courses_by_priority(board=board, year=YEAR)
    assert reporting.training_income_from_rows(year=YEAR, rows=rows) == reporting.training_income(
        board=board, year=YEAR
    )
    assert reporting.training_report_from_rows(year=YEAR, rows=rows) == reporting.training_report(
        board=board, year=YEAR
    )


def test_with_no_records_the_figures_are_not_recorded_or_blank_in_one_query(board, django_assert_num_queries):
    with django_assert_num_queries(1):
        report = reporting.training_report(board=board, year=YEAR)
    # No booking at all: "not recorded", not zeros (a zero would claim that nobody booked).
    assert report.summary.recorded == reporting.PlaceCounts(None, None, None, None)
    assert not report.summary.recorded.is_recorded
    assert report.summary.stated is None
    assert all(not table.rows for table in report.tables.values())
    assert (report.cancellations.total, report.cancellations.planned) == (None, 0)
    assert (report.elearning.allocated, report.elearning.licences_purchased) == (None, None)
    assert not report.elearning.is_recorded
    assert (report.uptake, report.activity, report.reconciliation) == ([], [], [])
    assert reporting.training_income(board=board, year=YEAR) == Decimal("0.00")
    assert reporting.courses_by_priority(board=board, year=YEAR) == {}


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "larger"])
def test_the_summary_and_agency_pages_cost_the_same_few_queries_at_any_size(
    size, board, agency_a, agency_b, business_support, as_user
):
    build(board, [agency_a, agency_b], size)
    client = as_user(business_support)
    counts = {}
    for name, args in (("training:summary", []), ("training:agency", [agency_a.pk])):
        url = reverse(name, args=args) + "?year=2016/17"
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts[name] = len(queries.captured_queries)
    # Session, user, second factor and board, the board's years for the year chooser (wscb.years, kept
    # under the board's data version), then the page's own: for the summary, a repeated view is the data
    # version and the page kept for it (wscb.data.page_cache); for the agency page the data version, and
    # its uptake, charges and bookings list.
    assert counts == {"training:summary": 10, "training:agency": 13}
