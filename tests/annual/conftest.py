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
