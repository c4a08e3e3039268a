"""A message may carry files (a calendar file, say): they are kept in the outbox row with it, so a
retry after a refusing mail server sends them again, and they arrive as attachments."""

import pytest
from django.core import mail

from wscb.mail.models import Email
from wscb.mail.services import Attachment, email_queue

pytestmark = pytest.mark.django_db

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


def test_the_attachment_is_kept_in_the_outbox_and_sent_with_the_message(board, run_jobs):
    email_queue(
        kind="training-confirmation",
        board=board,
        to=["learner@example.org"],
        subject="Booked",
        body="See the attached file.",
        attachments=[Attachment("session.ics", ICS, "text/calendar"), Attachment("notes.bin", b"\x00\xff")],
    )
    stored = Email.objects.get()
    assert [item["filename"] for item in stored.attachments] == ["session.ics", "notes.bin"]
    assert stored.attachment_names == "session.ics, notes.bin"
    run_jobs()
    [message] = mail.outbox
    (name, content, content_type), (other, binary, binary_type) = message.attachments
    assert (name, content_type) == ("session.ics", "text/calendar")
    assert "BEGIN:VCALENDAR" in (content if isinstance(content, str) else content.decode())
    assert (other, binary, binary_type) == ("notes.bin", b"\x00\xff", "application/octet-stream")


def test_a_message_without_attachments_has_none(board, run_jobs):
    email_queue(kind="invitation", board=board, to=["lead@example.org"], subject="Your update", body="Please.")
    assert Email.objects.get().attachments == []
    run_jobs()
    assert mail.outbox[0].attachments == []
