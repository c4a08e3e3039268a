"""Browser: the manager answers from the e-mailed link without signing in, and the learner answers
the impact questionnaire; axe on every page reached and each reflows in a 320 CSS px window."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.training.factories import BookingFactory, CourseFactory, SessionFactory
from training.models import Booking, ImpactResponse
from training.selfservice import services
from training.selfservice.impact import impact_invitations_send
from wscb.mail.models import Email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _approval_link(live_server) -> str:
    body = Email.objects.filter(kind="training-approval-request").latest("pk").body
    return live_server.url + "/" + re.search(r"https?://[^/\s]+/(learning/approve/\S+)", body).group(1)


def _reflows(page) -> None:
    page.set_viewport_size({"width": 320, "height": 900})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320, page.url
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_manager_approves_from_the_link(board, learner, live_server, page, assert_accessible):
    learner.learner.manager_name = "Mary Manager"
    learner.learner.manager_email = "mary.manager@example.org"
    learner.learner.save()
    course = CourseFactory(board=board, title="Working with adolescents", requires_manager_approval=True)
    session = SessionFactory(course=course, starts_on=timezone.localdate() + timedelta(days=30), places_available=5)
    booking = services.learner_book(learner=learner.learner, session=session)

    page.goto(_approval_link(live_server))
    assert "Approve a training place" in page.content()
    assert_accessible(page)
    _reflows(page)
    page.get_by_role("button", name="Send my answer").click()
    assert "Choose whether to approve or decline" in page.content()
    assert_accessible(page)
    page.get_by_label("Approve: book the place").check()
    page.get_by_role("button", name="Send my answer").click()
    assert "approved and booked" in page.content()
    assert_accessible(page)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


def test_the_learner_answers_the_impact_questionnaire(board, learner, live_server, page, sign_in, assert_accessible):
    course = CourseFactory(board=board, title="A New Mindset", impact_follow_up_weeks=12)
    session = SessionFactory(course=course, starts_on=timezone.localdate() - timedelta(weeks=12))
    booking = BookingFactory(
        session=session,
        learner=learner.learner,
        email=learner.email,
        partner=learner.learner.partner,
        organisation_name="",
        status=Booking.Status.ATTENDED,
    )
    impact_invitations_send()
    sign_in(learner)
    page.goto(f"{live_server.url}/learning/my/bookings/{booking.pk}/")
    page.get_by_role("link", name="Answer the impact questionnaire").click()
    assert_accessible(page)
    _reflows(page)
    page.get_by_label("4").check()
    page.get_by_label("What do you do differently since the course? (optional)").fill("I ask about fathers.")
    page.get_by_role("button", name="Send my answers").click()
    assert "Thank you: your answers help" in page.content()
    assert_accessible(page)
    assert ImpactResponse.objects.get(booking=booking).practice_change == 4
