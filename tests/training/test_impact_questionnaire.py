"""The follow-up impact questionnaire of courses that report their impact: the daily job sends it to
each learner who attended, the course's weeks after the session, once; the learner answers it from
their booking, once; another learner's is a 404."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from tests.conftest import client_for
from tests.training.factories import BookingFactory, CourseFactory, SessionFactory
from training.models import Booking, ImpactResponse
from training.selfservice.impact import impact_invitations_send
from wscb.jobs.schedule import schedule_run
from wscb.mail.models import Email

pytestmark = pytest.mark.django_db

SESSION_DAY = date(2030, 6, 17)


@pytest.fixture
def attended(board, learner):
    course = CourseFactory(board=board, title="A New Mindset", impact_follow_up_weeks=12)
    session = SessionFactory(course=course, starts_on=SESSION_DAY)
    return BookingFactory(
        session=session,
        learner=learner.learner,
        email=learner.email,
        partner=learner.learner.partner,
        organisation_name="",
        status=Booking.Status.ATTENDED,
    )


def test_it_is_sent_the_course_s_weeks_after_the_session_once(attended):
    due = SESSION_DAY + timedelta(weeks=12)
    assert impact_invitations_send(today=due - timedelta(days=1)) == []
    assert impact_invitations_send(today=due) == [attended]
    assert impact_invitations_send(today=due + timedelta(days=1)) == []  # once
    [email] = Email.objects.filter(kind="training-impact")
    assert email.to == [attended.email] and "12 weeks ago" in email.body
    assert reverse("learning:impact", kwargs={"pk": attended.pk}) in email.body
    attended.refresh_from_db()
    assert attended.impact_invited_at is not None


def test_the_daily_schedule_sends_it(attended, run_jobs):
    with freeze_time("2030-09-09 07:00"):  # 12 weeks after 17/06/2030
        schedule_run()
        run_jobs()
    with freeze_time("2030-09-10 07:00"):
        schedule_run()
        run_jobs()
    assert Email.objects.filter(kind="training-impact", to=[attended.email]).count() == 1


def test_courses_without_a_follow_up_and_absent_learners_get_none(board, learner, attended):
    plain = SessionFactory(course=CourseFactory(board=board), starts_on=SESSION_DAY)
    BookingFactory(session=plain, learner=learner.learner, status=Booking.Status.ATTENDED)
    absent = BookingFactory(session=attended.session, status=Booking.Status.DID_NOT_ATTEND)
    sent = impact_invitations_send(today=SESSION_DAY + timedelta(weeks=12))
    assert sent == [attended] and absent not in sent


def test_a_questionnaire_long_overdue_is_not_sent_late(attended):
    assert impact_invitations_send(today=SESSION_DAY + timedelta(weeks=12, days=30)) == []


def test_the_learner_answers_it_once_and_the_answer_is_stored(attended, learner):
    impact_invitations_send(today=SESSION_DAY + timedelta(weeks=12))
    client = client_for(learner)
    url = reverse("learning:impact", kwargs={"pk": attended.pk})
    page = client.get(url)
    assert page.status_code == 200 and "How much has the course changed your practice?" in page.content.decode()
    assert client.post(url, {"example": "No answer chosen"}).status_code == 400
    assert not ImpactResponse.objects.exists()
    response = client.post(url, {"practice_change": "4", "example": "I ask about fathers at every visit."})
    assert response.status_code == 302
    answer = ImpactResponse.objects.get()
    assert (answer.booking_id, answer.practice_change, answer.example) == (
        attended.pk,
        4,
        "I ask about fathers at every visit.",
    )
    assert client.post(url, {"practice_change": "2"}).status_code == 409
    assert ImpactResponse.objects.get().practice_change == 4


def test_it_cannot_be_answered_before_it_is_sent(attended, learner):
    response = client_for(learner).post(
        reverse("learning:impact", kwargs={"pk": attended.pk}), {"practice_change": "5"}
    )
    assert response.status_code == 409 and not ImpactResponse.objects.exists()


def test_another_learner_and_the_partnership_s_roles_cannot_reach_it(attended, learner_b, lead_a, business_support):
    url = reverse("learning:impact", kwargs={"pk": attended.pk})
    assert client_for(learner_b).get(url).status_code == 404
    assert client_for(lead_a).get(url).status_code == 403
    assert client_for(business_support).get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to sign in
