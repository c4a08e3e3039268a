"""The meeting list, a meeting's page, and adding or editing a meeting."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.meetings.factories import member_attendance

pytestmark = pytest.mark.django_db
LIST = reverse("meetings:meeting-list")
CREATE = reverse("meetings:meeting-create")


def test_business_support_adds_a_meeting_counted_in_the_year_of_its_date(as_user, business_support, group):
    data = {
        "group": group.pk,
        "held_on": "2017-03-31",
        "starts_at": "10:00",
        "venue": "Town Hall",
        "status": "scheduled",
    }
    response = as_user(business_support).post(CREATE, data, follow=True)
    meeting = Meeting.objects.get()
    assert (meeting.held_on, meeting.reporting_year) == (datetime.date(2017, 3, 31), 2016)
    assert "The meeting on 31/03/2017 has been added." in response.content.decode()


def test_a_meeting_may_be_counted_in_another_reporting_year(as_user, business_support, group):
    data = {"group": group.pk, "held_on": "2017-04-06", "status": "held", "reporting_year": "2016/17"}
    as_user(business_support).post(CREATE, data)
    assert Meeting.objects.get().reporting_year == 2016


def test_invalid_input_shows_the_errors(as_user, business_support, group):
    data = {"group": group.pk, "held_on": "not a date", "status": "held", "reporting_year": "2016/18"}
    response = as_user(business_support).post(CREATE, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "the second year must be the year after the first" in page
    assert not Meeting.objects.exists()


def test_a_group_of_another_board_cannot_be_chosen(as_user, business_support):
    from tests.meetings.factories import GroupFactory
    from tests.partners.factories import BoardFactory

    other = GroupFactory(board=BoardFactory(name="Other", short_name="OTH"))
    response = as_user(business_support).post(CREATE, {"group": other.pk, "held_on": "2016-06-01", "status": "held"})
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_a_board_member_may_not_add_a_meeting(as_user, board_member, group):
    assert as_user(board_member).post(CREATE, {"group": group.pk}).status_code == 403


def test_editing_a_meeting_saves_it(as_user, business_support, meeting):
    data = {"group": meeting.group_id, "held_on": "2016-09-06", "status": "cancelled", "venue": "Leigh", "version": 0}
    response = as_user(business_support).post(reverse("meetings:meeting-update", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.status, meeting.venue) == (datetime.date(2016, 9, 6), "cancelled", "Leigh")
    assert meeting.version == 1


def test_two_people_editing_the_same_meeting_the_second_gets_a_conflict_message(as_user, business_support, meeting):
    url = reverse("meetings:meeting-update", args=[meeting.pk])
    client = as_user(business_support)
    first = {"group": meeting.group_id, "held_on": "2016-09-05", "status": "held", "venue": "Leigh", "version": 0}
    client.post(url, first)
    second = {**first, "venue": "Wigan", "version": 0}
    response = client.post(url, second, follow=True)
    assert "Someone else saved this meeting while you were editing" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.version) == ("Leigh", 1)


def test_a_partner_lead_lists_only_meetings_of_groups_their_agency_sits_on(as_user, lead_a, meeting, meeting_b_only):
    meetings = list(as_user(lead_a).get(LIST).context["meetings"])
    assert meetings == [meeting]


def test_readers_list_every_meeting_of_the_board(as_user, board_member, meeting, meeting_b_only):
    assert set(as_user(board_member).get(LIST).context["meetings"]) == {meeting, meeting_b_only}


def test_the_list_has_an_empty_state(as_user, board_member, board):
    assert "No meetings to show yet." in as_user(board_member).get(LIST).content.decode()


def test_a_partner_lead_sees_only_their_own_agencys_attendance_on_a_meeting(
    as_user, lead_a, meeting, member_a, member_b
):
    member_attendance(meeting, member_a, "present")
    member_attendance(meeting, member_b, "apologies")
    response = as_user(lead_a).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert [row.name for row in response.context["attendances"]] == ["Alice Agency-A"]
    assert "Bob Agency-B" not in response.content.decode()


def test_a_partner_lead_asking_for_another_agencys_meeting_gets_404(as_user, lead_a, meeting_b_only):
    assert as_user(lead_a).get(reverse("meetings:meeting-detail", args=[meeting_b_only.pk])).status_code == 404


def test_the_start_page_and_menu_link_to_meetings(as_user, business_support, lead_a, meeting, agency_a):
    import datetime

    from django.utils import timezone

    from tests.meetings.factories import ActionFactory

    page = as_user(business_support).get(reverse("home")).content.decode()
    assert f'href="{LIST}"' in page and "overdue" not in page
    ActionFactory(meeting=meeting, owner=agency_a, due_on=timezone.localdate() - datetime.timedelta(days=1))
    page = as_user(business_support).get(reverse("home")).content.decode()
    assert f'href="{reverse("meetings:action-list")}?show=overdue">1 meeting action is overdue</a>' in page
    assert f'href="{LIST}"' in as_user(lead_a).get(reverse("home")).content.decode()
