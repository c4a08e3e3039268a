"""With the demo loaded and today in 2026/27, every page opens on the demo's 2016/17: a board member's
start page and dashboard show its figures, the attendance summary offers it, and business support's
start page is on it and its work-queue link opens that year's page listing the session it counts.

The demo holds only what the seed states (course totals, no 2016/17 sessions; its only sessions are
upcoming ones in the current year), so the test records the one past 2016/17 session left unmarked."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from partners.models import User
from tests.training.factories import SessionFactory
from training.models import Course, Session
from wscb.periods import ReportingYear
from wscb.scoping import scopes_disabled

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a demo password for the year journey"
#: A demo course whose 2016/17 row the seed gives as 20 attended although no date was delivered.
UNMARKED_COURSE = "Safeguarding Children with Disabilities"


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

    with scopes_disabled():
        course = Course.objects.get(board__users__email="support@demo.test", title=UNMARKED_COURSE)
        assert not Session.objects.filter(course__board=course.board, starts_on__lt=timezone.localdate()).exists()
        SessionFactory(course=course, starts_on=datetime.date(2016, 8, 29), status=Session.Status.SCHEDULED)
    page = sign_in(User.objects.get(email="support@demo.test"), password=PASSWORD)
    assert "reporting year 2016/17" in page.locator(".lead").inner_text()
    link = page.get_by_role("link", name="1 training session needs attendance marking (2016/17)")
    link.click()
    page.wait_for_load_state()
    assert "year=2016%2F17" in page.url
    assert "29/08/2016" in page.locator("main").inner_text()
    assert datetime.date(2016, 8, 29) in ReportingYear(2016)
