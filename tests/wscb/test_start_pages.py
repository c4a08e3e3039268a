"""Each role lands on its own start page with real figures and links."""

import pytest
from django.urls import reverse

from tests.partners.factories import BoardFactory, PartnerFactory, UserFactory
from wscb.roles import Role

pytestmark = pytest.mark.django_db


def test_a_partner_lead_sees_their_agency_and_an_empty_queue(as_user, lead_a, agency_b):
    page = as_user(lead_a).get(reverse("home")).content.decode()
    assert "Agency A Trust" in page
    assert reverse("partners:partner-detail", args=[lead_a.partner_id]) in page
    assert "Agency B Police" not in page
    assert "Nothing is waiting for you" in page


def test_business_support_sees_partner_counts_and_agencies_missing_a_lead(as_user, business_support, lead_a, agency_b):
    PartnerFactory(name="Former Agency", is_active=False)
    response = as_user(business_support).get(reverse("home"))
    assert response.context["partner_summary"] == {"active": 2, "statutory": 2, "without_lead": 1}
    page = response.content.decode()
    assert "1 agency has no partner lead" in page
    assert reverse("admin:partners_partner_changelist") in page


def test_a_board_member_sees_the_partnership(as_user, board_member, agency_a, agency_b):
    page = as_user(board_member).get(reverse("home")).content.decode()
    assert "2 active partner agencies" in page
    assert "Back office" not in page


def test_an_administrator_sees_users_by_role_and_locked_accounts(as_user, administrator, lead_a, lead_b):
    UserFactory(role=Role.BOARD_MEMBER, is_active=False)
    response = as_user(administrator).get(reverse("home"))
    counts = {label: (active, inactive) for label, active, inactive in response.context["role_counts"]}
    assert counts["Partner lead"] == (2, 0)
    assert counts["Board member"] == (0, 1)
    assert counts["Administrator"] == (1, 0)
    assert "No accounts are locked" in response.content.decode()


def test_the_header_shows_the_board_and_its_word_for_itself(as_user, board_member, board):
    board.term = "Partnership"
    board.name = "Wigan Safeguarding Children Partnership"
    board.save()
    page = as_user(board_member).get(reverse("home")).content.decode()
    assert "Wigan Safeguarding Children Partnership" in page
    assert "Safeguarding partnership portal" in page


def test_a_user_without_a_board_is_told_to_ask_an_administrator(as_user):
    user = UserFactory(role=Role.BOARD_MEMBER)
    page = as_user(user).get(reverse("home")).content.decode()
    assert "You have not been given access to a board yet" in page


def test_a_user_working_for_two_boards_can_switch_between_them(as_user, board_member, board):
    adults = BoardFactory(name="Wigan Safeguarding Adults Board", short_name="WSAB")
    board_member.boards.add(adults)
    client = as_user(board_member)
    assert client.get(reverse("home")).context["board"] == adults  # alphabetical: Adults first
    response = client.post(reverse("board-switch"), {"board": board.pk, "next": reverse("partners:partner-list")})
    assert response.url == reverse("partners:partner-list")
    assert client.get(reverse("home")).context["board"] == board


def test_switching_to_a_board_the_user_does_not_work_for_is_refused(as_user, board_member):
    other = BoardFactory(name="Another Board", short_name="AB")
    client = as_user(board_member)
    response = client.post(reverse("board-switch"), {"board": other.pk}, follow=True)
    assert "Choose one of the boards you work for" in response.content.decode()
    assert response.context["board"] != other


def test_switching_ignores_a_next_address_on_another_site(as_user, board_member, board):
    response = as_user(board_member).post(reverse("board-switch"), {"board": board.pk, "next": "https://evil.example/"})
    assert response.url == reverse("home")


def test_switching_with_a_board_that_is_not_a_number_is_refused(as_user, board_member):
    response = as_user(board_member).post(reverse("board-switch"), {"board": "x"}, follow=True)
    assert "Choose one of the boards you work for" in response.content.decode()


def test_a_refused_switch_uses_the_partnerships_own_word(as_user, board_member, board):
    board.term = "Partnership"
    board.save(update_fields=["term"])
    response = as_user(board_member).post(reverse("board-switch"), {"board": "x"}, follow=True)
    page = response.content.decode()
    assert "Choose one of the partnerships you work for" in page
    assert "boards you work for" not in page
