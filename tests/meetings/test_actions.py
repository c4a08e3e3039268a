"""The action log: overdue actions are flagged; partner leads see their own agency's actions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Action
from meetings.selectors import open_action_counts
from tests.meetings.factories import ActionFactory

pytestmark = pytest.mark.django_db
LIST = reverse("meetings:action-list")


def test_an_open_action_past_its_due_date_is_overdue_and_one_due_today_is_not():
    today = datetime.date(2017, 1, 10)
    assert Action(due_on=datetime.date(2017, 1, 9), status="open").is_overdue(today)
    assert not Action(due_on=today, status="open").is_overdue(today)
    assert not Action(due_on=datetime.date(2017, 1, 9), status="done").is_overdue(today)


def test_the_list_flags_overdue_actions_and_can_show_only_them(as_user, board_member, meeting, agency_a):
    today = timezone.localdate()
    late = ActionFactory(meeting=meeting, owner=agency_a, due_on=today - datetime.timedelta(days=1))
    ActionFactory(meeting=meeting, owner=agency_a, due_on=today + datetime.timedelta(days=1))
    ActionFactory(meeting=meeting, owner=agency_a, due_on=today - datetime.timedelta(days=5), status="done")
    client = as_user(board_member)
    page = client.get(LIST).content.decode()
    assert page.count("Overdue</span>") == 1
    assert list(client.get(LIST, {"show": "overdue"}).context["actions"]) == [late]
    assert open_action_counts(board=meeting.group.board, today=today) == {"open": 2, "overdue": 1}


def test_a_partner_lead_sees_only_their_own_agencys_actions(as_user, lead_a, action_a, action_b):
    assert list(as_user(lead_a).get(LIST).context["actions"]) == [action_a]
    assert as_user(lead_a).get(reverse("meetings:action-detail", args=[action_a.pk])).status_code == 200


def test_a_partner_lead_asking_for_another_agencys_action_gets_404(as_user, lead_a, action_b):
    assert as_user(lead_a).get(reverse("meetings:action-detail", args=[action_b.pk])).status_code == 404


def test_an_action_page_shows_the_action(as_user, board_member, action_b):
    page = as_user(board_member).get(reverse("meetings:action-detail", args=[action_b.pk])).content.decode()
    assert "Agency B to review its referrals" in page and "01/12/2016" in page


def test_anonymous_visitors_are_sent_to_sign_in(as_user, action_a):
    assert as_user(None).get(reverse("meetings:action-detail", args=[action_a.pk])).status_code == 302


def test_the_action_pages_are_read_only(as_user, business_support, action_a):
    assert as_user(business_support).post(reverse("meetings:action-detail", args=[action_a.pk])).status_code == 405
