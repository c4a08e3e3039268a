"""The booking confirmation carries the session's calendar file (.ics) as an attachment, the same
event the catalogue's .ics link gives, not only a link to it."""

from datetime import date

import pytest
from django.core import mail
from django.test import Client

from tests.training.factories import CourseFactory, SessionFactory
from training.selfservice import services
from wscb.boards import board_public_slug

pytestmark = pytest.mark.django_db


def test_the_confirmation_has_the_session_as_an_ics_attachment(board, learner, run_jobs):
    session = SessionFactory(
        course=CourseFactory(board=board, title="Safe Sleep Training"), starts_on=date(2030, 6, 17)
    )
    booking = services.learner_book(learner=learner.learner, session=session)
    run_jobs()
    [confirmation] = [message for message in mail.outbox if message.subject.startswith("Booking confirmed")]
    assert confirmation.to == [booking.email]
    [(name, content, content_type)] = confirmation.attachments
    text = content if isinstance(content, str) else content.decode()
    assert (name, content_type) == (f"training-session-{session.pk}.ics", "text/calendar")
    assert "BEGIN:VEVENT" in text and "SUMMARY:Safe Sleep Training" in text and "20300617" in text
    assert "attached" in confirmation.body
    # The same event (its UID) as the catalogue's .ics link.
    linked = Client().get(f"/learning/{board_public_slug(board)}/sessions/{session.pk}/session.ics").content.decode()
    uid = next(line for line in text.splitlines() if line.startswith("UID:"))
    assert uid in linked.splitlines()


def test_the_waiting_list_e_mail_has_no_calendar_file(board, learner, learner_b, run_jobs):
    session = SessionFactory(course=CourseFactory(board=board), starts_on=date(2030, 6, 17), places_available=1)
    services.learner_book(learner=learner.learner, session=session)
    services.learner_book(learner=learner_b.learner, session=session)
    run_jobs()
    [waiting] = [message for message in mail.outbox if message.subject.startswith("On the waiting list")]
    assert waiting.attachments == []
