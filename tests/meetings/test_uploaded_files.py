"""Agenda and minutes: checked by content (wscb.data.uploads), stored under generated names, served only
through the permission-checked view with no-store, never from a public media URL; a replaced or
cleared file is removed from disk."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.meetings.test_meeting_documents import DOCX_TYPE, PDF, document_url, docx_bytes, edit

pytestmark = pytest.mark.django_db


def pdf(name="Minutes of Jayden's case conference.pdf", content=PDF):
    return SimpleUploadedFile(name, content, "application/pdf")


def test_the_stored_name_is_generated_and_never_the_uploaders(as_user, business_support, meeting):
    assert edit(as_user(business_support), meeting, minutes=pdf()).status_code == 302
    meeting.refresh_from_db()
    stored = meeting.minutes.name
    assert stored.startswith(f"meetings/{meeting.group_id}/") and stored.endswith(".pdf")
    assert "Jayden" not in stored and "Minutes" not in stored
    assert len(stored.rsplit("/", 1)[-1]) == len("0123456789abcdef0123456789abcdef.pdf")


def test_the_download_is_no_store_with_a_safe_name(as_user, business_support, board_member, meeting):
    edit(as_user(business_support), meeting, minutes=pdf())
    response = as_user(board_member).get(document_url(meeting))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="Test-Board-{meeting.held_on:%Y-%m-%d}-minutes.pdf"'
    )


def test_no_uploaded_file_is_reachable_through_a_media_url(as_user, business_support, board_member, meeting, settings):
    edit(as_user(business_support), meeting, minutes=pdf())
    meeting.refresh_from_db()
    client = as_user(board_member)
    for prefix in (settings.MEDIA_URL, "/media/", "/"):
        assert client.get(prefix + meeting.minutes.name).status_code == 404
    assert as_user(None).get(settings.MEDIA_URL + meeting.minutes.name).status_code == 404


def test_a_replaced_file_is_removed_from_disk(
    as_user, business_support, meeting, settings, django_capture_on_commit_callbacks
):
    client = as_user(business_support)
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, meeting, minutes=pdf())
    meeting.refresh_from_db()
    first = settings.MEDIA_ROOT / meeting.minutes.name
    assert first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert edit(client, meeting, minutes=pdf("v2.pdf", PDF + b"v2")).status_code == 302
    meeting.refresh_from_db()
    assert not first.exists()
    assert (settings.MEDIA_ROOT / meeting.minutes.name).read_bytes() == PDF + b"v2"


def test_a_cleared_file_is_removed_from_disk(
    as_user, business_support, meeting, settings, django_capture_on_commit_callbacks
):
    client = as_user(business_support)
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, meeting, agenda=SimpleUploadedFile("a.docx", docx_bytes(), DOCX_TYPE))
    meeting.refresh_from_db()
    stored = settings.MEDIA_ROOT / meeting.agenda.name
    with django_capture_on_commit_callbacks(execute=True):
        assert edit(client, meeting, **{"agenda-clear": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert not meeting.agenda and not stored.exists()


def _zip(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_zip({"hello.txt": "not word"}), "is not a DOCX file"),
        (_zip({"word/document.xml": "<w/>", "word/vbaProject.bin": "macro"}), "contains macros"),
    ],
    ids=["any zip renamed .docx", "a Word file with macros"],
)
def test_a_word_file_is_opened_and_checked_not_just_its_first_bytes(
    content, message, as_user, business_support, meeting
):
    response = edit(as_user(business_support), meeting, agenda=SimpleUploadedFile("a.docx", content, DOCX_TYPE))
    assert response.status_code == 200
    assert message in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.agenda
