"""Booked learners are reminded by e-mail the board's reminder days before their session, once, by the
daily schedule's job (a day the schedule missed is caught up the next day)."""

from datetime import date

import pytest
from freezegun import freeze_time

from tests.training.factories import CourseFactory, SessionFactory
from training.models import TrainingPolicy
from training.selfservice import services
from wscb.jobs.schedule import schedule_run
from wscb.mail.models import Email

pytestmark = pytest.mark.django_db


def test_the_daily_job_reminds_booked_learners_once(board, learner, learner_b, run_jobs):
    TrainingPolicy.objects.create(board=board, reminder_days=3)
    session = SessionFactory(
        course=CourseFactory(board=board, title="Neglect"),
        starts_on=date(2030, 6, 17),
        places_available=1,
        joining_instructions="Room 4.",
    )
    with freeze_time("2030-05-01 10:00"):
        services.learner_book(learner=learner.learner, session=session)
        services.learner_book(learner=learner_b.learner, session=session)  # waiting: no reminder
    with freeze_time("2030-06-13 07:00"):  # four days before
        schedule_run()
        run_jobs()
    assert not Email.objects.filter(kind="training-reminder").exists()
    with freeze_time("2030-06-15 07:00"):  # two days before: the 14th was missed, caught up now
        schedule_run()
        run_jobs()
    with freeze_time("2030-06-16 07:00"):
        schedule_run()
        run_jobs()
    reminders = Email.objects.filter(kind="training-reminder")
    assert [email.to for email in reminders] == [[learner.email]]
    assert "Room 4." in reminders.get().body
