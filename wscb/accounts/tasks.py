"""The daily clearing of expired sign-in sessions (registered with the schedule in WscbConfig.ready)."""

from wscb.accounts.sessions import sessions_clear_expired
from wscb.jobs.framework import TaskContext, task
from wscb.jobs.services import job_progress, job_run


def _clear(job) -> None:
    counts = sessions_clear_expired()
    job_progress(job, step=f"{counts['sessions']} expired session(s) and {counts['records']} record(s) removed")


@task(takes_context=True)
def sessions_clear_task(context: TaskContext, job_id: int) -> None:
    job_run(context, job_id, _clear)
