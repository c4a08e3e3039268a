"""Fixtures for the dashboard tests: the demo board as load_demo builds it."""

from io import StringIO

import pytest
from django.core.management import call_command

from partners.models import Board, User


@pytest.fixture
def demo(db, monkeypatch):
    """The seed's board with every app's demo records, and its users by email."""
    monkeypatch.setenv("DEMO_PASSWORD", "a demo password for tests")
    call_command("load_demo", stdout=StringIO())
    return Board.objects.get(short_name="WSCB")


@pytest.fixture
def demo_user():
    def _user(email):
        return User.objects.get(email=email)

    return _user
