"""A board member opens the dashboard for 2016/17 and follows an agency flagged for low attendance
to its assurance profile; both pages pass the accessibility check."""

from io import StringIO

import pytest
from django.core.management import call_command

from partners.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a demo password for the dashboard journey"


def test_a_board_member_follows_a_low_attendance_flag_to_the_agency_profile(
    monkeypatch, sign_in, live_server, assert_accessible
):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("load_demo", stdout=StringIO())
    member = User.objects.get(email="board@demo.test")

    page = sign_in(member, password=PASSWORD)
    page.get_by_role("link", name="Open the dashboard").click()
    page.wait_for_load_state()
    page.get_by_label("Reporting year").select_option("2016/17")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Board dashboard, 2016/17"
    flags = page.locator("#attendance-flags")
    assert "CAFCASS: 33.3% at Wigan Safeguarding Children Board (threshold 50%)" in flags.inner_text()
    assert_accessible(page)

    flags.get_by_role("link", name="CAFCASS").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().endswith("assurance profile, 2016/17")
    rates = page.locator("#profile-rates")
    assert "33.3%" in rates.inner_text()
    assert "Below the 50% threshold" in rates.inner_text()
    assert_accessible(page)
