"""Section 12's membership list and section 3's key roles, generated for any date."""

import datetime

import pytest
from django.urls import reverse

from meetings import demo, reporting
from meetings.models import Membership
from partners import demo as partner_demo
from tests.meetings.factories import GroupFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_board():
    board = partner_demo.load(password="demo password for tests")["board"]
    demo.load_for_board(board=board)
    return board


def test_the_demo_gives_section_12s_list_in_order_with_status(demo_board):
    listing = reporting.membership_list(demo_board, datetime.date(2017, 3, 31))
    assert len(listing) == 37
    assert (listing[0].post, listing[0].agency, listing[0].status) == ("Independent Chair", "", "Full")
    assert (listing[1].post, listing[1].agency) == ("Chief Executive", "Wigan Council")
    assert [member.status for member in listing].count("Advisor to the Board") == 11
    assert (listing[-1].post, listing[-1].status) == ("Business Support Manager, WSCB & WSAB", "Admin")


def test_the_demo_gives_section_3s_key_roles(demo_board):
    roles = {role.role: role.name for role in reporting.key_roles(demo_board, datetime.date(2016, 9, 5))}
    assert roles["Independent Chair"] == "Dr Paul Kingston"
    assert roles["Director of Children's Services"] == "James Winterbottom"
    assert roles["Local Authority Chief Executive"] == "Donna Hall"
    assert roles["Lead Member (participating observer)"] == "Councillor Jenny Bullen"
    assert roles["Designated Nurse"] == "Nichola Osborne"


def test_a_person_may_hold_several_memberships_over_time_and_the_list_follows_the_date(board):
    group = GroupFactory(board=board)
    person = PersonFactory(full_name="Chris Chair", partner=None)
    MembershipFactory(
        group=group,
        person=person,
        role=Membership.Role.MEMBER,
        started_on=datetime.date(2014, 4, 1),
        ended_on=datetime.date(2016, 6, 30),
    )
    MembershipFactory(
        group=group, person=person, role=Membership.Role.INDEPENDENT_CHAIR, started_on=datetime.date(2016, 7, 1)
    )
    assert reporting.key_roles(board, datetime.date(2016, 6, 30)) == []
    assert [role.name for role in reporting.key_roles(board, datetime.date(2016, 7, 1))] == ["Chris Chair"]
    assert len(reporting.membership_list(board, datetime.date(2016, 6, 30))) == 1
    assert reporting.membership_list(board, datetime.date(2014, 3, 31)) == []


def test_the_page_shows_the_list_for_the_date_asked(as_user, board_member, demo_board):
    board_member.boards.set([demo_board])
    response = as_user(board_member).get(reverse("meetings:membership-list"), {"on": "2017-03-31"})
    page = response.content.decode()
    assert "Membership of the board on 31/03/2017" in page
    assert "Dr Paul Kingston" in page and "Head of Safer Custody" in page


def test_a_partner_lead_may_not_see_the_whole_list(as_user, lead_a):
    assert as_user(lead_a).get(reverse("meetings:membership-list")).status_code == 403
