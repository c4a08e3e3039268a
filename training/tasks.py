"""Background work for training: e-learning imports too big for a request."""

from training import services
from wscb.data.import_jobs import import_job_start
from wscb.jobs.framework import TaskContext, task
from wscb.jobs.services import job_run


@task(takes_context=True)
def elearning_import_task(context: TaskContext, job_id: int) -> None:
    job_run(context, job_id, lambda job: services.elearning_import_job(job=job))


def elearning_import_start(*, board, upload, by, rows: int):
    """Queue the import of a checked e-learning export (``rows`` rows) as a job."""
    return import_job_start(
        kind="training.elearning-import",
        label=f"Import {rows:,} e-learning licences from {upload.name}",
        task=elearning_import_task,
        upload=upload,
        board=board,
        by=by,
    )
