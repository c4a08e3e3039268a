"""Business support edits the foreword, runs the readiness check and publishes: the request comes back
at once (the status page), a real worker process lays the report out, the status page follows it to
"done" and links the version; a board member opens the published PDF."""

import re

import pytest

from reports.annual.models import PublishedReport
from tests.annual.factories import NarrativeFactory
from tests.jobs.worker import WorkerProcess

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    process = WorkerProcess()
    yield process
    process.stop()
    process.close()


def test_business_support_publishes_through_a_worker_and_a_board_member_opens_the_pdf(
    business_support, board_member, board, sign_in, live_server, assert_accessible, worker
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
    page.get_by_role("link", name="Continue to publish").click()
    page.get_by_label("I have run the readiness check and want to publish this version").check()
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Publish").click()
    response = posted.value
    assert response.status == 302
    assert response.request.timing["responseEnd"] < 1000, response.request.timing  # milliseconds
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))
    assert page.get_by_role("heading", name="Publish the 2016/17 annual report").is_visible()
    assert "The 2016/17 report is being published." in page.content()
    assert_accessible(page)

    result = page.get_by_role("link", name="Read version 1 of the 2016/17 report")
    result.wait_for(timeout=180_000)  # the page's own script follows the job and shows the result
    assert page.get_by_text("Version 1 is published").is_visible()
    assert_accessible(page)
    result.click()
    page.wait_for_load_state()
    assert "A <strong>strong</strong> year" in page.content()
    published = PublishedReport.objects.get()
    assert published.number == 1

    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    page = sign_in(board_member)
    page.get_by_role("link", name="Annual report").first.click()
    link = page.get_by_role("row", name="2016/17").get_by_role("link", name="PDF")
    pdf = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
