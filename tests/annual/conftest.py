"""Fixtures for the annual report: the seed's demo records on the cast's board."""

import pytest

from partners.demo import PRIORITIES
from partners.models import KeyObjective, StrategicPriority
from reports.annual import demo
from wscb.periods import ReportingYear

YEAR = ReportingYear(2016)


def load_seed_priorities(board):
    for number, (title, objectives) in enumerate(PRIORITIES, start=1):
        priority, _ = StrategicPriority.objects.update_or_create(
            board=board,
            plan_period="2015-18",
            number=number,
            defaults={"first_year": 2015, "last_year": 2017, "title": title},
        )
        for order, text in enumerate(objectives, start=1):
            KeyObjective.objects.update_or_create(priority=priority, order=order, defaults={"text": text})


@pytest.fixture
def year():
    return YEAR


@pytest.fixture
def seeded_board(board):
    """The cast's board with the seed's priorities and every annual-report demo record."""
    load_seed_priorities(board)
    demo.load_for_board(board=board)
    return board


@pytest.fixture
def full_board(seeded_board, agency_a, agency_b, business_support):
    """The seeded board with records in every other app: meetings, training, finance, partner updates."""
    from partners.models import StrategicPriority
    from tests.annual import app_records

    agencies = [agency_a, agency_b]
    priorities = list(StrategicPriority.objects.filter(board=seeded_board).order_by("number"))
    app_records.add_meetings(seeded_board, agencies)
    app_records.add_training(seeded_board, agencies, priorities)
    app_records.add_finance(seeded_board, agencies)
    app_records.add_partner_updates(seeded_board, agencies, reviewer=business_support)
    return seeded_board


@pytest.fixture(scope="module")
def demo_report(django_db_setup, django_db_blocker):
    """The demo's 2016/17 draft report (everything ``load_demo`` loads), for one test module;
    rolled back afterwards."""
    import io
    import os

    from django.core.management import call_command
    from django.db import transaction

    from partners.models import Board
    from reports.annual.assembly import build_report

    with django_db_blocker.unblock(), transaction.atomic():
        previous = os.environ.get("DEMO_PASSWORD")
        os.environ["DEMO_PASSWORD"] = "demo-password-for-tests"
        try:
            call_command("load_demo", stdout=io.StringIO())
        finally:
            if previous is None:
                del os.environ["DEMO_PASSWORD"]
            else:
                os.environ["DEMO_PASSWORD"] = previous
        yield build_report(board=Board.objects.get(short_name="WSCB"), year=YEAR)
        transaction.set_rollback(True)
