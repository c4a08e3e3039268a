"""A practitioner finds a course in the public catalogue, signs up, verifies their address from the
e-mail, books, gets the confirmation with the calendar file and cancels before the cut-off; the learner
waiting is offered the place and takes it; after a session they attended, the first learner's
evaluation releases their certificate. Axe runs on every page reached."""

import re
from datetime import time, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.partners.factories import TEST_PASSWORD
from tests.training.factories import BookingFactory, CourseFactory, LearnerFactory, SessionFactory
from training.models import Booking, TrainingPolicy
from training.selfservice import services
from training.selfservice.evaluations import evaluation_invitations_send
from wscb.mail.models import Email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link(live_server, kind: str, to: str) -> str:
    body = Email.objects.filter(kind=kind, to=[to]).latest("pk").body
    return live_server.url + "/" + re.search(r"https?://[^/\s]+/(\S+)", body.split("\n\n", 1)[1]).group(1)


def test_a_learner_books_cancels_and_the_next_takes_the_place(board, agency_a, live_server, page, assert_accessible):
    today = timezone.localdate()
    TrainingPolicy.objects.create(
        board=board,
        late_cancellation_days=5,
        late_cancellation_counts=TrainingPolicy.DaysCounted.WORKING,
        charging_policy="Places not attended are charged at £25.",
    )
    course = CourseFactory(
        board=board,
        title="Neglect and the Graded Care Profile",
        topic="Neglect",
        level="Level 3",
        learning_outcomes="Recognise neglect\nUse the graded care profile",
    )
    session = SessionFactory(
        course=course,
        starts_on=today + timedelta(days=28),
        start_time=time(9, 30),
        end_time=time(12, 30),
        places_available=1,
        joining_instructions="Sign in at reception.",
    )
    waiting = LearnerFactory(board=board, partner=agency_a, user__email="next@example.org").user
    slug = board.short_name.lower()

    # The public catalogue and the session's page.
    page.goto(f"{live_server.url}/learning/{slug}/")
    assert "Places not attended are charged at £25." in page.content()
    assert_accessible(page)
    page.get_by_label("Topic").select_option("Neglect")
    page.get_by_role("button", name="Show courses").click()
    page.get_by_role("link", name="Neglect and the Graded Care Profile").click()
    assert_accessible(page)

    # Sign up, verify the address from the e-mail, sign in.
    page.get_by_role("link", name="create an account").click()
    assert_accessible(page)
    page.get_by_label("Your name").fill("Lou Learner")
    page.get_by_label("Job title").fill("Family support worker")
    page.get_by_label("Your organisation", exact=False).first.select_option(label="Agency A Trust")
    page.get_by_label("Work e-mail address").fill("lou@example.org")
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_label("Password again").fill(TEST_PASSWORD)
    page.get_by_label("I have read the privacy notice above").check()
    page.get_by_role("button", name="Create account").click()
    assert "Check your e-mail" in page.content()
    assert_accessible(page)
    page.goto(_link(live_server, "learner-verify", "lou@example.org"))
    page.get_by_label("E-mail address").fill("lou@example.org")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "My training" in page.title()
    assert_accessible(page)

    # Book the only place; the confirmation has the joining instructions and the calendar file.
    page.goto(f"{live_server.url}/learning/{slug}/sessions/{session.pk}/")
    page.get_by_role("button", name="Book a place").click()
    assert "Your place is booked" in page.content()
    assert_accessible(page)
    confirmation = Email.objects.get(kind="training-confirmation", to=["lou@example.org"])
    assert "Sign in at reception." in confirmation.body and "session.ics" in confirmation.body
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to your calendar (.ics file)").click()
    assert Path(download.value.path()).read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")

    # The next learner joins the waiting list; Lou cancels before the cut-off.
    services.learner_book(learner=waiting.learner, session=session)
    page.get_by_role("link", name="Cancel this booking").click()
    assert "late cancellation" not in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Cancel the booking").click()
    assert "Your booking is cancelled." in page.content()
    mine = Booking.objects.get(learner__user__email="lou@example.org")
    assert mine.status == Booking.Status.CANCELLED and not mine.is_late_cancellation

    # The learner waiting is offered the place by e-mail and takes it (no sign-in needed).
    page.goto(_link(live_server, "waiting-list-offer", "next@example.org"))
    assert_accessible(page)
    page.get_by_role("button", name="Take the place").click()
    assert "The place is yours" in page.content()
    assert Booking.objects.get(learner=waiting.learner).status == Booking.Status.BOOKED

    # After a session Lou attended, the evaluation from the e-mail releases the certificate.
    past = SessionFactory(
        course=course, starts_on=today - timedelta(days=2), start_time=time(9, 30), end_time=time(12, 0)
    )
    BookingFactory(
        session=past,
        learner=mine.learner,
        delegate_name="Lou Learner",
        email="lou@example.org",
        partner=agency_a,
        organisation_name="",
        status=Booking.Status.ATTENDED,
    )
    evaluation_invitations_send()
    page.goto(_link(live_server, "training-evaluation", "lou@example.org"))
    assert_accessible(page)
    for number in range(2):
        page.locator(f"input[name=before_{number}][value='2']").check()
        page.locator(f"input[name=after_{number}][value='4']").check()
    page.get_by_label("Anything else you would like to tell us (optional)").fill("Practical and clear.")
    page.get_by_role("button", name="Send the evaluation").click()
    assert "your certificate is ready" in page.content()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
