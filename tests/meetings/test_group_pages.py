"""Groups of the board with their chair, terms of reference and members."""

import pytest
from django.urls import reverse

from tests.meetings.factories import PersonFactory

pytestmark = pytest.mark.django_db
LIST = reverse("meetings:group-list")


def detail(group):
    return reverse("meetings:group-detail", args=[group.pk])


def test_a_reader_sees_every_group_with_its_chair(as_user, board_member, group, group_b_only):
    group.chair = PersonFactory(full_name="Dr Chair", partner=None)
    group.save()
    response = as_user(board_member).get(LIST)
    assert set(response.context["groups"]) == {group, group_b_only}
    assert "Dr Chair" in response.content.decode()


def test_the_group_page_shows_terms_of_reference_members_and_meetings(as_user, board_member, meeting, member_a):
    group = meeting.group
    group.terms_of_reference = "Coordinates local work to safeguard children."
    group.save()
    response = as_user(board_member).get(detail(group))
    page = response.content.decode()
    assert "Coordinates local work to safeguard children." in page
    assert [m.person.full_name for m in response.context["members"]] == ["Alice Agency-A", "Bob Agency-B"]
    assert list(response.context["meetings"]) == [meeting]


def test_a_partner_lead_sees_their_groups_and_only_their_agencys_members(
    as_user, lead_a, group, member_a, member_b, group_b_only
):
    client = as_user(lead_a)
    assert list(client.get(LIST).context["groups"]) == [group]
    response = client.get(detail(group))
    assert [m.person.full_name for m in response.context["members"]] == ["Alice Agency-A"]
    assert "Bob Agency-B" not in response.content.decode()


def test_a_partner_lead_asking_for_a_group_their_agency_is_not_on_gets_404(as_user, lead_a, group_b_only):
    assert as_user(lead_a).get(detail(group_b_only)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(as_user, group):
    assert as_user(None).get(detail(group)).status_code == 302


def test_the_group_pages_are_read_only(as_user, business_support, group):
    assert as_user(business_support).post(detail(group)).status_code == 405


def test_no_groups_gives_an_empty_state(as_user, board_member, board):
    assert "No groups to show." in as_user(board_member).get(LIST).content.decode()
