"""Reading and changing a meeting's attendance record writes one audit row each (the import one per
meeting); refused attempts write no row about the meeting."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Meeting
from tests.meetings.test_attendance_record import form_data, url
from wscb.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def rows():
    content_type = ContentType.objects.get_for_model(Meeting)
    return list(
        AuditEvent.objects.filter(content_type=content_type)
        .order_by("pk")
        .values_list("user__email", "action", "object_id", "detail")
    )


def test_opening_and_saving_the_attendance_record_writes_viewed_then_changed(
    as_user, business_support, meeting, member_a, member_b
):
    client = as_user(business_support)
    assert client.get(url(meeting)).status_code == 200
    assert client.post(url(meeting), form_data(meeting, [member_a, member_b])).status_code == 302
    assert rows() == [
        (business_support.email, AuditAction.VIEWED, str(meeting.pk), "Attendance record"),
        (business_support.email, AuditAction.CHANGED, str(meeting.pk), "Attendance recorded. Changed: attendances"),
    ]


def test_reading_the_meeting_page_with_its_attendance_is_audited(as_user, lead_a, meeting):
    assert as_user(lead_a).get(reverse("meetings:meeting-detail", args=[meeting.pk])).status_code == 200
    assert rows() == [(lead_a.email, AuditAction.VIEWED, str(meeting.pk), "Meeting and attendance")]


def test_a_stale_save_writes_no_changed_row(as_user, business_support, meeting, member_a, member_b):
    data = form_data(meeting, [member_a, member_b], version=meeting.version + 5)
    as_user(business_support).post(url(meeting), data)
    assert [row[1] for row in rows()] == []


@pytest.mark.parametrize("role", ["lead_a", "board_member"])
def test_a_refused_role_writes_no_row_about_the_meeting(role, request, as_user, meeting, member_a, member_b):
    client = as_user(request.getfixturevalue(role))
    assert client.get(url(meeting)).status_code == 403
    assert client.post(url(meeting), form_data(meeting, [member_a, member_b])).status_code == 403
    assert rows() == []


def test_a_lead_refused_another_agencys_meeting_gets_404_and_no_row(as_user, lead_a, meeting_b_only):
    response = as_user(lead_a).get(reverse("meetings:meeting-detail", args=[meeting_b_only.pk]))
    assert response.status_code == 404
    assert rows() == []


def test_an_import_writes_one_imported_row_with_the_counts(as_user, business_support, meeting):
    content = "Group,Meeting date,Name,Status,Role\r\nTest Board,05/09/2016,Gus Guest,present,observer\r\n"
    upload = SimpleUploadedFile("attendance.csv", content.encode(), "text/csv")
    client = as_user(business_support)
    preview = client.post(reverse("meetings:attendance-import"), {"file": upload})
    assert preview.status_code == 200 and rows() == []  # the preview writes nothing
    response = client.post(reverse("imports:confirm", args=["attendance"]), {"token": preview.context["token"]})
    assert response.status_code == 302
    imported = AuditEvent.objects.filter(action=AuditAction.IMPORTED).values_list("user__email", "detail")
    assert list(imported) == [(business_support.email, "attendances: 1 new, 0 updated, 0 unchanged")]


def test_a_refused_import_writes_no_row(as_user, business_support, meeting):
    content = "Group,Meeting date,Name,Status\r\nNo such group,05/09/2016,Gus Guest,present\r\n"
    upload = SimpleUploadedFile("attendance.csv", content.encode(), "text/csv")
    response = as_user(business_support).post(reverse("meetings:attendance-import"), {"file": upload})
    assert response.status_code == 400
    assert rows() == []


def test_an_attendance_row_changed_in_the_back_office_is_audited_with_the_fields(as_user, administrator, meeting):
    from meetings.models import Attendance

    row = Attendance.objects.create(meeting=meeting, name="Gus Guest", attendee_role="observer", status="present")
    url = reverse("admin:meetings_attendance_change", args=[row.pk])
    data = {
        "meeting": meeting.pk,
        "membership": "",
        "name": "Gus Guest",
        "job_title": "",
        "partner": "",
        "represents": "",
        "attendee_role": "observer",
        "status": "apologies",
        "deputy_name": "",
        "deputy_job_title": "",
        "version": meeting.version,  # the back office form carries the meeting's version (T60)
    }
    response = as_user(administrator).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action=AuditAction.CHANGED)
    assert (event.user, event.object_id, event.detail, event.channel) == (
        administrator,
        str(row.pk),
        "Changed: status",
        "admin",
    )
