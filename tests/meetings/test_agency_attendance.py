"""An agency's memberships and attendance record; partner leads see only their own agency's."""

import pytest
from django.urls import reverse

from tests.meetings.factories import member_attendance

pytestmark = pytest.mark.django_db


def url(agency):
    return reverse("meetings:agency-attendance", args=[agency.pk])


def test_a_partner_lead_sees_their_agencys_memberships_and_rate(as_user, lead_a, agency_a, meeting, member_a, member_b):
    member_attendance(meeting, member_a, "apologies")
    member_attendance(meeting, member_b, "present")
    response = as_user(lead_a).get(url(agency_a), {"year": "2016/17"})
    assert response.status_code == 200
    assert [membership.person.full_name for membership in response.context["memberships"]] == ["Alice Agency-A"]
    rates = response.context["rates"]
    assert [(rate.label, rate.expected, rate.apologies, rate.percent) for rate in rates.agencies] == [
        ("Agency A", 1, 1, 0)
    ]
    assert "Bob Agency-B" not in response.content.decode()


def test_a_partner_lead_asking_for_another_agencys_attendance_record_gets_404(as_user, lead_a, agency_b):
    assert as_user(lead_a).get(url(agency_b)).status_code == 404


def test_a_board_member_may_read_any_agencys_record(as_user, board_member, agency_b, member_b):
    assert as_user(board_member).get(url(agency_b)).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(as_user, agency_a):
    assert as_user(None).get(url(agency_a)).status_code == 302


def test_the_record_is_read_only(as_user, business_support, agency_a):
    assert as_user(business_support).post(url(agency_a)).status_code == 405
