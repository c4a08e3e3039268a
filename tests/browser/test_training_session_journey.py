"""Business support adds a session, books three delegates, marks attendance; the figures follow."""

import pytest

from tests.training.factories import CourseFactory
from wscb.periods import ReportingYear

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _measure(page, selector: str, measure: str) -> str:
    return page.locator(f'{selector} [data-measure="{measure}"]').inner_text().strip()


def test_business_support_runs_a_session_and_the_summary_and_uptake_change(
    board, agency_a, business_support, sign_in, live_server
):
    CourseFactory(board=board, title="Safe Sleep Training")
    year = ReportingYear.current()
    day = year.start.replace(month=9, day=15)
    page = sign_in(business_support)
    summary_url = f"{live_server.url}/training/?year={year.label}"
    page.goto(summary_url)
    assert _measure(page, "#places", "booked") == "Not recorded"  # no booking yet: not "0"

    page.get_by_role("link", name="Training", exact=True).first.click()
    page.goto(f"{live_server.url}/training/sessions/add/")
    page.get_by_label("Course").select_option(label="Safe Sleep Training")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Start time").fill("09:30")
    page.get_by_label("End time").fill("12:30")
    page.get_by_label("Venue").fill("Wigan Life Centre")
    page.get_by_label("Places available").fill("10")
    page.get_by_role("button", name="Add the session").click()
    page.wait_for_load_state()
    assert "Session added" in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="Book a team").click()
    page.get_by_label("Agency", exact=True).select_option(label="Agency A Trust")
    page.get_by_label("Delegates").fill(
        "Ann Ashton, ann@example.org, Nurse\nBob Bolton, bob@example.org, Health visitor\nCat Crompton"
    )
    page.get_by_role("button", name="Book the team").click()
    page.wait_for_load_state()
    assert "3 booked, 0 on the waiting list" in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="Mark attendance").click()
    page.get_by_label("Ann Ashton: Attended").check()
    page.get_by_label("Bob Bolton: Did not attend").check()
    page.get_by_label("Cat Crompton: Cancelled").check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state()
    assert page.locator("#session-status").inner_text().startswith("Delivered")

    page.goto(summary_url)
    assert [_measure(page, "#places", name) for name in ("booked", "attended", "cancelled", "did_not_attend")] == [
        "3",
        "1",
        "1",
        "1",
    ]
    page.get_by_role("link", name="Agency A Trust").click()
    page.wait_for_load_state()
    assert [
        _measure(page, "#agency-uptake", name) for name in ("booked", "attended", "did_not_attend", "cancelled")
    ] == [
        "3",
        "1",
        "1",
        "1",
    ]
