"""The daily schedule: one entry point, ``manage.py run_schedule``, run by cron or a systemd timer
every few minutes on one machine or several.

Each run starts every registered daily job that has not started yet for the day. The day's job has a
unique key (``schedule:<key>:<date>``), so two machines running the schedule at the same moment start it
once. A day's jobs start at the first run after ``SCHEDULE_DAILY_AT`` (local time, default 06:00); a day
on which the schedule never ran is not run later, but each daily job works out what is due when it runs
(reminders due and not yet sent, records past their retention date), so the next day catches up.

Each run also calls the every-run hooks: cheap housekeeping such as sending e-mails whose retry is due.

Apps register in their ``AppConfig.ready``::

    from wscb.jobs.schedule import schedule_daily
    schedule_daily(key="reminders", label="Partner-update reminders", task="reports.selfreports.tasks.reminders_task")

The task takes ``job_id`` like every job task (``wscb.jobs.services.job_run``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class DailyJob:
    key: str
    label: str
    task: str  # dotted path of the task


_daily: dict[str, DailyJob] = {}
_every_run: list[Callable[[], object]] = []


def schedule_daily(*, key: str, label: str, task: str) -> DailyJob:
    entry = DailyJob(key=key, label=label, task=task)
    _daily[key] = entry
    return entry


def schedule_every_run(hook: Callable[[], object]) -> None:
    if hook not in _every_run:
        _every_run.append(hook)


def daily_jobs() -> list[DailyJob]:
    return sorted(_daily.values(), key=lambda entry: entry.key)


def schedule_day(now: datetime | None = None) -> date:
    """The day whose jobs are due at ``now``: today from SCHEDULE_DAILY_AT (local time), else yesterday."""
    local = timezone.localtime(now or timezone.now())
    return local.date() if local.time() >= settings.SCHEDULE_DAILY_AT else local.date() - timedelta(days=1)


def schedule_run(*, now: datetime | None = None) -> list:
    """Start the day's jobs that have not started yet and run the every-run hooks.
    Returns the jobs started by this run (none when another run started them first)."""
    from wscb.jobs.services import job_start

    day = schedule_day(now)
    started = []
    for entry in daily_jobs():
        job, created = job_start(
            kind=f"schedule.{entry.key}",
            label=f"{entry.label}, {day:%d/%m/%Y}",
            task=import_string(entry.task),
            arguments={"day": day.isoformat()},
            unique_key=f"schedule:{entry.key}:{day.isoformat()}",
        )
        if created:
            started.append(job)
    for hook in _every_run:
        hook()
    return started
