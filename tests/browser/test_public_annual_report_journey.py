"""A member of the public, without signing in, finds the board's published reports, reads the
latest on its page and downloads its PDF; both pages pass axe."""

import pytest

from reports.annual import services
from tests.annual.factories import NarrativeFactory
from wscb.periods import ReportingYear

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_reads_the_published_report_without_signing_in(
    business_support, board, page, live_server, assert_accessible
):
    NarrativeFactory(board=board, year_start=2016, kind="foreword", body="A public foreword.")
    services.report_publish(board=board, year=ReportingYear(2016), by=business_support)

    page.goto(f"{live_server.url}/published/wscb/")
    assert page.get_by_role("heading", name="Annual reports").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Annual report 2016/17").click()
    page.wait_for_load_state()
    assert page.url.endswith("/published/wscb/2016-17/")
    assert page.get_by_text("A public foreword.").is_visible()
    assert page.get_by_role("link", name="Sign in").count() == 0
    assert_accessible(page)
    href = page.get_by_role("link", name="Download the PDF").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200 and response.body().startswith(b"%PDF")
