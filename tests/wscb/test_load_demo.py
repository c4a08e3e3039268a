"""load_demo loads the seed's board, agencies and users, prints the logins, and can run again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from partners.models import Board, Partner, StrategicPriority, User
from wscb.roles import Role

pytestmark = pytest.mark.django_db

RETURNING_AGENCIES = {
    "lead.wbccg@demo.test": "WBCCG",
    "lead.wwl-nhs-trust@demo.test": "WWL NHS Trust",
    "lead.bridgewater@demo.test": "Bridgewater",
    "lead.5bp@demo.test": "5BP",
    "lead.gmmh@demo.test": "GMMH",
    "lead.gmp@demo.test": "GMP",
    "lead.probation@demo.test": "Probation",
    "lead.crc@demo.test": "CRC",
    "lead.walh@demo.test": "WALH",
    "lead.wigan-leigh-college@demo.test": "Wigan & Leigh College",
    "lead.ihl@demo.test": "IHL",
}


def load(monkeypatch, password="a demo password for tests"):
    monkeypatch.setenv("DEMO_PASSWORD", password)
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_it_loads_the_board_every_agency_and_a_lead_per_returning_agency(monkeypatch):
    output = load(monkeypatch)
    board = Board.objects.get()
    assert (board.name, board.short_name, board.term) == ("Wigan Safeguarding Children Board", "WSCB", "Board")
    short_names = set(Partner.objects.values_list("short_name", flat=True))
    for named_in_seed in ["Wigan Council", "WBCCG", "GMP", "CAFCASS", "Healthwatch", "NHS England", "HMP Hindley"]:
        assert named_in_seed in short_names
    leads = {u.email: u.partner.short_name for u in User.objects.filter(role=Role.PARTNER_LEAD)}
    assert leads == RETURNING_AGENCIES
    for email in ["admin@demo.test", "support@demo.test", "board@demo.test", *RETURNING_AGENCIES]:
        assert email in output
    assert "Password (from DEMO_PASSWORD): a demo password for tests" in output
    assert StrategicPriority.objects.filter(board=board).count() == 6


def test_running_it_twice_changes_nothing(monkeypatch):
    load(monkeypatch)
    counts = (Board.objects.count(), Partner.objects.count(), User.objects.count(), StrategicPriority.objects.count())
    load(monkeypatch)
    assert counts == (
        Board.objects.count(),
        Partner.objects.count(),
        User.objects.count(),
        StrategicPriority.objects.count(),
    )


def test_without_demo_password_it_generates_and_prints_one(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    out = StringIO()
    call_command("load_demo", stdout=out)
    password = out.getvalue().split("Password (generated now): ")[1].strip()
    assert len(password) >= 12
    assert User.objects.get(email="support@demo.test").check_password(password)


def test_the_demo_logins_work_with_the_password(monkeypatch, client, settings):
    load(monkeypatch, password="harbour moss kettle")
    for email, landing_text in [
        ("support@demo.test", "Set up two-step sign-in"),  # business support must add a second factor first
        ("lead.gmp@demo.test", "Greater Manchester Police"),
    ]:
        client.logout()
        response = client.post(reverse("login"), {"username": email, "password": "harbour moss kettle"}, follow=True)
        assert landing_text in response.content.decode()
