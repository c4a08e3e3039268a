"""Fixtures for the training tests: a course and a small session on the cast's board."""

from datetime import date

import pytest

from tests.training.factories import CourseFactory, SessionFactory


@pytest.fixture
def course(board):
    return CourseFactory(board=board, title="Safe Sleep Training")


@pytest.fixture
def small_session(course):
    """Two places, a month away."""
    return SessionFactory(course=course, starts_on=date(2030, 6, 14), places_available=2)


@pytest.fixture(autouse=True)
def _learners_kept(settings):
    """Tests that run the schedule years ahead (freezegun) would see the retention job anonymise the
    learners made today; tests/training/test_learner_retention.py sets the period it tests."""
    settings.LEARNER_RETENTION_YEARS = 100
