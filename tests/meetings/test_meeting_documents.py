"""Agenda and minutes: PDF or DOCX, at most 10 MB, served only to people who may see the meeting."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.forms import MAX_DOCUMENT_BYTES

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% minutes of the board\n"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Agenda")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def edit(client, meeting, **files):
    data = {
        "group": meeting.group_id,
        "held_on": meeting.held_on.isoformat(),
        "status": meeting.status,
        "venue": "Town Hall",
        "reporting_year": "",
        "version": meeting.version,
        **files,
    }
    return client.post(reverse("meetings:meeting-update", args=[meeting.pk]), data)


def document_url(meeting, kind="minutes"):
    return reverse("meetings:meeting-document", args=[meeting.pk, kind])


def test_a_pdf_and_a_docx_are_stored_under_media_root_and_served_to_readers(
    as_user, business_support, board_member, meeting, settings
):
    response = edit(
        as_user(business_support),
        meeting,
        minutes=SimpleUploadedFile("minutes.pdf", PDF, "application/pdf"),
        agenda=SimpleUploadedFile("agenda.docx", docx_bytes(), DOCX_TYPE),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (settings.MEDIA_ROOT / meeting.minutes.name).read_bytes() == PDF
    served = as_user(board_member).get(document_url(meeting))
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Disposition"].startswith("attachment")
    assert as_user(board_member).get(document_url(meeting, "agenda")).status_code == 200


def test_a_partner_lead_gets_their_own_groups_minutes(as_user, business_support, lead_a, meeting):
    edit(as_user(business_support), meeting, minutes=SimpleUploadedFile("minutes.pdf", PDF, "application/pdf"))
    assert as_user(lead_a).get(document_url(meeting)).status_code == 200


def test_a_partner_lead_asking_for_another_agencys_minutes_gets_404(as_user, business_support, lead_a, meeting_b_only):
    edit(as_user(business_support), meeting_b_only, minutes=SimpleUploadedFile("m.pdf", PDF, "application/pdf"))
    meeting_b_only.refresh_from_db()
    assert meeting_b_only.minutes
    assert as_user(lead_a).get(document_url(meeting_b_only)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in_for_a_document(as_user, meeting):
    assert as_user(None).get(document_url(meeting)).url.startswith(reverse("login"))


def test_an_unknown_kind_of_document_is_not_found(as_user, board_member, meeting):
    assert as_user(board_member).get(document_url(meeting, "secrets")).status_code == 404


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("minutes.exe", b"MZ", "application/octet-stream"), "Upload a PDF or Word (.docx) file."),
        (SimpleUploadedFile("minutes.pdf", b"MZ not a pdf", "application/pdf"), "contents are not a PDF file"),
        (SimpleUploadedFile("minutes.pdf", PDF, "text/html"), "which is not a PDF file"),
        (
            SimpleUploadedFile("minutes.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES, "application/pdf"),
            "larger than 10 MB",
        ),
    ],
    ids=["wrong extension", "wrong contents", "wrong content type", "too large"],
)
def test_a_bad_upload_is_refused_with_a_reason(upload, message, as_user, business_support, meeting):
    response = edit(as_user(business_support), meeting, minutes=upload)
    assert response.status_code == 200
    assert message in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.minutes


def test_a_board_member_may_not_upload(as_user, board_member, meeting):
    response = edit(as_user(board_member), meeting, minutes=SimpleUploadedFile("m.pdf", PDF, "application/pdf"))
    assert response.status_code == 403
