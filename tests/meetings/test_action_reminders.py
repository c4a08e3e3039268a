"""Action reminders (the daily schedule's job): seven days before the due date and once overdue,
each e-mailed once to the owner agency's partner leads, day after day of runs notwithstanding; a
missed day is caught up; done actions are not reminded; a new due date is reminded afresh."""

import datetime

import pytest
from django.core import mail
from freezegun import freeze_time

from meetings.models import Action, ActionReminder
from wscb.jobs.schedule import schedule_run

pytestmark = pytest.mark.django_db


def run_days(run_jobs, first: datetime.date, days: int):
    for offset in range(days):
        day = first + datetime.timedelta(days=offset)
        with freeze_time(datetime.datetime(day.year, day.month, day.day, 7, 0)):
            schedule_run()
            run_jobs()


def to_lead(lead):
    return [message for message in mail.outbox if message.to == [lead.email]]


def test_a_reminder_before_the_due_date_and_one_when_overdue_each_sent_once(run_jobs, lead_a, lead_b, action_a):
    Action.objects.filter(pk=action_a.pk).update(due_on=datetime.date(2016, 10, 20))
    run_days(run_jobs, datetime.date(2016, 10, 1), 40)
    subjects = [message.subject for message in to_lead(lead_a)]
    assert subjects == ["Action due on 20/10/2016, Test Board", "Overdue action from Test Board"]
    assert not to_lead(lead_b)
    reminders = ActionReminder.objects.filter(action=action_a).order_by("sent_on")
    assert [(r.kind, r.sent_on) for r in reminders] == [
        ("due_soon", datetime.date(2016, 10, 13)),
        ("overdue", datetime.date(2016, 10, 21)),
    ]
    assert "/meetings/actions/" in to_lead(lead_a)[0].body


def test_a_missed_day_is_caught_up_by_the_next_run(run_jobs, lead_a, action_a):
    Action.objects.filter(pk=action_a.pk).update(due_on=datetime.date(2016, 10, 20))
    run_days(run_jobs, datetime.date(2016, 10, 25), 3)  # first run after the due date
    assert [message.subject for message in to_lead(lead_a)] == ["Overdue action from Test Board"]


def test_a_done_action_is_not_reminded(run_jobs, lead_a, action_a):
    Action.objects.filter(pk=action_a.pk).update(due_on=datetime.date(2016, 10, 20), status="done")
    run_days(run_jobs, datetime.date(2016, 10, 10), 20)
    assert not to_lead(lead_a)


def test_a_new_due_date_is_reminded_afresh(run_jobs, lead_a, action_a):
    Action.objects.filter(pk=action_a.pk).update(due_on=datetime.date(2016, 10, 20))
    run_days(run_jobs, datetime.date(2016, 10, 21), 2)
    Action.objects.filter(pk=action_a.pk).update(due_on=datetime.date(2016, 11, 30))
    run_days(run_jobs, datetime.date(2016, 11, 23), 2)
    assert [message.subject for message in to_lead(lead_a)] == [
        "Overdue action from Test Board",
        "Action due on 30/11/2016, Test Board",
    ]
