"""The jobs app's own daily housekeeping."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from wscb.jobs.framework import TaskContext, task
from wscb.jobs.models import Job
from wscb.jobs.services import job_progress, job_run


def jobs_prune(*, job: Job | None = None) -> dict[str, int]:
    """Finished jobs older than ``JOBS_KEEP_DAYS`` go; uploaded files of failed jobs go after a week
    (nobody retries an import that old); the task backend's finished rows go after 14 days."""
    now = timezone.now()
    deleted, _ = Job.objects.filter(
        status__in=[Job.Status.DONE, Job.Status.FAILED], finished_at__lt=now - timedelta(days=settings.JOBS_KEEP_DAYS)
    ).delete()
    cleared = (
        Job.objects.filter(status=Job.Status.FAILED, finished_at__lt=now - timedelta(days=7))
        .exclude(payload=None)
        .update(payload=None)
    )
    call_command("prune_db_task_results", "--min-age-days", "14", "--queue-name", "*", verbosity=0)
    if job is not None:
        job_progress(job, step=f"{deleted} old job(s) removed, {cleared} uploaded file(s) cleared")
    return {"deleted": deleted, "cleared": cleared}


@task(takes_context=True)
def jobs_prune_task(context: TaskContext, job_id: int) -> None:
    job_run(context, job_id, lambda job: jobs_prune(job=job))
