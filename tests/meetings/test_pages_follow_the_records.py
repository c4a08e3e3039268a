"""Attendance recorded on the meeting's page is on the next view of the draft report and the
dashboard; until then both are served from the cache (kept per state of the data)."""

import pytest
from django.urls import reverse

from meetings.models import Meeting, Membership
from tests.meetings.test_attendance_record import form_data
from tests.pages_follow import assert_kept, board_with_records, pages

pytestmark = pytest.mark.django_db


def test_attendance_recorded_on_the_meeting_page_shows_on_both_pages(
    board, agency_a, agency_b, business_support, as_user, monkeypatch
):
    board_with_records(board, [agency_a, agency_b], business_support)
    client = as_user(business_support)
    draft, dashboard = pages(client)
    assert "Agency A \u2013 1 1 Agency B" in draft and "Agency A 2 1 0 50.0%" in dashboard
    assert assert_kept(client, monkeypatch) == (draft, dashboard)

    meeting = Meeting.objects.filter(group__board=board).order_by("held_on").first()
    members = list(Membership.objects.filter(group=meeting.group).order_by("pk"))
    response = client.post(reverse("meetings:attendance-record", args=[meeting.pk]), form_data(meeting, members))
    assert response.status_code == 302  # everyone present, Agency A's apologies included

    draft, dashboard = pages(client)
    assert "Agency A 1 1 2 Agency B" in draft, draft[draft.find("Agency 02/05/16") :][:300]
    assert "Agency A 2 2 0 100.0%" in dashboard
    assert assert_kept(client, monkeypatch) == (draft, dashboard)
