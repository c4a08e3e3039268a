"""Starting, running and finishing jobs.

An app adds a job in three small pieces (the annual report's publishing is the example):

1. A task in the app that owns the work (``reports/annual/tasks.py``), taking the job's id only and
   calling the same service a view would call::

        from wscb.jobs.framework import TaskContext, task
        from wscb.jobs.services import job_run

        @task(takes_context=True)
        def report_publish_task(context: TaskContext, job_id: int) -> None:
            job_run(context, job_id, lambda job: services.report_publish_job(job=job))

2. The view records the intent and sends the person to the job's status page::

        job, _ = job_start(kind="annual.publish", label=f"Publish the {year.label} report",
                           task=report_publish_task, board=board, by=request.user,
                           arguments={"start_year": year.start_year}, exclusive_key=f"publish:{board.pk}:{year}")
        return redirect(job_status_url(job))

   ``job_start`` writes the ``Job`` in the caller's transaction and enqueues the task with
   ``transaction.on_commit``: a rolled-back request starts nothing.

3. The service reports progress with ``job_progress(job, step=..., done=..., total=...)`` and, for work
   that must happen exactly once, ends its own final transaction with ``job_complete(job, ...)``: the
   result and "done" are committed together, so a retry after a crash finds the job done or the
   work not done, never half.

A worker that dies mid-job leaves the job "running" with a worker that is no longer seen: it is shown
as stopped and can be retried (``job_retry``) from its status page or the back-office list. Every
run has an attempt number; a run that finds a later attempt has started stops (``JobSuperseded``)
and its writes are rolled back, so two runs never both finish.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import traceback as traceback_module
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from wscb.jobs.models import Job, WorkerHeartbeat
from wscb.jobs.selectors import job_is_stalled
from wscb.scoping import board_scope, scopes_disabled

logger = logging.getLogger("wscb.jobs")

Status = Job.Status

#: The most row errors a failed job keeps to show (the count is in its message).
MAX_ROW_ERRORS = 1000


class JobError(Exception):
    """Raise it from a job's work with a message for the person who started the job, and for an
    import the rows that were wrong (``rows``: (row number, message) pairs, shown as a table)."""

    def __init__(self, message: str, *, rows: list[tuple[int | None, str]] | None = None):
        super().__init__(message)
        self.rows = [[row, str(text)] for row, text in (rows or [])]


class JobSuperseded(Exception):
    """This run of a job was overtaken (the job was retried, or finished elsewhere): stop, write nothing."""


class JobNotRetryable(Exception):
    """Only a failed job, or a running one whose worker has gone, can be retried."""


def job_status_url(job: Job) -> str:
    return reverse("jobs:detail", args=[job.pk])


# --- starting ------------------------------------------------------------------------------------------------
def job_start(
    *,
    kind: str,
    label: str,
    task,
    arguments: dict | None = None,
    board=None,
    by=None,
    unique_key: str | None = None,
    exclusive_key: str = "",
    payload: bytes | None = None,
    payload_name: str = "",
) -> tuple[Job, bool]:
    """Record a job and enqueue ``task`` (called with ``job_id=``) when the caller's transaction commits.

    ``unique_key``: at most one job ever has it (the schedule's job of a day); ``exclusive_key``: at most
    one queued or running job has it (a second publish of the same report while one runs). When the key
    is taken, nothing is started and the existing job is returned with ``False``.
    ``arguments`` are plain JSON values (ids, years), never objects.
    """
    fields = {
        "kind": kind,
        "label": label[:200],
        "task_path": task.module_path,
        "arguments": arguments or {},
        "board": board,
        "started_by": by if by is not None and getattr(by, "pk", None) else None,
        "unique_key": unique_key,
        "exclusive_key": exclusive_key,
        "payload": payload,
        "payload_name": payload_name[:200],
    }
    try:
        with transaction.atomic():
            job = Job.objects.create(**fields)
    except IntegrityError:
        existing = _holder_of_keys(unique_key=unique_key, exclusive_key=exclusive_key)
        if existing is None:
            raise
        return existing, False
    transaction.on_commit(partial(_enqueue, job.pk))
    return job, True


def _holder_of_keys(*, unique_key: str | None, exclusive_key: str) -> Job | None:
    if unique_key:
        found = Job.objects.filter(unique_key=unique_key).first()
        if found is not None:
            return found
    if exclusive_key:
        return Job.objects.filter(exclusive_key=exclusive_key, status__in=Job.ACTIVE).first()
    return None


def _enqueue(job_id: int) -> None:
    job = Job.objects.filter(pk=job_id).only("task_path").first()
    if job is None:
        return
    task = import_string(job.task_path)
    result = task.enqueue(job_id=job_id)
    Job.objects.filter(pk=job_id).update(task_result_id=str(result.id))


def jobs_requeue_lost(*, older_than: timedelta = timedelta(minutes=1)) -> int:
    """Enqueue queued jobs whose task never reached the queue (the process stopped right after the
    commit). Harmless if the task is there after all: only one run can claim a queued job."""
    cutoff = timezone.now() - older_than
    lost = list(
        Job.objects.filter(status=Status.QUEUED, task_result_id="", updated_at__lt=cutoff).values_list("pk", flat=True)
    )
    for job_id in lost:
        _enqueue(job_id)
    return len(lost)


# --- running -----------------------------------------------------------------------------------------------
def job_run(context, job_id: int, work: Callable[[Job], object]) -> None:
    """Run ``work(job)`` for a task: claim the queued job (so only one run does it), mark it running,
    then done; if ``work`` raises, the job is failed with the reason and the error is raised again
    (so the task backend records it too). A job that is not queued any more (done, or claimed by
    another run) is left alone."""
    now = timezone.now()
    task_result = getattr(context, "task_result", None)
    worker_ids = list(getattr(task_result, "worker_ids", None) or [])
    claimed = Job.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING,
        attempt=F("attempt") + 1,
        worker_id=(worker_ids[-1] if worker_ids else "")[:64],
        task_result_id=str(getattr(task_result, "id", ""))[:64],
        started_at=now,
        updated_at=now,
        finished_at=None,
        step="",
        done_count=None,
        total_count=None,
        count_label="",
        error="",
        traceback="",
        row_errors=[],
    )
    if not claimed:
        logger.info("Job %s is not queued (finished, or taken by another run): nothing to do.", job_id)
        return
    job = Job.objects.get(pk=job_id)
    # Progress written inside the work's own transaction must go round it (see job_progress).
    job._atomic_depth = len(connection.atomic_blocks)
    # A job works for its board as that board's pages would (wscb/scoping.py); one with no board (the
    # daily schedule's, an e-mail) works across every board on purpose.
    scope = board_scope(job.board) if job.board_id else scopes_disabled()
    try:
        with scope:
            _run_work(job, work)
    finally:
        _close_side_connection()


def _run_work(job: Job, work: Callable[[Job], object]) -> None:
    try:
        work(job)
    except JobSuperseded:
        logger.warning(
            "Job %s attempt %s was overtaken by a later attempt; its work was discarded.", job.pk, job.attempt
        )
        return
    except BaseException as error:  # also a worker stopped by a second Ctrl+C (SystemExit)
        try:
            job_fail(job=job, error=error)
        except Exception:
            logger.exception("Job %s failed and could not be marked failed.", job.pk)
        raise
    Job.objects.filter(pk=job.pk, attempt=job.attempt, status=Status.RUNNING).update(
        status=Status.DONE, finished_at=timezone.now(), updated_at=timezone.now(), payload=None
    )


def _fenced(job: Job):
    return Job.objects.filter(pk=job.pk, attempt=job.attempt, status=Status.RUNNING)


def _inside_work_transaction(job: Job) -> bool:
    return len(connection.atomic_blocks) > getattr(job, "_atomic_depth", len(connection.atomic_blocks))


_side = threading.local()


def _side_connection():
    """A second connection of this thread, outside the work's transaction (PostgreSQL only: SQLite has
    one writer, so a second connection would wait for the work's own transaction)."""
    side = getattr(_side, "connection", None)
    if side is None:
        side = connections.create_connection(DEFAULT_DB_ALIAS)
        _side.connection = side
    return side


def _close_side_connection() -> None:
    side = getattr(_side, "connection", None)
    if side is not None:
        side.close()
        _side.connection = None


def job_progress(
    job: Job, *, step: str | None = None, done: int | None = None, total: int | None = None, count_label: str = ""
) -> None:
    """Say what the job is doing now: a step ("Laying out the PDF") and/or a count
    ("1,200 of 5,000 rows checked"). Shown on the status page while the job runs.

    Called inside the work's own transaction (an import being written), the update goes through a
    separate connection so that people see it before the transaction commits (on PostgreSQL; on
    SQLite it is kept until the end). Raises ``JobSuperseded`` when a later attempt has started.
    """
    values = {"updated_at": timezone.now()}
    if step is not None:
        job.step = values["step"] = step[:200]
    if done is not None:
        job.done_count = values["done_count"] = done
    if total is not None:
        job.total_count = values["total_count"] = total
    if count_label:
        job.count_label = values["count_label"] = count_label[:60]
    if not _inside_work_transaction(job):
        if not _fenced(job).update(**values):
            raise JobSuperseded
        return
    if connection.vendor != "postgresql":
        return
    columns = ", ".join(f"{connection.ops.quote_name(Job._meta.get_field(name).column)} = %s" for name in values)
    table = connection.ops.quote_name(Job._meta.db_table)
    side = _side_connection()
    try:
        with side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {columns} WHERE id = %s AND attempt = %s AND status = %s",  # noqa: S608
                [*values.values(), job.pk, job.attempt, Status.RUNNING],
            )
    except Exception:  # progress is a courtesy: never fail the work for it
        logger.warning("Could not write the progress of job %s.", job.pk, exc_info=True)
        _close_side_connection()


def job_complete(job: Job, *, result_url: str = "", result_label: str = "", step: str = "") -> None:
    """Mark the job done with a link to what it made. Call it inside the transaction that stores the
    result, so the two commit together; raises ``JobSuperseded`` (rolling the result back) when a
    later attempt of the job has started meanwhile."""
    now = timezone.now()
    values = {
        "status": Status.DONE,
        "finished_at": now,
        "updated_at": now,
        "result_url": result_url[:300],
        "result_label": result_label[:200],
        "payload": None,
        # The last counts, which inside the work's transaction may not have reached the row yet.
        "done_count": job.done_count,
        "total_count": job.total_count,
        "count_label": job.count_label,
    }
    if step:
        values["step"] = step[:200]
    if not _fenced(job).update(**values):
        raise JobSuperseded
    for name, value in values.items():
        setattr(job, name, value)


def _error_text(error: BaseException) -> str:
    if isinstance(error, JobError):
        return str(error)
    if isinstance(error, SystemExit | KeyboardInterrupt):
        return "The worker was stopped while running this job."
    messages = getattr(error, "messages", None)
    if messages:
        return " ".join(str(message) for message in messages)
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def job_fail(*, job: Job, error: BaseException | str) -> None:
    """Mark the job failed with the reason people see (and, for administrators, the traceback)."""
    text = error if isinstance(error, str) else _error_text(error)
    trace = "" if isinstance(error, str) else "".join(traceback_module.format_exception(error))
    rows = getattr(error, "rows", [])[:MAX_ROW_ERRORS]
    now = timezone.now()
    _fenced(job).update(
        status=Status.FAILED,
        error=text[:2000],
        traceback=trace[-20000:],
        row_errors=rows,
        finished_at=now,
        updated_at=now,
    )
    job.status, job.error = Status.FAILED, text


# --- retrying ----------------------------------------------------------------------------------------------
def job_can_retry(job: Job) -> bool:
    return job.status == Status.FAILED or job_is_stalled(job)


def job_retry(*, job: Job, by=None) -> Job:
    """Queue a failed job, or a running one whose worker has gone, again; the task runs once more.

    Raises ``JobNotRetryable`` otherwise, or when another job with the same exclusive key is under way.
    """
    if not job_can_retry(job):
        raise JobNotRetryable(f"{job.label}: only a failed or stopped job can be retried.")
    now = timezone.now()
    try:
        with transaction.atomic():
            retried = Job.objects.filter(pk=job.pk, status=job.status, attempt=job.attempt).update(
                status=Status.QUEUED,
                step="Waiting to be retried",
                error="",
                traceback="",
                row_errors=[],
                finished_at=None,
                task_result_id="",
                updated_at=now,
            )
    except IntegrityError:
        raise JobNotRetryable(f"{job.label}: another job doing the same is already under way.") from None
    if not retried:
        raise JobNotRetryable(f"{job.label}: it changed meanwhile (reload the list).")
    transaction.on_commit(partial(_enqueue, job.pk))
    job.refresh_from_db()
    logger.info("Job %s queued again by %s.", job.pk, getattr(by, "email", "the schedule"))
    return job


# --- workers -------------------------------------------------------------------------------------------------
def worker_heartbeat(*, worker_id: str) -> None:
    """A worker is alive: called by ``run_worker`` every ``JOBS_HEARTBEAT_SECONDS``."""
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={"host": socket.gethostname()[:200], "pid": os.getpid(), "seen_at": now, "started_at": now},
        )


def worker_stopped(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def workers_forget_gone(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Forget workers not seen for a day (their jobs still show as stopped)."""
    deleted, _ = WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - older_than).delete()
    return deleted
