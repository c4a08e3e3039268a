"""Background work for meetings: compiling a meeting's board pack."""

from __future__ import annotations

from meetings import packs
from wscb.jobs.framework import TaskContext, task
from wscb.jobs.models import Job
from wscb.jobs.services import job_run, job_start


@task(takes_context=True)
def pack_compile_task(context: TaskContext, job_id: int) -> None:
    job_run(context, job_id, lambda job: packs.pack_compile(job=job))


def pack_compile_start(*, meeting, by) -> tuple[Job, bool]:
    """Queue the compilation of the meeting's pack as it is now; one per state of its papers at a
    time (a double click, or two changes before the worker starts, compile once)."""
    key = packs.pack_state_key(meeting)
    return job_start(
        kind="meetings.pack",
        label=f"Compile the board pack for {meeting}",
        task=pack_compile_task,
        board=meeting.group.board,
        by=by,
        arguments={"meeting_id": meeting.pk},
        exclusive_key=f"meetings.pack:{meeting.pk}:{key}",
    )


def _send_action_reminders(job) -> None:
    from datetime import date

    from meetings.reminders import action_reminders_send
    from wscb.jobs.services import job_progress

    today = date.fromisoformat(job.arguments["day"]) if "day" in job.arguments else None
    sent = action_reminders_send(today=today or _today())
    job_progress(job, step=f"{len(sent)} action reminder(s) queued to be e-mailed")


def _today():
    from django.utils import timezone

    return timezone.localdate()


@task(takes_context=True)
def action_reminders_task(context: TaskContext, job_id: int) -> None:
    """The daily schedule's job: queue every action reminder due and not yet sent."""
    job_run(context, job_id, _send_action_reminders)
