"""Background work for partner updates: the daily reminders of returns and of overdue actions
(registered with the schedule in ReportsConfig.ready)."""

from datetime import date

from reports.selfreports.actions import action_reminders_send
from reports.selfreports.services import reminders_send
from wscb.jobs.framework import TaskContext, task
from wscb.jobs.services import job_progress, job_run


def _send(job) -> None:
    # The reminders due by the schedule's day: the day's jobs start at SCHEDULE_DAILY_AT, so a run in
    # the small hours (still the previous day's) does not send the new day's reminders early.
    sent = reminders_send(today=date.fromisoformat(job.arguments["day"]) if "day" in job.arguments else None)
    job_progress(job, step=f"{len(sent)} reminder(s) queued to be e-mailed")


@task(takes_context=True)
def reminders_task(context: TaskContext, job_id: int) -> None:
    """Queue every reminder that is due and not yet sent (``reminders_send``)."""
    job_run(context, job_id, _send)


def _send_action_reminders(job) -> None:
    sent = action_reminders_send(today=date.fromisoformat(job.arguments["day"]) if "day" in job.arguments else None)
    job_progress(job, step=f"{len(sent)} overdue-action reminder(s) queued to be e-mailed")


@task(takes_context=True)
def action_reminders_task(context: TaskContext, job_id: int) -> None:
    """E-mail the owner of each overdue self-assessment action once for its due date (``action_reminders_send``)."""
    job_run(context, job_id, _send_action_reminders)
