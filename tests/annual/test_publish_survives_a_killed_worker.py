"""A worker killed while laying out the PDF leaves no published version; retrying the job from the
back-office list of jobs publishes version 1, once."""

import pytest
from django.urls import reverse

from reports.annual.models import PublishedReport
from tests.annual.factories import NarrativeFactory
from tests.conftest import client_for
from tests.jobs.worker import WorkerProcess, wait_for
from wscb.jobs.models import Job
from wscb.jobs.selectors import job_is_stalled

pytestmark = pytest.mark.django_db(transaction=True)


def test_killing_the_worker_mid_layout_leaves_nothing_and_a_retry_publishes_version_one_once(
    board, business_support, settings
):
    settings.JOBS_WORKER_STALE_SECONDS = 3  # the killed worker counts as gone 3 s after its last heartbeat
    NarrativeFactory(board=board, year_start=2016, kind="foreword", body="A year of work.")
    client = client_for(business_support)
    assert client.post(reverse("annual:publish", args=[2016]), {"confirm": "on"}).status_code == 302
    job = Job.objects.get(kind="annual.publish")

    slow = WorkerProcess(script="tests/jobs/slow_pdf_worker.py")
    try:
        wait_for(
            lambda: Job.objects.filter(pk=job.pk, step="Laying out the PDF").exists(),
            what="the worker to start the PDF layout",
            worker=slow,
        )
        slow.kill()  # SIGKILL: no clean-up of any kind
    finally:
        slow.close()
    job.refresh_from_db()
    assert (job.status, job.attempt) == ("running", 1)
    assert not PublishedReport.objects.exists()
    wait_for(lambda: job_is_stalled(Job.objects.get(pk=job.pk)), timeout=20, what="the job to show as stopped")
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Stopped: the worker running it has gone" in page and "Run it again" in page

    changelist = reverse("admin:jobs_job_changelist")
    listed = client.get(changelist).content.decode()
    assert "Stopped (its worker has gone)" in listed
    selected = {"action": "retry_jobs", "_selected_action": [job.pk]}
    confirm = client.post(changelist, selected)
    assert confirm.status_code == 200 and "Run these jobs again?" in confirm.content.decode()
    assert client.post(changelist, {**selected, "confirmed": "yes"}).status_code == 302
    assert Job.objects.get(pk=job.pk).status == "queued"

    worker = WorkerProcess()
    try:
        wait_for(lambda: Job.objects.get(pk=job.pk).status == "done", timeout=180, what="the retry", worker=worker)
    finally:
        worker.stop()
        worker.close()
    published = PublishedReport.objects.get()
    job.refresh_from_db()
    assert (published.number, published.published_by, job.attempt) == (1, business_support, 2)
    assert job.result_url == reverse("annual:published", args=[published.pk])
    assert bytes(published.pdf).startswith(b"%PDF") and bytes(published.docx).startswith(b"PK")
