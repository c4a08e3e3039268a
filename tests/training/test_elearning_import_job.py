"""An e-learning export above IMPORT_JOB_ROWS rows is checked and written by a job: the page shows
rows checked and rows written; every row goes in, or (with one wrong row) none, with each wrong row
listed; the stored file is removed once it is in."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.urls import reverse

from tests.training.factories import ModuleFactory
from tests.training.test_elearning_import import _dataset
from training.models import ELearningEnrolment
from wscb.audit.models import AuditAction, AuditEvent
from wscb.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(board):
    return ModuleFactory(board=board, title="Hidden Harm")


def _upload(dataset):
    return SimpleUploadedFile("licences.csv", dataset.export("csv").encode("utf-8"), content_type="text/csv")


def _post(client, dataset):
    """Upload (a file of many rows is checked by the job, not the preview), then confirm."""
    preview = client.post(reverse("training:elearning-import"), {"file": _upload(dataset)})
    assert preview.status_code == 200 and not Job.objects.exists()
    return client.post(reverse("imports:confirm", args=["elearning"]), {"token": preview.context["token"]})


def test_a_big_file_is_imported_by_a_job_with_rows_checked_and_written(
    as_user, business_support, board, module, agency_a, run_jobs, settings, monkeypatch
):
    settings.IMPORT_JOB_ROWS = 100
    from wscb.data import import_jobs

    monkeypatch.setattr(import_jobs.ImportProgress, "every", 50)
    seen = []
    real_progress = import_jobs.job_progress

    def recording(job, **values):
        seen.append((values.get("done"), values.get("step")))
        real_progress(job, **values)

    monkeypatch.setattr(import_jobs, "job_progress", recording)
    client = as_user(business_support)
    response = _post(client, _dataset(250))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert ELearningEnrolment.objects.count() == 0 and bytes(job.payload).startswith(b"Learner,")
    assert job.label == "Import 250 e-learning licences from licences.csv"

    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.step, job.progress_text) == (
        "done",
        "250 e-learning licences imported",
        "250 of 250 rows checked",
    )
    assert ELearningEnrolment.objects.count() == 250
    assert job.payload is None  # the learners' names do not stay in the job
    assert [done for done, _ in seen] == [50, 100, 150, 200, 250, 250]
    assert seen[-1][1] == "250 rows written so far (kept only if every row is right)"
    event = AuditEvent.objects.get(action=AuditAction.IMPORTED)
    assert (event.user, event.channel, event.detail) == (business_support, "job", "e-learning enrolments: 250 new")
    page = client.get(response.url).content.decode()
    assert "250 e-learning licences imported" in page and reverse("training:summary") in page


def test_one_wrong_row_imports_nothing_and_the_job_lists_it(
    as_user, business_support, board, module, agency_a, run_jobs, settings
):
    settings.IMPORT_JOB_ROWS = 10
    dataset = _dataset(40)
    dataset.insert(30, ["Bad Row", "Agency A", "Hidden Harm", "14/05/2016", "01/05/2016"])
    client = as_user(business_support)
    status_page = _post(client, dataset).url
    run_jobs()
    job = Job.objects.get()
    assert job.status == "failed" and job.error == "Nothing was imported: 1 row(s) could not be imported."
    assert job.row_errors == [[32, "Completed date: A module cannot be completed before it was allocated."]]
    assert ELearningEnrolment.objects.count() == 0
    page = client.get(status_page).content.decode()
    assert 'id="job-row-errors"' in page and '<th scope="row">32</th>' in page
    assert bytes(job.payload)  # kept for a retry after the cause is fixed


def test_a_small_file_is_still_imported_at_once(as_user, business_support, board, module, agency_a, settings):
    settings.IMPORT_JOB_ROWS = 100
    response = _post(as_user(business_support), _dataset(100))
    assert response.status_code == 302 and response.url == reverse("training:summary")
    assert ELearningEnrolment.objects.count() == 100 and not Job.objects.exists()


def test_a_wrong_file_is_refused_in_the_request_not_queued(as_user, business_support, board, settings):
    settings.IMPORT_JOB_ROWS = 1
    upload = SimpleUploadedFile("licences.csv", b"Name,Course\r\nA,B\r\nC,D\r\n", content_type="text/csv")
    response = as_user(business_support).post(reverse("training:elearning-import"), {"file": upload})
    assert response.status_code == 400 and "headings in the first row are wrong" in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer: the counts come at the end")
def test_the_counts_reach_the_status_page_while_the_rows_are_being_written(
    as_user, business_support, board, module, agency_a, run_jobs, settings, monkeypatch
):
    from wscb.data import import_jobs

    settings.IMPORT_JOB_ROWS = 10
    monkeypatch.setattr(import_jobs.ImportProgress, "every", 100)
    seen_by_others = []
    real_write = import_jobs.ImportProgress._write

    def write_then_look_from_another_connection(progress):
        real_write(progress)
        if progress.rows_written and progress.rows_checked < progress.total:  # mid-transaction

            def look():
                job = Job.objects.get(pk=progress.job.pk)
                seen_by_others.append((job.done_count, job.step))
                connections.close_all()

            thread = threading.Thread(target=look)
            thread.start()
            thread.join(timeout=30)

    monkeypatch.setattr(import_jobs.ImportProgress, "_write", write_then_look_from_another_connection)
    _post(as_user(business_support), _dataset(3000))
    run_jobs()
    assert Job.objects.get().status == "done" and ELearningEnrolment.objects.count() == 3000
    assert seen_by_others and seen_by_others[0][1] == "1,000 rows written so far (kept only if every row is right)"
    assert 1000 <= seen_by_others[0][0] < 3000
