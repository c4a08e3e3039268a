"""Decisions (text, date, vote counts if any) and declarations of interest by attendees, recorded
against agenda items by business support, printed in the minutes, and frozen with them."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import Decision, Declaration, Minutes
from tests.meetings.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(meeting):
    return AgendaItemFactory(meeting=meeting, position=1, title="Annual audit")


def decide(client, item, follow=False, **data):
    return client.post(
        reverse("meetings:decision-create", args=[item.pk]),
        {"text": "The audit plan is agreed.", "decided_on": "2016-09-05", **data},
        follow=follow,
    )


def declare(client, item, attendance, interest="Sits on the audit provider's board."):
    return client.post(
        reverse("meetings:declaration-create", args=[item.pk]), {"attendance": attendance.pk, "interest": interest}
    )


def test_a_decision_with_a_vote_and_a_declaration_are_printed_in_the_minutes(as_user, business_support, meeting, item):
    client = as_user(business_support)
    alice = AttendanceFactory(meeting=meeting, name="Alice Agency-A")
    assert decide(client, item, votes_for=9, votes_against=1, abstentions=2).status_code == 302
    assert declare(client, item, alice).status_code == 302
    decision = Decision.objects.get()
    assert (decision.decided_on, decision.votes_for, decision.votes_against, decision.abstentions) == (
        datetime.date(2016, 9, 5),
        9,
        1,
        2,
    )
    client.post(reverse("meetings:minutes-edit", args=[meeting.pk]), {"opening": "Welcome."})
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "Alice Agency-A: Sits on the audit provider&#x27;s board." in page
    assert "The audit plan is agreed. (for 9, against 1, abstentions 2)" in page


def test_a_decision_without_a_vote_shows_no_counts(as_user, business_support, meeting, item):
    client = as_user(business_support)
    decide(client, item)
    client.post(reverse("meetings:minutes-edit", args=[meeting.pk]), {"opening": "Welcome."})
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "The audit plan is agreed.</p>" in page


def test_only_someone_at_the_meeting_can_declare(as_user, business_support, meeting, item, group):
    other_meeting = MeetingFactory(group=group, held_on=datetime.date(2016, 12, 5))
    stranger = AttendanceFactory(meeting=other_meeting, name="Elsewhere")
    response = declare(as_user(business_support), item, stranger)
    assert response.status_code == 400
    assert not Declaration.objects.exists()


def test_once_the_minutes_are_approved_decisions_and_declarations_are_frozen(
    as_user, business_support, meeting, item, group
):
    client = as_user(business_support)
    alice = AttendanceFactory(meeting=meeting, name="Alice Agency-A")
    decide(client, item)
    declare(client, item, alice)
    client.post(reverse("meetings:minutes-edit", args=[meeting.pk]), {"opening": "Welcome."})
    later = MeetingFactory(group=group, held_on=datetime.date(2016, 12, 5))
    minutes = Minutes.objects.get()
    client.post(
        reverse("meetings:minutes-approve", args=[minutes.pk]),
        {"approved_at_meeting": later.pk, "approved_on": "2016-12-05"},
    )
    response = decide(client, item, text="Another", follow=True)
    assert "record a correction of the minutes first" in response.content.decode()
    assert Decision.objects.count() == 1
    client.post(reverse("meetings:decision-delete", args=[Decision.objects.get().pk]))
    client.post(reverse("meetings:declaration-delete", args=[Declaration.objects.get().pk]))
    assert Decision.objects.count() == 1 and Declaration.objects.count() == 1
    minutes.refresh_from_db()
    assert minutes.record["items"][0]["decisions"][0]["text"] == "The audit plan is agreed."
    assert minutes.record["items"][0]["declarations"] == [
        {"name": "Alice Agency-A", "interest": "Sits on the audit provider's board."}
    ]


def test_removing_a_decision_asks_first(as_user, business_support, meeting, item):
    client = as_user(business_support)
    decide(client, item)
    url = reverse("meetings:decision-delete", args=[Decision.objects.get().pk])
    assert "Remove this decision from item 1" in client.get(url).content.decode()
    assert Decision.objects.count() == 1
    client.post(url)
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", ["board_member", "lead_a"])
def test_members_cannot_record_decisions_or_declarations(role, request, as_user, meeting, item):
    client = as_user(request.getfixturevalue(role))
    alice = AttendanceFactory(meeting=meeting, name="Alice Agency-A")
    assert decide(client, item).status_code == 403
    assert declare(client, item, alice).status_code == 403
    assert not Decision.objects.exists() and not Declaration.objects.exists()
