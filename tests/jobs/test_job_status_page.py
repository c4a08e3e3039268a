"""A job's status page: what it is doing, how far it has got, the result or the reason it failed;
it follows the job with a script from static/ (no inline script) and has a plain link without it."""

import re

import pytest
from django.urls import reverse

from tests.jobs.matrix import _job
from wscb.jobs.models import Job
from wscb.jobs.services import worker_heartbeat


@pytest.fixture
def running(cast):
    job = _job(cast, status="running")
    Job.objects.filter(pk=job.pk).update(
        step="Laying out the PDF", done_count=1200, total_count=5000, count_label="rows checked", worker_id="w-1"
    )
    worker_heartbeat(worker_id="w-1")
    return Job.objects.get(pk=job.pk)


def test_a_running_job_shows_its_step_and_count_and_follows_itself(as_user, business_support, running):
    response = as_user(business_support).get(reverse("jobs:detail", args=[running.pk]))
    page = response.content.decode()
    assert "Running" in page and "Laying out the PDF" in page and "1,200 of 5,000 rows checked" in page
    assert f'data-job-status-url="{reverse("jobs:status", args=[running.pk])}"' in page
    assert 'src="/static/js/job-status.js"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "inline script would be refused by the CSP"
    assert f'href="{reverse("jobs:detail", args=[running.pk])}">Refresh the page</a>' in page
    assert 'role="status"' in page and 'aria-live="polite"' in page
    assert "no-store" in response["Cache-Control"]


def test_the_status_as_json_for_the_script(as_user, business_support, running):
    state = as_user(business_support).get(reverse("jobs:status", args=[running.pk])).json()
    assert state == {
        "status": "running",
        "status_label": "Running",
        "step": "Laying out the PDF",
        "progress": "1,200 of 5,000 rows checked",
        "percent": 24,
        "finished": False,
    }


def test_a_done_job_links_its_result_and_stops_following(as_user, business_support, cast):
    job = _job(cast, status="done")
    Job.objects.filter(pk=job.pk).update(result_url="/report/published/7/", result_label="Read version 1")
    page = as_user(business_support).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert '<a class="btn btn-primary" href="/report/published/7/">Read version 1</a>' in page
    assert "data-job-status-url" not in page and "Run it again" not in page


def test_a_failed_job_shows_why_and_business_support_can_run_it_again(as_user, business_support, cast, run_jobs):
    job = _job(cast, status="failed")
    client = as_user(business_support)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "The job failed." in page and "Something went wrong" in page and "Run it again" in page
    response = client.post(reverse("jobs:retry", args=[job.pk]), follow=True)
    assert "queued again" in response.content.decode()
    assert Job.objects.get(pk=job.pk).status == "queued"
    again = client.post(reverse("jobs:retry", args=[job.pk]), follow=True)
    assert "only a failed or stopped job can be retried" in again.content.decode()


def test_a_queued_job_says_when_no_worker_is_taking_jobs(as_user, business_support, cast):
    job = _job(cast, status="queued")
    page = as_user(business_support).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "No worker has taken jobs yet" in page
    worker_heartbeat(worker_id="w-2")
    page = as_user(business_support).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "No worker has taken jobs" not in page


def test_the_person_who_started_a_job_sees_it_whatever_their_role(as_user, board_member, cast):
    job = _job(cast, by=board_member)
    assert as_user(board_member).get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    assert as_user(cast.lead_a).get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert as_user(board_member).post(reverse("jobs:retry", args=[job.pk])).status_code == 403


def test_the_back_office_list_shows_business_support_their_boards_jobs_only(as_user, business_support, cast):
    from tests.jobs.matrix import _other_board_job

    mine, other = _job(cast), _other_board_job(cast)
    Job.objects.filter(pk=other.pk).update(label="Publish the ZSP report")
    page = as_user(business_support).get(reverse("admin:jobs_job_changelist")).content.decode()
    assert mine.label in page and "Publish the ZSP report" not in page
    administrator = as_user(cast.administrator)  # sees every board's jobs, one board at a time
    assert "Publish the ZSP report" not in administrator.get(reverse("admin:jobs_job_changelist")).content.decode()
    administrator.post(reverse("board-switch"), {"board": other.board_id})
    there = administrator.get(reverse("admin:jobs_job_changelist")).content.decode()
    assert "Publish the ZSP report" in there and mine.label not in there
