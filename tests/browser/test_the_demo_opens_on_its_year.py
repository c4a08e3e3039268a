"""With the demo loaded and today in 2026/27, every page opens on the demo's 2016/17: a board member's
start page and dashboard show its figures, the attendance summary offers it, and business support's
work-queue link opens the page listing the session it counts."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from partners.models import User
from wscb.periods import ReportingYear

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a demo password for the year journey"


def test_the_demo_opens_on_2016_17_for_a_board_member_and_business_support(
    monkeypatch, sign_in, live_server, assert_accessible, context
):
    assert ReportingYear.containing(timezone.localdate()) >= ReportingYear(2026), "today is long after the demo"
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("load_demo", stdout=StringIO())

    page = sign_in(User.objects.get(email="board@demo.test"), password=PASSWORD)
    assert "reporting year 2016/17" in page.locator(".lead").inner_text()
    page.get_by_role("link", name="Open the dashboard").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Board dashboard, 2016/17"
    assert "CAFCASS: 33.3%" in page.locator("#attendance-flags").inner_text()
    assert_accessible(page)
    page.goto(f"{live_server.url}/meetings/attendance/")
    chooser = page.get_by_label("Reporting year")
    assert chooser.input_value() == "2016/17"
    assert "2016/17" in chooser.locator("option").all_inner_texts()
    context.clear_cookies()

    page = sign_in(User.objects.get(email="support@demo.test"), password=PASSWORD)
    link = page.get_by_role("link", name="1 training session needs attendance marking (2016/17)")
    link.click()
    page.wait_for_load_state()
    assert "year=2016%2F17" in page.url
    assert "29/08/2016" in page.locator("main").inner_text()
    assert datetime.date(2016, 8, 29) in ReportingYear(2016)
