"""Background work for training: e-learning imports too big for a request, learners' reminders and
the lapsing of waiting-list offers (registered with the schedule in TrainingConfig.ready)."""

from training import services
from wscb.data.import_jobs import import_job_start
from wscb.jobs.framework import TaskContext, task
from wscb.jobs.services import job_progress, job_run


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


def _remind(job) -> None:
    from datetime import date

    from training.selfservice.services import reminders_send

    day = date.fromisoformat(job.arguments["day"]) if "day" in job.arguments else None
    sent = reminders_send(today=day)
    job_progress(job, step=f"{len(sent)} training reminder(s) queued to be e-mailed")


@task(takes_context=True)
def training_reminders_task(context: TaskContext, job_id: int) -> None:
    """The daily schedule's job: remind booked learners of sessions within the reminder days."""
    job_run(context, job_id, _remind)


def offers_expire_hook() -> None:
    """Every schedule run: lapse offers of freed places, and release places waiting for a manager's
    approval, past their time, and offer them on."""
    from training.selfservice.services import approvals_expire

    services.offers_expire()
    approvals_expire()


def _invite(job) -> None:
    from datetime import date

    from training.selfservice.evaluations import evaluation_invitations_send

    day = date.fromisoformat(job.arguments["day"]) if "day" in job.arguments else None
    invited = evaluation_invitations_send(today=day)
    job_progress(job, step=f"{len(invited)} evaluation invitation(s) queued to be e-mailed")


@task(takes_context=True)
def training_evaluations_task(context: TaskContext, job_id: int) -> None:
    """The daily schedule's job: invite learners who attended to evaluate the course."""
    job_run(context, job_id, _invite)


def _impact(job) -> None:
    from datetime import date

    from training.selfservice.impact import impact_invitations_send

    day = date.fromisoformat(job.arguments["day"]) if "day" in job.arguments else None
    sent = impact_invitations_send(today=day)
    job_progress(job, step=f"{len(sent)} impact questionnaire(s) queued to be e-mailed")


@task(takes_context=True)
def training_impact_task(context: TaskContext, job_id: int) -> None:
    """The daily schedule's job: send the follow-up impact questionnaire of courses that ask for one."""
    job_run(context, job_id, _impact)
