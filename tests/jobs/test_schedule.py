"""The daily schedule: ``run_schedule`` starts each registered daily job once per day (from the daily
time, London time), however many runs there are, and its jobs do their work."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from wscb.accounts.models import UserSession
from wscb.jobs.models import Job
from wscb.jobs.schedule import daily_jobs, schedule_day
from wscb.mail.models import Email

LONDON = ZoneInfo("Europe/London")


def _schedule(at: str) -> str:
    out = StringIO()
    with freeze_time(at):
        call_command("run_schedule", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("local", "day"),
    [
        (datetime(2024, 5, 1, 5, 59), date(2024, 4, 30)),
        (datetime(2024, 5, 1, 6, 0), date(2024, 5, 1)),
        (datetime(2024, 12, 31, 23, 59), date(2024, 12, 31)),
        (datetime(2025, 1, 1, 0, 1), date(2024, 12, 31)),
        (datetime(2024, 3, 31, 6, 30), date(2024, 3, 31)),  # the morning the clocks go forward
    ],
)
def test_the_day_whose_jobs_are_due(local, day):
    assert schedule_day(local.replace(tzinfo=LONDON)) == day


def test_the_daily_jobs_are_registered_by_their_apps():
    assert [entry.key for entry in daily_jobs()] == [
        "action-reminders",
        "jobs",
        "mail",
        "meeting-actions",
        "reminders",
        "retention",
        "sessions",
        "training-evaluations",
        "training-impact",
        "training-reminders",
    ]


def test_each_days_jobs_start_once_however_often_the_schedule_runs(db, run_jobs):
    first = _schedule("2024-05-01 08:00")
    daily = len(daily_jobs())
    assert first.count("Started:") == daily and "Partner-update reminders, 01/05/2024" in first
    assert "Nothing to start: the jobs of 01/05/2024 have started already." in _schedule("2024-05-01 08:05")
    assert Job.objects.count() == daily
    with freeze_time("2024-05-01 08:06"):
        run_jobs()
    assert set(Job.objects.values_list("status", flat=True)) == {"done"}
    assert _schedule("2024-05-02 08:00").count("Started:") == daily
    assert Job.objects.filter(unique_key__startswith="schedule:reminders:").count() == 2


def test_the_sessions_job_removes_expired_sessions_and_their_records(db, run_jobs, lead_a):
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="e30=", expire_date=now - timedelta(hours=1))
    Session.objects.create(session_key="live", session_data="e30=", expire_date=now + timedelta(hours=1))
    UserSession.objects.create(user=lead_a, key_hash="a" * 64, last_seen_at=now - timedelta(hours=2))
    UserSession.objects.create(user=lead_a, key_hash="b" * 64, last_seen_at=now)
    call_command("run_schedule", stdout=StringIO())
    run_jobs()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
    assert list(UserSession.objects.values_list("key_hash", flat=True)) == ["b" * 64]
    job = Job.objects.get(kind="schedule.sessions")
    assert job.step == "1 expired session(s) and 1 record(s) removed"


def test_the_mail_and_jobs_housekeeping_remove_old_rows(db, run_jobs, settings):
    settings.MAIL_KEEP_DAYS = settings.JOBS_KEEP_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    Email.objects.create(kind="reminder", to=["a@example.org"], subject="Old", body=".", status="sent", created_at=old)
    Email.objects.create(kind="reminder", to=["b@example.org"], subject="New", body=".", status="sent")
    Job.objects.create(kind="test", label="Old job", task_path="x.y", status="done", finished_at=old)
    call_command("run_schedule", stdout=StringIO())
    run_jobs()
    assert list(Email.objects.values_list("subject", flat=True)) == ["New"]
    assert not Job.objects.filter(label="Old job").exists()
