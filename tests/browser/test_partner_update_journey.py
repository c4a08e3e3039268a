"""The partner-update journey in Chromium, as a self-assessment: a lead answers a text section and rating
questions over two sittings, attaches evidence to the rating, raises the action the rating suggests,
checks the answers and declares, and submits; business support comments on one
section and writes an overall message (neither lost), and returns it; the lead sees both at the top of the
task list and in the e-mail, amends the section ("Changes requested") and resubmits; business support
accepts; the ratings across agencies show the agency's ratings. Axe runs on every page of the journey."""

from datetime import date

import pytest

from reports.selfreports import services
from reports.selfreports.models import FormSection, FormTemplate, Question
from tests.reports.factories import EVIDENCE_PDF, add_rating_section, person_of
from wscb.mail.models import Email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rated_round(board, agency_a, lead_a, business_support):
    template = FormTemplate.objects.create(board=board, start_year=2016, title="Partner annual update")
    section = FormSection.objects.create(template=template, order=1, heading="Policies and guidance")
    Question.objects.create(section=section, key="policies", text="What changed in your policies?")
    add_rating_section(template, keys=("leadership",), threshold=2)
    person_of(agency_a)
    return services.round_open(
        board=board, template=template, deadline=date(2031, 5, 31), agencies=[agency_a], by=business_support
    )


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_the_whole_partner_update_journey(
    rated_round, lead_a, business_support, sign_in, live_server, assert_accessible
):
    # First sitting: the lead fills the text section.
    page = sign_in(lead_a)
    page.get_by_role("link", name="Annual update 2016/17").click()
    assert_accessible(page)
    page.get_by_role("link", name="Policies and guidance").click()
    page.get_by_label("What changed in your policies?").fill("We rewrote the CSE policy.")
    page.get_by_role("button", name="Save as draft").click()
    _sign_out(page)

    # Second sitting: the rating, shown with its descriptors, and why.
    page = sign_in(lead_a)
    page.get_by_role("link", name="Annual update 2016/17").click()
    assert page.get_by_role("row", name="Policies and guidance").get_by_text("Completed").is_visible()
    page.get_by_role("link", name="Self-assessment against standards").click()
    assert_accessible(page)
    page.get_by_role("radio", name="Amber: partly in place").check()
    page.get_by_label("Why this rating? (Leadership)").fill("Two of five teams have named leads.")
    page.get_by_role("button", name="Save as draft").click()

    # Evidence for the rating, then the action the rating suggests.
    standard = "How well does your agency meet the leadership standard?"
    page.get_by_role("link", name="Check your answers and submit").click()
    page.get_by_role("link", name=f"Attach evidence for: {standard}").click()
    assert_accessible(page)
    page.locator("input[type=file]").set_input_files(
        {"name": "leadership-audit.pdf", "mimeType": "application/pdf", "buffer": EVIDENCE_PDF}
    )
    page.get_by_role("button", name="Attach the file").click()
    assert page.get_by_text('"leadership-audit.pdf" attached.').is_visible()
    page.get_by_role("link", name="Annual update 2016/17").first.click()
    assert page.get_by_text("at or below the level where the form suggests raising an action").is_visible()
    page.get_by_role("link", name=f"Raise an action for: {standard}").first.click()
    assert_accessible(page)
    page.get_by_label("What will be done").fill("Name a safeguarding lead in every team.")
    page.get_by_label("Owner").select_option(label="Owen Owner, Safeguarding manager")
    page.get_by_label("Due by").fill("31/03/2031")
    page.get_by_role("button", name="Raise the action").click()
    assert page.get_by_text("Action raised, due by 31/03/2031.").is_visible()
    assert page.get_by_role("link", name="Name a safeguarding lead in every team.").is_visible()

    # Check your answers, with a Change link per section, then the declaration.
    page.get_by_role("link", name="Check your answers and submit").click()
    assert page.get_by_text("Amber: partly in place").is_visible()
    assert page.get_by_role("link", name="leadership-audit.pdf").is_visible()
    assert page.get_by_role("link", name="Change Policies and guidance").is_visible()
    assert_accessible(page)
    page.get_by_label("Your role").fill("Designated safeguarding lead")
    page.get_by_role("checkbox", name="I declare that this update is accurate").check()
    page.get_by_role("button", name="Declare and submit the update").click()
    assert page.get_by_text("Your update has been submitted").is_visible()
    assert page.get_by_text("Designated safeguarding lead").is_visible()
    _sign_out(page)

    # Business support comments on one section, writes a message, and returns it.
    page = sign_in(business_support)
    page.get_by_role("link", name="partner update tracker").click()
    page.get_by_role("link", name="2016/17 tracker").click()
    page.get_by_role("link", name="Agency A Trust").click()
    page.get_by_label("Message to the agency (optional)").fill("Nearly there: one gap.")
    page.get_by_label('Comment for the agency on "Policies and guidance"').fill("Please add evidence of impact.")
    page.get_by_role("button", name="Add comment on Policies and guidance").click()
    assert page.get_by_text("Please add evidence of impact.").first.is_visible()
    assert page.get_by_label("Message to the agency (optional)").input_value() == "Nearly there: one gap."
    assert_accessible(page)
    page.get_by_role("button", name="Return to the agency with comments").click()
    assert page.get_by_text("returned for changes").first.is_visible()
    _sign_out(page)

    email = Email.objects.filter(subject__contains="returned for changes").get()
    assert "Nearly there: one gap." in email.body and "Please add evidence of impact." in email.body

    # The lead sees the message and the comment at the top, amends the section and resubmits.
    page = sign_in(lead_a)
    page.get_by_role("link", name="Annual update 2016/17").click()
    top = page.get_by_role("region", name="Business support returned your update for changes")
    assert top.get_by_text("Nearly there: one gap.").is_visible()
    assert top.get_by_text("Please add evidence of impact.").is_visible()
    assert page.get_by_role("row", name="Policies and guidance").get_by_text("Changes requested").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Policies and guidance").click()
    page.get_by_label("What changed in your policies?").fill("We rewrote the CSE policy; audits show impact.")
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_role("link", name="Check your answers and submit").click()
    page.get_by_label("Your role").fill("Designated safeguarding lead")
    page.get_by_role("checkbox", name="I declare that this update is accurate").check()
    page.get_by_role("button", name="Declare and submit the update").click()
    assert page.get_by_text("Your update has been submitted").is_visible()
    _sign_out(page)

    # Business support accepts; the ratings across agencies show the agency's rating.
    page = sign_in(business_support)
    page.get_by_role("link", name="partner update tracker").click()
    page.get_by_role("link", name="2016/17 tracker").click()
    page.get_by_role("link", name="Agency A Trust").click()
    page.get_by_role("button", name="Accept the update").click()
    assert page.get_by_text("update accepted").is_visible()
    page.goto(f"{live_server.url}/reports/ratings/2016/")
    row = page.get_by_role("row", name="Agency A Trust")
    assert row.get_by_role("cell", name="Amber").is_visible()
    assert_accessible(page)
