"""Business support adds a meeting, records attendance with a deputy and an apology, and sees the
quorum and the year's agency x meeting table change."""

import pytest

from partners.models import Partner
from tests.meetings.factories import GroupFactory, MembershipFactory, PersonFactory
from tests.partners.factories import PartnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def board_group(board, agency_a, agency_b):
    group = GroupFactory(board=board, name="Safeguarding Board", quorum_minimum_members=2)
    council = PartnerFactory(name="Borough Council", short_name="Council", sector=Partner.Sector.LOCAL_AUTHORITY)
    voluntary = PartnerFactory(name="Youth Trust", short_name="Youth Trust", sector=Partner.Sector.VOLUNTARY)
    for name, agency in [
        ("Alice Agency-A", agency_a),
        ("Bob Agency-B", agency_b),
        ("Cara Council", council),
        ("Dan Voluntary", voluntary),
    ]:
        MembershipFactory(group=group, person=PersonFactory(full_name=name, partner=agency))
    return group


def test_business_support_records_a_meeting_and_sees_the_table_and_quorum_update(
    business_support, board_group, sign_in, live_server
):
    page = sign_in(business_support)
    page.get_by_role("link", name="Meetings").first.click()
    page.get_by_role("link", name="Add a meeting").click()
    page.get_by_label("Group").select_option(label="Safeguarding Board")
    page.get_by_label("Date").fill("2016-09-05")
    page.get_by_label("Venue").fill("Town Hall")
    page.get_by_role("button", name="Save the meeting").click()
    page.wait_for_load_state()
    assert "The meeting on 05/09/2016 has been added." in page.inner_text(".messages")
    assert "Not quorate" in page.inner_text("#quorum-result")

    page.get_by_role("link", name="Record attendance").click()
    page.get_by_label("Status of Bob Agency-B").select_option("deputy")
    page.get_by_label("Deputy's name for Bob Agency-B").fill("Dee Deputy")
    page.get_by_label("Deputy's job title for Bob Agency-B").fill("Inspector")
    page.get_by_label("Status of Dan Voluntary").select_option("apologies")
    page.get_by_role("button", name="Save the attendance").click()
    page.wait_for_load_state()

    assert "The attendance has been saved." in page.inner_text(".messages")
    quorum = page.inner_text("#quorum-result")
    assert quorum.startswith("Quorate") and "2 members present" in quorum
    attendance = page.inner_text("#attendance-table")
    assert "Represented by a deputy" in attendance and "Dee Deputy, Inspector" in attendance
    assert "Apologies sent" in attendance

    page.goto(f"{live_server.url}/meetings/attendance/?year=2016/17")
    table = page.locator("#agency-meeting-table")
    assert table.locator("tr", has_text="Agency B").locator("td").first.inner_text().strip() == "1 1 d"
    assert table.locator("tr", has_text="Youth Trust").locator("td").first.inner_text().strip() == "\u2013"
    assert table.locator("tfoot td").first.inner_text().strip() == "3"
    assert page.locator("#quorum-table").inner_text().count("Quorate") == 1
