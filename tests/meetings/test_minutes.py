"""Minutes: drafted in the portal (a text per agenda item) or uploaded, a draft until approved at a
later meeting (the date and who recorded it), then frozen: no edit in the portal or the model; a
correction is a new version with its reason and the approved version stays as it was. Members read
approved minutes only."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.models import Minutes, MinutesFrozen
from tests.meetings.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(meeting):
    return [
        AgendaItemFactory(meeting=meeting, position=1, title="Annual audit"),
        AgendaItemFactory(meeting=meeting, position=2, title="Budget"),
    ]


@pytest.fixture
def next_meeting(meeting):
    return MeetingFactory(group=meeting.group, held_on=datetime.date(2016, 12, 5))


def draft(client, meeting, items, follow=False, **data):
    return client.post(
        reverse("meetings:minutes-edit", args=[meeting.pk]),
        {"opening": "Welcome.", f"item_{items[0].pk}": "The audit was discussed.", **data},
        follow=follow,
    )


def approve(client, minutes, next_meeting, on="2016-12-05"):
    return client.post(
        reverse("meetings:minutes-approve", args=[minutes.pk]),
        {"approved_at_meeting": next_meeting.pk, "approved_on": on},
    )


def test_minutes_are_drafted_per_item_and_shown_as_a_draft(as_user, business_support, meeting, items):
    client = as_user(business_support)
    assert draft(client, meeting, items).status_code == 302
    minutes = Minutes.objects.get(meeting=meeting)
    assert (minutes.number, minutes.status) == (1, "draft")
    assert minutes.item_texts == {str(items[0].pk): "The audit was discussed."}
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "Version 1:" in page and "draft, not yet approved." in page
    assert "1. Annual audit" in page and "The audit was discussed." in page
    # saved again: the same draft, no second version
    draft(client, meeting, items, version=minutes.version, **{f"item_{items[1].pk}": "Agreed."})
    assert Minutes.objects.filter(meeting=meeting).count() == 1
    assert Minutes.objects.get(meeting=meeting).item_texts[str(items[1].pk)] == "Agreed."


def test_two_people_saving_one_draft_get_a_conflict(as_user, business_support, administrator, meeting, items):
    draft(as_user(business_support), meeting, items)
    opened = Minutes.objects.get(meeting=meeting).version
    draft(as_user(administrator), meeting, items, version=opened, opening="Mine")
    response = draft(as_user(business_support), meeting, items, version=opened, opening="Theirs", follow=True)
    assert "Someone else saved these minutes while you were editing" in response.content.decode()
    assert Minutes.objects.get(meeting=meeting).opening == "Mine"


def test_uploaded_minutes_are_validated_and_served_to_readers_once_approved(
    as_user, business_support, board_member, meeting, items, next_meeting
):
    client = as_user(business_support)
    bad = client.post(
        reverse("meetings:minutes-edit", args=[meeting.pk]),
        {"file": SimpleUploadedFile("minutes.pdf", b"MZ program", "application/pdf")},
    )
    assert bad.status_code == 400
    client.post(
        reverse("meetings:minutes-edit", args=[meeting.pk]),
        {"file": SimpleUploadedFile("minutes.pdf", pdf_bytes("Minutes"), "application/pdf")},
    )
    minutes = Minutes.objects.get(meeting=meeting)
    file_url = reverse("meetings:minutes-file", args=[minutes.pk])
    assert as_user(board_member).get(file_url).status_code == 404  # a draft
    approve(client, minutes, next_meeting)
    assert as_user(board_member).get(file_url).status_code == 200


def test_nothing_written_is_refused(as_user, business_support, meeting, items):
    response = as_user(business_support).post(reverse("meetings:minutes-edit", args=[meeting.pk]), {})
    assert response.status_code == 400
    assert "Write the minutes of at least one item, or upload the minutes." in response.content.decode()


def test_approval_records_the_meeting_date_and_who_then_the_minutes_refuse_edits(
    as_user, business_support, board_member, meeting, items, next_meeting
):
    client = as_user(business_support)
    draft(client, meeting, items)
    minutes = Minutes.objects.get(meeting=meeting)
    assert as_user(board_member).get(reverse("meetings:minutes", args=[meeting.pk])).context["shown"] is None
    assert approve(client, minutes, next_meeting).status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == "approved"
    assert (minutes.approved_on, minutes.approved_at_meeting, minutes.approved_recorded_by) == (
        datetime.date(2016, 12, 5),
        next_meeting,
        business_support,
    )
    page = as_user(board_member).get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "approved on 05/12/2016 at the meeting of 05/12/2016" in page
    assert "The audit was discussed." in page
    # the portal refuses an edit
    response = draft(client, meeting, items, version=minutes.version, opening="Changed", follow=True)
    assert "approved and cannot change" in response.content.decode()
    assert client.get(reverse("meetings:minutes-edit", args=[meeting.pk])).status_code == 302
    # and so does the model, whatever the caller
    minutes.opening = "Changed"
    with pytest.raises(MinutesFrozen):
        minutes.save()
    with pytest.raises(MinutesFrozen):
        minutes.delete()
    assert Minutes.objects.get(pk=minutes.pk).opening == "Welcome."
    # approving twice is refused
    assert client.get(reverse("meetings:minutes-approve", args=[minutes.pk])).status_code == 404


def test_approval_must_be_after_the_meeting_and_at_a_later_meeting_of_the_group(
    as_user, business_support, meeting, items, meeting_b_only
):
    client = as_user(business_support)
    draft(client, meeting, items)
    minutes = Minutes.objects.get(meeting=meeting)
    early = client.post(reverse("meetings:minutes-approve", args=[minutes.pk]), {"approved_on": "2016-09-01"})
    assert early.status_code == 400
    other_group = approve(client, minutes, meeting_b_only, on="2016-10-03")
    assert other_group.status_code == 400  # not a choice: only later meetings of this group are offered
    assert Minutes.objects.get(pk=minutes.pk).status == "draft"


def test_a_correction_is_a_new_version_with_its_reason_and_the_approved_one_stays(
    as_user, business_support, board_member, meeting, items, next_meeting
):
    client = as_user(business_support)
    draft(client, meeting, items)
    first = Minutes.objects.get(meeting=meeting)
    approve(client, first, next_meeting)
    refused = client.post(reverse("meetings:minutes-correct", args=[first.pk]), {"reason": ""})
    assert refused.status_code == 400
    client.post(reverse("meetings:minutes-correct", args=[first.pk]), {"reason": "Item 1 misnamed the auditor."})
    second = Minutes.objects.get(meeting=meeting, number=2)
    assert (second.status, second.correction_reason) == ("draft", "Item 1 misnamed the auditor.")
    draft(client, meeting, items, version=second.version, **{f"item_{items[0].pk}": "The corrected minute."})
    first.refresh_from_db()
    assert first.item_texts[str(items[0].pk)] == "The audit was discussed."
    assert first.record["items"][0]["text"] == "The audit was discussed."
    # members still read version 1 until the correction is approved
    reader = as_user(board_member).get(reverse("meetings:minutes", args=[meeting.pk]))
    assert reader.context["shown"] == first
    approve(client, second, next_meeting)
    reader = as_user(board_member).get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "The corrected minute." in reader and "Correction of version 1: Item 1 misnamed the auditor." in reader
    old = as_user(board_member).get(reverse("meetings:minutes", args=[meeting.pk]) + "?version=1").content.decode()
    assert "The audit was discussed." in old


def test_the_minutes_print_attendance_and_the_record_is_frozen_at_approval(
    as_user, business_support, meeting, items, next_meeting
):
    AttendanceFactory(meeting=meeting, name="Alice Agency-A")
    AttendanceFactory(meeting=meeting, name="Bob Agency-B", status="apologies")
    client = as_user(business_support)
    draft(client, meeting, items)
    minutes = Minutes.objects.get(meeting=meeting)
    approve(client, minutes, next_meeting)
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "<strong>Present:</strong> Alice Agency-A" in page
    assert "<strong>Apologies:</strong> Bob Agency-B" in page
    items[0].title = "Renamed later"
    items[0].save()
    assert "1. Annual audit" in client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()


@pytest.mark.parametrize("role", ["board_member", "lead_a"])
def test_members_cannot_draft_approve_or_correct(role, request, as_user, business_support, meeting, items):
    draft(as_user(business_support), meeting, items)
    minutes = Minutes.objects.get(meeting=meeting)
    client = as_user(request.getfixturevalue(role))
    assert draft(client, meeting, items).status_code == 403
    assert client.post(reverse("meetings:minutes-approve", args=[minutes.pk]), {}).status_code == 403
    assert services.latest_minutes(meeting).status == "draft"
