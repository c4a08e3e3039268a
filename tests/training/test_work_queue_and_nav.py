"""Business support's start page links to sessions awaiting attendance; the nav leads to training."""

from datetime import date

import pytest
from django.urls import reverse

from tests.training.factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_the_work_queue_counts_past_sessions_not_yet_marked(course, business_support, as_user):
    past = SessionFactory(course=course, starts_on=date(2020, 1, 6))
    SessionFactory(course=course, starts_on=date(2020, 1, 7), status="delivered")
    SessionFactory(course=course, starts_on=date(2099, 1, 7))
    client = as_user(business_support)
    assert "1 training session needs attendance marking" in client.get(reverse("home")).content.decode()
    response = client.get(reverse("training:session-list"), {"awaiting": "1", "year": "2019/20"})
    assert [session.pk for session in response.context["sessions"]] == [past.pk]


def test_a_partner_leads_training_link_goes_to_their_agencys_page(lead_a, as_user):
    page = as_user(lead_a).get(reverse("home")).content.decode()
    assert f'href="{reverse("training:agency", args=[lead_a.partner_id])}">Training</a>' in page


def test_readers_training_link_goes_to_the_summary(board_member, as_user):
    page = as_user(board_member).get(reverse("home")).content.decode()
    assert f'href="{reverse("training:summary")}">Training</a>' in page


def test_with_every_session_marked_nothing_needs_attention(course, business_support, as_user):
    SessionFactory(course=course, starts_on=date(2020, 1, 7), status="delivered")
    page = as_user(business_support).get(reverse("home")).content.decode()
    assert "Nothing needs your attention." in page
    assert "attendance marking" not in page
