"""Background work for the annual report: publishing a version, and laying out a draft's PDF or Word.

Each task takes the job's id only and calls the same service a person's request used to run inline;
``*_start`` records the intent (a ``Job``, enqueued when the request's transaction commits) for the view.
"""

from __future__ import annotations

from reports.annual import drafts, services
from wscb.jobs.framework import TaskContext, task
from wscb.jobs.models import Job
from wscb.jobs.services import job_run, job_start
from wscb.periods import ReportingYear


@task(takes_context=True)
def report_publish_task(context: TaskContext, job_id: int) -> None:
    job_run(context, job_id, lambda job: services.report_publish_job(job=job))


@task(takes_context=True)
def draft_layout_task(context: TaskContext, job_id: int) -> None:
    job_run(context, job_id, lambda job: drafts.draft_layout(job=job))


def report_publish_start(*, board, year: ReportingYear, by) -> tuple[Job, bool]:
    """Queue the publishing of ``year``'s report; while one is queued or running for the board and
    year, that one is returned instead (``False``): a double submit publishes once."""
    return job_start(
        kind="annual.publish",
        label=f"Publish the {year.label} annual report",
        task=report_publish_task,
        board=board,
        by=by,
        arguments={"start_year": year.start_year},
        exclusive_key=f"annual.publish:{board.pk}:{year.start_year}",
    )


def draft_layout_start(*, board, year: ReportingYear, fmt: str, key: str, by) -> tuple[Job, bool]:
    """Queue the layout of the draft's ``fmt`` file for the data state ``key``; one per state at a time."""
    return job_start(
        kind="annual.draft",
        label=f"Lay out the draft {year.label} report as a {drafts.FORMAT_LABELS[fmt]}",
        task=draft_layout_task,
        board=board,
        by=by,
        arguments={"start_year": year.start_year, "fmt": fmt},
        exclusive_key=f"annual.draft:{board.pk}:{year.start_year}:{fmt}:{key}",
    )
