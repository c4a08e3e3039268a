"""Tasks for the job tests: plain functions of the kind an app writes, doing what each test needs."""

from wscb.jobs.framework import TaskContext, task
from wscb.jobs.services import JobError, job_complete, job_progress, job_run

#: What the tasks did, for the tests to read (reset by the tests).
DONE: list = []


def _work(job) -> None:
    behaviour = job.arguments.get("behaviour", "ok")
    if behaviour == "fail":
        raise JobError("The spreadsheet has no rows.")
    if behaviour == "crash":
        raise ValueError("unexpected value 42")
    job_progress(job, step="Counting", done=5, total=10, count_label="rows checked")
    DONE.append((job.pk, job.attempt))
    if behaviour == "complete":
        job_complete(job, result_url="/somewhere/", result_label="Open the result")


@task(takes_context=True)
def example_task(context: TaskContext, job_id: int) -> None:
    job_run(context, job_id, _work)
