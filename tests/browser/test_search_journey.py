"""A partner lead searches from the header: types in the box and presses Enter, hears how many
results there are, sees each result's type, narrows to one kind, and opens a result; never a record
of another agency. The results page passes axe and reflows at 320 px."""

import pytest

from tests.reports import search_records
from tests.reports.search_records import WORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_searches_from_the_header_and_opens_a_result(cast, sign_in, assert_accessible, live_server):
    records = search_records.build(cast)
    page = sign_in(cast.lead_a)

    box = page.get_by_role("search", name="Search the portal").get_by_label("Search the portal")
    box.fill(WORD)
    box.press("Enter")
    page.wait_for_load_state()

    status = page.get_by_role("status").filter(has_text="results for")
    assert status.inner_text().startswith("9 results for “Kestrel”")
    results = page.locator("#search-results li")
    assert results.count() == 9
    labels = set(results.locator(".badge").all_inner_texts())
    assert {"Agency", "Person", "Meeting", "Agenda item", "Paper", "Decision", "Action", "Partner update"} <= labels
    assert "Agency B" not in page.locator("#search-results").inner_text()
    assert_accessible(page)
    page.screenshot(path="/tmp/issue-24-search.png", full_page=True)

    page.get_by_label("Show", exact=True).select_option(label="Case studies")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.wait_for_load_state()
    assert results.count() == 1
    page.get_by_role("link", name=records.a.case_study.title).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().strip() != ""
    assert f"/case-studies/{records.a.case_study.pk}/" in page.url

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/search/?q={WORD}")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
