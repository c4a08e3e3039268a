"""Finding (Low): on the attendance sheet a guest given a member's name, or two guests with the same
name, gave a uniqueness 500 (nothing saved). Now the sheet says which row repeats which name."""

import pytest
from django.urls import reverse

from meetings.models import Attendance
from tests.meetings.test_attendance_record import form_data


def url(meeting):
    return reverse("meetings:attendance-record", args=[meeting.pk])


@pytest.mark.parametrize("name", ["Alice Agency-A", "alice  agency-a"])
def test_a_guest_with_a_members_name_is_a_form_error(name, as_user, business_support, meeting, member_a, member_b):
    data = form_data(meeting, [member_a, member_b], others=[{"name": name, "job_title": "Author"}])
    response = as_user(business_support).post(url(meeting), data)
    assert response.status_code == 400
    assert "Alice Agency-A is already on this attendance record" in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting).exists()


@pytest.mark.parametrize("second", ["Gus Guest", "gus  GUEST "])
def test_two_guests_with_the_same_name_are_a_form_error(second, as_user, business_support, meeting, member_a, member_b):
    guests = [{"name": "Gus Guest"}, {"name": second}]
    response = as_user(business_support).post(url(meeting), form_data(meeting, [member_a, member_b], others=guests))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Other attendee 2:" in page and "Gus Guest is already on this attendance record" in page
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_different_guests_are_still_saved(as_user, business_support, meeting, member_a, member_b):
    guests = [{"name": "Gus Guest"}, {"name": "Hal Guest"}]
    response = as_user(business_support).post(url(meeting), form_data(meeting, [member_a, member_b], others=guests))
    assert response.status_code == 302
    assert Attendance.objects.filter(meeting=meeting).count() == 4
