"""Business support edits the foreword, runs the readiness check and publishes; a board member
opens the published PDF."""

import pytest

from reports.annual.models import PublishedReport
from tests.annual.factories import NarrativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_business_support_publishes_and_a_board_member_opens_the_pdf(
    business_support, board_member, board, sign_in, live_server
):
    NarrativeFactory(board=board, year_start=2016, kind="foreword", body="Draft foreword.")
    page = sign_in(business_support)
    page.get_by_role("link", name="Annual report").first.click()
    page.get_by_role("row", name="2016/17").get_by_role("link", name="Draft on screen").click()
    page.get_by_role("link", name="Edit the foreword").click()
    page.get_by_label("Text (Markdown)").fill("A **strong** year for the partnership.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Foreword saved." in page.content()
    assert page.locator("#section-foreword strong").inner_text() == "strong"

    page.get_by_role("link", name="Run the readiness check").click()
    assert page.get_by_role("heading", name="Readiness check: 2016/17 report").is_visible()
    assert page.get_by_text("Training and its impact: no training records are available yet.").is_visible()
    page.get_by_role("link", name="Continue to publish").click()
    page.get_by_label("I have run the readiness check and want to publish this version").check()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    assert "Version 1 of the 2016/17 report is published." in page.content()
    published = PublishedReport.objects.get()
    assert "A <strong>strong</strong> year" in published.html

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    page = sign_in(board_member)
    page.get_by_role("link", name="Annual report").first.click()
    link = page.get_by_role("row", name="2016/17").get_by_role("link", name="PDF")
    href = link.get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
