"""The demo's 2016/17 records give back the seed's tables, row by row, and its headline discrepancy,
from the totals the seed states: no invented sessions, bookings or licences."""

from decimal import Decimal

import pytest

from partners import demo as partner_demo
from training import demo
from training.reporting import course_tables, elearning_figures, reconciliation, training_report
from wscb.periods import ReportingYear

YEAR = ReportingYear(2016)

# Typed from shared/seed/wscb-annual-report-2016-17.txt section 7 (None = blank cell):
# (planned, delivered, places available, attended)
SEED_TABLE_ONE = [
    (4, 2, 66, 23),
    (6, 4, 132, 68),
    (3, 2, 54, 16),
    (3, 3, 60, 49),
    (2, 1, 36, 14),
    (4, 4, None, None),
    (5, 0, 90, 0),
    (3, 2, 54, 35),
    (3, 1, 45, 6),
    (2, 3, 150, 15),
    (2, 0, 36, 0),
    (3, 3, 56, 50),
    (7, 7, 200, 88),
    (3, 2, 54, 15),
    (18, 16, 320, 232),
]
SEED_TABLE_TWO = [
    (0, 0, 0, 0),
    (3, 0, 0, 0),
    (0, 0, 0, 0),
    (6, 3, 120, 32),
    (0, 0, 0, 0),
    (0, 0, 0, 0),
    (3, 1, 54, 10),
    (4, 0, 320, 0),
    (None, None, None, None),
    (2, 0, 36, 0),
    (0, 0, 0, 0),
    (0, 0, 0, 0),
    (3, 0, 54, 20),
    (6, 5, 120, 80),
    (5, 3, 100, 41),
    (2, 2, 80, 34),
    (3, 2, 48, 28),
    (2, 0, None, None),
    (0, 0, 0, 0),
    (0, 0, 0, 0),
]
# (impact report, planned, delivered, cancelled, places available, attended)
SEED_COMMISSIONED = [
    (True, 1, 1, 0, 25, 25),
    (True, 1, 1, 0, 100, 90),
    (True, 1, 1, 0, 25, 26),
    (True, 2, 2, 0, 100, 54),
    (True, 6, 5, 1, 480, 246),
    (True, 6, 6, 0, 530, 414),
]


@pytest.fixture(scope="module")
def demo_board(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            board = partner_demo.load(password="demo password for tests")["board"]
            demo.load_for_board(board=board)
            yield board
            transaction.set_rollback(True)


@pytest.fixture
def tables(demo_board, db):
    return course_tables(board=demo_board, year=YEAR)


def test_table_one_equals_the_seed_row_by_row(tables):
    rows = tables["agreed"].rows
    assert [row.title for row in rows] == [title for title, *_ in demo.TABLE_ONE]
    assert [(r.planned, r.delivered, r.places_available, r.attended) for r in rows] == SEED_TABLE_ONE


def test_table_two_equals_the_seed_row_by_row(tables):
    rows = tables["not_agreed"].rows
    assert [row.title for row in rows] == [title for title, *_ in demo.TABLE_TWO]
    assert [(r.planned, r.delivered, r.places_available, r.attended) for r in rows] == SEED_TABLE_TWO


def test_the_commissioned_table_equals_the_seed_row_by_row(tables):
    rows = tables["commissioned"].rows
    computed = [
        (r.has_impact_report, r.planned, r.delivered, r.cancelled, r.places_available, r.attended) for r in rows
    ]
    assert computed == SEED_COMMISSIONED


def test_the_headline_discrepancy_of_307_places_is_shown(demo_board, db):
    report = training_report(board=demo_board, year=YEAR)
    assert report.summary.stated.booked == 2603
    assert report.summary.stated.unaccounted == 307
    line = report.reconciliation[0]
    assert (line.stated, line.expected, line.difference) == (2603, 2296, 307)
    assert report.summary.attended_change.number == -1124
    assert report.summary.attended_change.percent == Decimal("-42.9")


def test_e_learning_figures_are_the_stated_totals_by_module_and_are_reconciled(demo_board, db):
    figures = elearning_figures(board=demo_board, year=YEAR)
    assert figures.modules_source == "stated"
    assert figures.allocated is None  # the seed gives no allocations by module
    assert {module.allocated for module in figures.modules} == {None}
    assert figures.completed == 3123
    assert figures.modules[0].title.startswith("Awareness of Child Abuse")
    assert figures.modules[0].completed == 1087
    assert figures.cost is None and figures.cost_per_licence == Decimal("1.53")  # stated, no package cost
    assert figures.previous_cost_per_licence == Decimal("1.68")
    report = training_report(board=demo_board, year=YEAR)
    lines = {
        line.label: line.difference
        for line in reconciliation(summary=report.summary, cancellations=report.cancellations, elearning=figures)
    }
    assert lines["E-learning completions (stated)"] == 3274 - 3123
    assert "Sessions cancelled (stated)" not in lines  # no session is recorded to count against


def test_cancellations_by_reason_are_the_stated_counts_and_none_are_counted(demo_board, db):
    cancellations = training_report(board=demo_board, year=YEAR).cancellations
    counts = {row.reason: (row.count, row.stated) for row in cancellations.rows}
    assert counts["trainer_unavailable"] == (None, 11)
    assert counts["room_unavailable"] == (None, 2)
    assert counts["lack_of_participants"] == (None, 34)
    assert (cancellations.total, cancellations.stated_total) == (None, 47)
    assert cancellations.planned == 68 + 39 + 17


def test_the_demo_records_no_session_booking_or_licence_in_the_seed_year_and_loads_twice_alike(demo_board, db):
    from training.models import Booking, CoursePlan, ELearningEnrolment, ELearningModuleTotal, Session

    # The catalogue's upcoming demo sessions (and the first demo learner's booking) are after the seed's year.
    assert not Session.objects.filter(starts_on__lte=YEAR.end).exists()
    assert not Booking.objects.filter(session__starts_on__lte=YEAR.end).exists()
    assert ELearningEnrolment.objects.count() == 0
    before = (CoursePlan.objects.count(), ELearningModuleTotal.objects.count(), Session.objects.count())
    demo.load_for_board(board=demo_board)
    after = (CoursePlan.objects.count(), ELearningModuleTotal.objects.count(), Session.objects.count())
    assert after == before == (41, 14, 3)


def test_the_summary_page_shows_the_headline_discrepancy_and_its_size(demo_board, db):
    from django.test import Client
    from django.urls import reverse

    from partners.models import User

    client = Client()
    client.force_login(User.objects.get(email="board@demo.test"))
    response = client.get(reverse("training:summary"), {"year": "2016/17"})
    assert response.status_code == 200
    [headline] = [line for line in response.context["report"].reconciliation if "against its parts" in line.label]
    assert (headline.stated, headline.expected, headline.difference) == (2603, 2296, 307)
    page = response.content.decode()
    assert "stated attended + cancelled + did not attend" in page
    assert '<td class="text-end fw-bold">307</td>' in page
