"""A job from start to finish: queued with the caller's commit, claimed by one run, running with a
step and a count, done or failed with its reason, and retried when it failed or its worker went."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from tests.jobs import jobs
from tests.jobs.worker import queued_task_names
from wscb.jobs.models import Job, WorkerHeartbeat
from wscb.jobs.selectors import job_is_stalled, worker_is_alive
from wscb.jobs.services import (
    JobNotRetryable,
    JobSuperseded,
    job_complete,
    job_retry,
    job_start,
    jobs_requeue_lost,
    worker_heartbeat,
)


@pytest.fixture(autouse=True)
def _reset():
    jobs.DONE.clear()


def _start(board=None, by=None, **options):
    arguments = {"behaviour": options.pop("behaviour", "ok")}
    return job_start(
        kind="test.example",
        label="An example job",
        task=jobs.example_task,
        arguments=arguments,
        board=board,
        by=by,
        **options,
    )


class _RollBack(Exception):
    pass


def test_a_job_started_in_a_rolled_back_transaction_never_runs(board, run_jobs):
    with pytest.raises(_RollBack), transaction.atomic():
        _start(board)
        raise _RollBack
    run_jobs()
    assert Job.objects.count() == 0 and jobs.DONE == []


def test_a_job_is_queued_at_the_commit_and_run_once(board, business_support, run_jobs):
    with transaction.atomic():
        job, created = _start(board, business_support)
        assert created and queued_task_names() == []  # nothing is enqueued before the commit
    assert run_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.attempt, job.step, job.progress_text) == ("done", 1, "Counting", "5 of 10 rows checked")
    assert job.progress_percent == 50 and job.started_at and job.finished_at and job.task_result_id
    assert [(job.pk, 1)] == jobs.DONE


def test_a_job_that_raises_is_failed_with_the_reason_and_nothing_else_runs_it(board, run_jobs):
    expected, _ = _start(board, behaviour="fail")
    crashed, _ = _start(board, behaviour="crash")
    run_jobs()
    expected.refresh_from_db()
    crashed.refresh_from_db()
    assert (expected.status, expected.error) == ("failed", "The spreadsheet has no rows.")
    assert (crashed.status, crashed.error) == ("failed", "ValueError: unexpected value 42")
    assert "Traceback" in crashed.traceback and "unexpected value 42" in crashed.traceback
    assert run_jobs() == 0


def test_a_failed_job_retried_runs_again_as_a_new_attempt(board, business_support, run_jobs):
    job, _ = _start(board, behaviour="crash")
    run_jobs()
    job.refresh_from_db()
    Job.objects.filter(pk=job.pk).update(arguments={"behaviour": "complete"})
    job_retry(job=job, by=business_support)
    assert job.status == "queued" and job.error == ""
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempt, job.result_url) == ("done", 2, "/somewhere/")
    assert [(job.pk, 2)] == jobs.DONE


def test_only_failed_or_stopped_jobs_can_be_retried(board, run_jobs):
    job, _ = _start(board)
    with pytest.raises(JobNotRetryable):
        job_retry(job=job)  # queued
    run_jobs()
    job.refresh_from_db()
    with pytest.raises(JobNotRetryable):
        job_retry(job=job)  # done


def test_a_running_job_whose_worker_has_gone_is_stalled_and_can_be_retried(board, settings, run_jobs):
    settings.JOBS_WORKER_STALE_SECONDS = 60
    job, _ = _start(board)
    Job.objects.filter(pk=job.pk).update(status="running", attempt=1, worker_id="host-1")
    job.refresh_from_db()
    worker_heartbeat(worker_id="host-1")
    assert not job_is_stalled(job) and worker_is_alive()
    WorkerHeartbeat.objects.filter(worker_id="host-1").update(seen_at=timezone.now() - timedelta(seconds=61))
    assert job_is_stalled(job) and not worker_is_alive()
    job_retry(job=job)
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempt) == ("done", 2)


def test_an_overtaken_run_cannot_finish_the_job(board):
    job, _ = _start(board)
    Job.objects.filter(pk=job.pk).update(status="running", attempt=1)
    job.refresh_from_db()
    old_run = Job.objects.get(pk=job.pk)
    Job.objects.filter(pk=job.pk).update(attempt=2)  # retried and started again elsewhere
    with pytest.raises(JobSuperseded):
        job_complete(old_run, result_url="/stale/")
    assert Job.objects.get(pk=job.pk).result_url == ""


def test_one_active_job_per_exclusive_key_and_one_job_ever_per_unique_key(board, run_jobs):
    first, created = _start(board, exclusive_key="publish:1:2016")
    again, created_again = _start(board, exclusive_key="publish:1:2016")
    assert created and not created_again and again.pk == first.pk
    run_jobs()
    later, created_later = _start(board, exclusive_key="publish:1:2016")
    assert created_later and later.pk != first.pk  # the first has finished

    daily, _ = _start(unique_key="schedule:example:2024-05-01")
    run_jobs()
    same, created_same = _start(unique_key="schedule:example:2024-05-01")
    assert not created_same and same.pk == daily.pk


def test_a_job_whose_task_never_reached_the_queue_is_queued_by_the_schedule(board, run_jobs):
    job = Job.objects.create(kind="test.example", label="Lost", task_path=jobs.example_task.module_path)
    assert jobs_requeue_lost() == 0  # too recent: its commit may still be enqueuing it
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    assert jobs_requeue_lost() == 1
    run_jobs()
    assert Job.objects.get(pk=job.pk).status == "done"
