"""Calendar invitations: an .ics per meeting e-mailed to the expected members; moving the date, time
or venue sends an update with the same UID and a higher SEQUENCE; cancelling sends METHOD:CANCEL;
a personal feed address with a secret token shows the member's meetings and stops working when
revoked or replaced."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from meetings.models import CalendarFeed, Meeting
from tests.meetings.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(meeting, board_member, agency_a):
    MembershipFactory(
        group=meeting.group, person=PersonFactory(full_name="Board Member", partner=agency_a, user=board_member)
    )
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=datetime.time(10, 0), venue="Town Hall")
    meeting.refresh_from_db()
    return meeting


def ics_to(address):
    """The .ics attached to each message to ``address``, in order, unfolded."""
    found = []
    for message in mail.outbox:
        if message.to == [address]:
            for name, content, content_type in message.attachments:
                assert name == "invitation.ics" and content_type.startswith("text/calendar")
                found.append(content.replace("\r\n ", ""))
    return found


def field(ics, name):
    return re.search(rf"^{name}[:;](.*?)\r?$", ics, re.M).group(1)


def edit(client, meeting, **changes):
    data = {
        "group": meeting.group_id,
        "held_on": meeting.held_on.isoformat(),
        "starts_at": meeting.starts_at.strftime("%H:%M") if meeting.starts_at else "",
        "venue": meeting.venue,
        "status": meeting.status,
        "reporting_year": "",
        "version": Meeting.objects.get(pk=meeting.pk).version,
        **changes,
    }
    return client.post(reverse("meetings:meeting-update", args=[meeting.pk]), data)


def test_the_invitation_is_e_mailed_with_the_ics_to_each_expected_member(
    as_user, business_support, board_member, invited, run_jobs
):
    client = as_user(business_support)
    assert board_member.email in client.get(reverse("meetings:invitations-send", args=[invited.pk])).content.decode()
    client.post(reverse("meetings:invitations-send", args=[invited.pk]))
    run_jobs()
    (ics,) = ics_to(board_member.email)
    assert field(ics, "METHOD") == "REQUEST"
    assert field(ics, "SEQUENCE") == "0"
    assert field(ics, "DTSTART") == "20160905T090000Z"  # 10:00 in London, summer time
    assert field(ics, "LOCATION") == "Town Hall"
    assert f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{board_member.email}" in ics
    # sent once: a second submit is refused
    response = client.post(reverse("meetings:invitations-send", args=[invited.pk]), follow=True)
    assert "already sent" in response.content.decode()
    run_jobs()
    assert len(ics_to(board_member.email)) == 1


def test_moving_the_time_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    as_user, business_support, board_member, invited, run_jobs
):
    client = as_user(business_support)
    client.post(reverse("meetings:invitations-send", args=[invited.pk]))
    run_jobs()
    assert edit(client, invited, starts_at="14:30").status_code == 302
    run_jobs()
    first, update = ics_to(board_member.email)
    assert field(update, "UID") == field(first, "UID")
    assert int(field(update, "SEQUENCE")) > int(field(first, "SEQUENCE"))
    assert field(update, "DTSTART") == "20160905T133000Z"
    assert field(update, "METHOD") == "REQUEST"
    # a change that is not the date, time or venue sends nothing
    edit(client, invited, starts_at="14:30", reporting_year="2016/17")
    run_jobs()
    assert len(ics_to(board_member.email)) == 2


@pytest.mark.parametrize(("name", "value"), [("held_on", "2016-09-12"), ("venue", "Police HQ")])
def test_moving_the_date_or_venue_sends_an_update(
    name, value, as_user, business_support, board_member, invited, run_jobs
):
    client = as_user(business_support)
    client.post(reverse("meetings:invitations-send", args=[invited.pk]))
    edit(client, invited, **{name: value})
    run_jobs()
    first, update = ics_to(board_member.email)
    assert (field(update, "UID"), field(update, "SEQUENCE")) == (field(first, "UID"), "1")


def test_cancelling_the_meeting_sends_a_cancellation(as_user, business_support, board_member, invited, run_jobs):
    client = as_user(business_support)
    client.post(reverse("meetings:invitations-send", args=[invited.pk]))
    edit(client, invited, status="cancelled")
    run_jobs()
    first, cancellation = ics_to(board_member.email)
    assert field(cancellation, "METHOD") == "CANCEL"
    assert field(cancellation, "STATUS") == "CANCELLED"
    assert field(cancellation, "UID") == field(first, "UID")
    assert field(cancellation, "SEQUENCE") == "1"
    assert [m.subject for m in mail.outbox if m.to == [board_member.email]][-1].startswith("Cancelled:")


def test_no_update_is_sent_for_a_meeting_never_invited(as_user, business_support, board_member, invited, run_jobs):
    edit(as_user(business_support), invited, starts_at="15:00")
    run_jobs()
    assert not ics_to(board_member.email)


def test_a_members_feed_lists_their_meetings_and_stops_when_revoked(as_user, lead_a, meeting, meeting_b_only, run_jobs):
    client = as_user(lead_a)
    page = client.post(reverse("meetings:calendar-feed"), {"action": "create"}, follow=True).content.decode()
    address = re.search(r'<code id="feed-address">([^<]+)</code>', page).group(1)
    path = address.split("testserver", 1)[1]
    feed = as_user(None).get(path)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert f"UID:meeting-{meeting.pk}@" in body
    assert f"UID:meeting-{meeting_b_only.pk}@" not in body  # a group agency A does not sit on
    assert CalendarFeed.objects.get(user=lead_a).token_hash not in address
    assert 'id="feed-address"' not in client.get(reverse("meetings:calendar-feed")).content.decode()  # shown once
    # a new address replaces the old one
    client.post(reverse("meetings:calendar-feed"), {"action": "create"})
    assert as_user(None).get(path).status_code == 404
    client.post(reverse("meetings:calendar-feed"), {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=lead_a).exists()
    assert as_user(None).get("/meetings/calendar/not-a-token.ics").status_code == 404


def test_a_disabled_users_feed_stops_working(as_user, board_member, meeting):
    page = (
        as_user(board_member)
        .post(reverse("meetings:calendar-feed"), {"action": "create"}, follow=True)
        .content.decode()
    )
    path = re.search(r'<code id="feed-address">([^<]+)</code>', page).group(1).split("testserver", 1)[1]
    assert as_user(None).get(path).status_code == 200
    board_member.is_active = False
    board_member.save()
    assert as_user(None).get(path).status_code == 404


def test_the_meeting_ics_is_for_those_who_see_the_meeting(as_user, lead_a, board_member, meeting_b_only):
    url = reverse("meetings:meeting-ics", args=[meeting_b_only.pk])
    assert as_user(board_member).get(url).status_code == 200
    assert as_user(lead_a).get(url).status_code == 404


def test_long_lines_are_folded_at_75_octets():
    from meetings.calendar import _fold

    folded = _fold("DESCRIPTION:" + "é" * 80)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "é" * 80
