"""The daily retention job (registered with the schedule in OpsConfig.ready)."""

from wscb.jobs.framework import TaskContext, task
from wscb.jobs.services import job_progress, job_run
from wscb.ops.retention import retention_apply


def _apply(job) -> None:
    counts = retention_apply()
    total = sum(counts.values())
    job_progress(job, step=f"{total} record(s) past their retention date dealt with")


@task(takes_context=True)
def retention_task(context: TaskContext, job_id: int) -> None:
    """``apply_retention --apply`` for today, once a day from the schedule."""
    job_run(context, job_id, _apply)
