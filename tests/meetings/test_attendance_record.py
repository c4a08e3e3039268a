"""Recording a meeting's attendance on one page with one submit."""

import pytest
from django.urls import reverse

from meetings.models import Attendance, Meeting
from tests.meetings.factories import MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(meeting):
    return reverse("meetings:attendance-record", args=[meeting.pk])


def form_data(meeting, members, *, statuses=None, others=(), version=None):
    """The POST the page sends: one row per expected member, then the other-attendee rows."""
    statuses = statuses or {}
    data = {
        "version": meeting.version if version is None else version,
        "members-TOTAL_FORMS": len(members),
        "members-INITIAL_FORMS": len(members),
        "others-TOTAL_FORMS": max(3, len(others)),
        "others-INITIAL_FORMS": 0,
    }
    for index, membership in enumerate(members):
        status, deputy_name, deputy_job_title = statuses.get(membership.pk, ("present", "", ""))
        data[f"members-{index}-membership"] = membership.pk
        data[f"members-{index}-status"] = status
        data[f"members-{index}-deputy_name"] = deputy_name
        data[f"members-{index}-deputy_job_title"] = deputy_job_title
    for index in range(max(3, len(others))):
        other = others[index] if index < len(others) else {}
        data[f"others-{index}-name"] = other.get("name", "")
        data[f"others-{index}-job_title"] = other.get("job_title", "")
        data[f"others-{index}-partner"] = other.get("partner", "")
        data[f"others-{index}-attendee_role"] = other.get("attendee_role", "presenter")
    return data


def test_the_page_lists_every_expected_member_pre_filled_as_present(
    as_user, business_support, meeting, member_a, member_b
):
    response = as_user(business_support).get(url(meeting))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alice Agency-A" in page and "Bob Agency-B" in page
    members = response.context["members"]
    assert [form.initial["status"] for form in members] == ["present", "present"]
    assert 'for="id_members-0-status"' in page  # every control has a label


def test_one_submit_saves_present_apologies_deputy_and_other_attendees(
    as_user, business_support, meeting, member_a, member_b, agency_a
):
    extra = MembershipFactory(group=meeting.group, person=PersonFactory(full_name="Cara Council"))
    data = form_data(
        meeting,
        [member_a, member_b, extra],
        statuses={
            member_b.pk: ("deputy", "Dee Deputy", "Inspector"),
            extra.pk: ("apologies", "", ""),
        },
        others=[{"name": "Gus Guest", "job_title": "Author", "partner": agency_a.pk, "attendee_role": "author"}],
    )
    response = as_user(business_support).post(url(meeting), data)
    assert response.status_code == 302
    assert response.url == reverse("meetings:meeting-detail", args=[meeting.pk])
    rows = {row.name: row for row in Attendance.objects.filter(meeting=meeting)}
    assert rows["Alice Agency-A"].status == "present"
    assert (rows["Bob Agency-B"].status, rows["Bob Agency-B"].deputy_name) == ("deputy", "Dee Deputy")
    assert rows["Cara Council"].status == "apologies"
    assert (rows["Gus Guest"].membership, rows["Gus Guest"].partner, rows["Gus Guest"].attendee_role) == (
        None,
        agency_a,
        "author",
    )
    meeting.refresh_from_db()
    assert meeting.version == 1


def test_reopening_the_page_shows_what_was_saved(as_user, business_support, meeting, member_a, member_b):
    client = as_user(business_support)
    client.post(url(meeting), form_data(meeting, [member_a, member_b], statuses={member_a.pk: ("apologies", "", "")}))
    response = client.get(url(meeting))
    statuses = {form.initial["membership"]: form.initial["status"] for form in response.context["members"]}
    assert statuses == {member_a.pk: "apologies", member_b.pk: "present"}


def test_recording_attendance_marks_a_scheduled_meeting_held(as_user, business_support, meeting, member_a, member_b):
    Meeting.objects.filter(pk=meeting.pk).update(status="scheduled")
    meeting.refresh_from_db()
    as_user(business_support).post(url(meeting), form_data(meeting, [member_a, member_b]))
    meeting.refresh_from_db()
    assert meeting.status == "held"


def test_a_deputy_without_a_name_is_refused_and_nothing_is_saved(
    as_user, business_support, meeting, member_a, member_b
):
    data = form_data(meeting, [member_a, member_b], statuses={member_b.pk: ("deputy", "", "")})
    response = as_user(business_support).post(url(meeting), data)
    assert response.status_code == 400
    assert "Bob Agency-B: Give the deputy&#x27;s name." in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_a_member_missing_from_the_submission_is_refused(as_user, business_support, meeting, member_a, member_b):
    response = as_user(business_support).post(url(meeting), form_data(meeting, [member_a]))
    assert response.status_code == 400
    assert "The list of members has changed" in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_a_second_editor_with_an_old_version_gets_a_conflict_message(
    as_user, business_support, meeting, member_a, member_b
):
    client = as_user(business_support)
    client.post(url(meeting), form_data(meeting, [member_a, member_b], statuses={member_a.pk: ("absent", "", "")}))
    response = client.post(url(meeting), form_data(meeting, [member_a, member_b], version=0), follow=True)
    assert "Someone else saved this attendance" in response.content.decode()
    assert Attendance.objects.get(meeting=meeting, membership=member_a).status == "absent"


def test_anonymous_visitors_are_sent_to_sign_in(as_user, meeting):
    response = as_user(None).get(url(meeting))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["board_member", "lead_a"])
def test_readers_and_partner_leads_may_not_record_attendance(as_user, role, request, meeting, member_a, member_b):
    user = request.getfixturevalue(role)
    response = as_user(user).post(url(meeting), form_data(meeting, [member_a, member_b]))
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_a_meeting_of_another_board_is_not_found(as_user, business_support, member_a):
    from tests.partners.factories import BoardFactory

    other = MeetingFactory(group__board=BoardFactory(name="Other Board", short_name="OB"))
    assert as_user(business_support).get(url(other)).status_code == 404


def test_other_methods_are_not_allowed(as_user, business_support, meeting):
    assert as_user(business_support).put(url(meeting)).status_code == 405


def _meeting_with_members(group, count):
    meeting = MeetingFactory(group=group, held_on=__import__("datetime").date(2016, 11, 21))
    members = [MembershipFactory(group=group) for _ in range(count)]
    return meeting, members


@pytest.mark.parametrize("size", [5, 40])
def test_recording_takes_the_same_bounded_number_of_queries_at_5_and_40_members(
    size, as_user, business_support, group, django_assert_max_num_queries
):
    meeting, members = _meeting_with_members(group, size)
    client = as_user(business_support)
    statuses = {members[0].pk: ("deputy", "Dee Deputy", "Inspector"), members[1].pk: ("apologies", "", "")}
    data = form_data(meeting, members, statuses=statuses)
    # The same bound at 5 and at 40 members: the save is one bulk write, not one query per member.
    with django_assert_max_num_queries(19):  # 17 + the audit row (and its content type)
        response = client.post(url(meeting), data)
    assert response.status_code == 302
    assert Attendance.objects.filter(meeting=meeting).count() == size
    with django_assert_max_num_queries(14):  # 12 + the audit row (and its content type)
        page = client.get(url(meeting))
    assert len(page.context["members"].forms) == size
