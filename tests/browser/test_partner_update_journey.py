"""The partner-update journey in Chromium: a lead fills two sections over two visits and submits;
business support comments and returns it; the lead amends and resubmits; business support accepts;
the update appears in the year's compiled partner updates."""

from datetime import date

import pytest

from reports.selfreports import services
from reports.selfreports.models import FormSection, FormTemplate, Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_section_round(board, agency_a, lead_a, business_support):
    template = FormTemplate.objects.create(board=board, start_year=2016, title="Partner annual update")
    for order, (heading, key, text) in enumerate(
        [
            ("Policies and guidance", "policies", "What changed in your policies?"),
            ("Safeguarding training", "training", "Who did you train?"),
        ],
        start=1,
    ):
        section = FormSection.objects.create(template=template, order=order, heading=heading)
        Question.objects.create(section=section, key=key, text=text, kind=Question.Kind.LONG_TEXT)
    return services.round_open(
        board=board, template=template, deadline=date(2031, 5, 31), agencies=[agency_a], by=business_support
    )


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def _fill_section(page, heading, question, text):
    page.get_by_role("link", name=heading).click()
    page.get_by_label(question).fill(text)
    page.get_by_role("button", name="Save as draft").click()
    assert page.get_by_text(f'"{heading}" saved as a draft.').is_visible()


def test_the_whole_partner_update_journey(two_section_round, lead_a, business_support, sign_in, live_server):
    # First sitting: the lead starts from their start page and fills one section.
    page = sign_in(lead_a)
    page.get_by_role("link", name="Annual update 2016/17").click()
    _fill_section(page, "Policies and guidance", "What changed in your policies?", "We rewrote the CSE policy.")
    _sign_out(page)

    # Second sitting: the first answer is still there; fill the other section and submit.
    page = sign_in(lead_a)
    page.get_by_role("link", name="Annual update 2016/17").click()
    assert page.get_by_role("row", name="Policies and guidance").get_by_text("Completed").is_visible()
    _fill_section(page, "Safeguarding training", "Who did you train?", "Forty staff at level 3.")
    page.get_by_role("button", name="Submit the update").click()
    assert page.get_by_text("Your update has been submitted").is_visible()
    _sign_out(page)

    # Business support challenges one section and returns the update.
    page = sign_in(business_support)
    page.get_by_role("link", name="partner update tracker").click()
    page.get_by_role("link", name="2016/17 tracker").click()
    page.get_by_role("link", name="Agency A Trust").click()
    page.locator("summary", has_text="Add a comment").nth(1).click()
    page.get_by_label('Comment for the agency on "Safeguarding training"').fill("Please add evidence of impact.")
    page.get_by_role("button", name="Add comment").click()  # only the opened one is visible
    assert page.get_by_text("Please add evidence of impact.").first.is_visible()
    page.get_by_role("button", name="Return to the agency with comments").click()
    assert page.get_by_text("returned for changes").first.is_visible()
    _sign_out(page)

    # The lead sees the comment, amends the section and resubmits.
    page = sign_in(lead_a)
    page.get_by_role("link", name="Annual update 2016/17").click()
    assert page.get_by_text("Please add evidence of impact.").is_visible()
    page.get_by_role("link", name="Safeguarding training").click()
    page.get_by_label("Who did you train?").fill("Forty staff at level 3; audits show better referrals.")
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_role("button", name="Submit the update").click()
    assert page.get_by_text("Your update has been submitted").is_visible()
    _sign_out(page)

    # Business support accepts; the update appears in the compiled partner updates for 2016/17.
    page = sign_in(business_support)
    page.get_by_role("link", name="partner update tracker").click()
    page.get_by_role("link", name="2016/17 tracker").click()
    page.get_by_role("link", name="Agency A Trust").click()
    page.get_by_role("button", name="Accept the update").click()
    assert page.get_by_text("update accepted").is_visible()
    page.goto(f"{live_server.url}/reports/updates/year/2016/")
    assert page.get_by_role("heading", name="Agency A Trust").is_visible()
    assert page.get_by_text("Forty staff at level 3; audits show better referrals.").is_visible()
    assert page.get_by_text("We rewrote the CSE policy.").is_visible()
