"""``manage.py run_worker`` as a process: it takes queued jobs, says it is alive (so /health/ is 200
while it runs and 503 after), and stops cleanly on SIGTERM."""

import pytest
from django.test import Client

from tests.jobs import jobs
from tests.jobs.worker import WorkerProcess, wait_for
from wscb.jobs.models import Job, WorkerHeartbeat
from wscb.jobs.services import job_start

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_takes_jobs_reports_alive_and_stops_cleanly(board, business_support, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    job, _ = job_start(kind="test.example", label="Example", task=jobs.example_task, board=board, by=business_support)
    assert Client().get("/health/").status_code == 503

    worker = WorkerProcess()
    try:
        wait_for(lambda: Job.objects.get(pk=job.pk).status == "done", what="the job to be done", worker=worker)
        heartbeat = WorkerHeartbeat.objects.get()
        assert heartbeat.pid == worker.process.pid
        assert Job.objects.get(pk=job.pk).worker_id == heartbeat.worker_id
        assert Client().get("/health/").status_code == 200
        assert worker.stop() == 0
    finally:
        worker.close()
    assert not WorkerHeartbeat.objects.exists()
    assert Client().get("/health/").status_code == 503
