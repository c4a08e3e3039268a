"""Publishing runs as a job: the request records the intent and sends business support to the job's
status page; the worker lays the files out with the board row unlocked, then numbers and stores the
version with "done" in one transaction."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import DatabaseError, connection, connections, transaction
from django.urls import reverse

from partners.models import Board
from reports.annual import outputs, services
from reports.annual.models import PublishedReport
from tests.annual.factories import NarrativeFactory
from tests.conftest import client_for
from wscb.audit.models import AuditAction, AuditEvent
from wscb.jobs.models import Job


@pytest.fixture
def layouts(monkeypatch):
    """Counts PDF layouts (the real ones still run)."""
    calls = []
    real = outputs.render_pdf

    def counting(report):
        calls.append(report.version)
        return real(report)

    monkeypatch.setattr(outputs, "render_pdf", counting)
    return calls


def _publish(client):
    return client.post(reverse("annual:publish", args=[2016]), {"confirm": "on"})


def test_the_request_records_the_intent_and_the_worker_publishes(as_user, business_support, board, run_jobs, layouts):
    NarrativeFactory(board=board, year_start=2016, body="Published words")
    client = as_user(business_support)
    response = _publish(client)
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert layouts == [] and not PublishedReport.objects.exists()
    assert (job.kind, job.status, job.board, job.started_by) == ("annual.publish", "queued", board, business_support)
    assert "being published" in next(str(m) for m in get_messages(response.wsgi_request))
    assert AuditEvent.objects.filter(action=AuditAction.CREATED, object_id=str(job.pk), user=business_support).exists()

    run_jobs()
    published = PublishedReport.objects.get()
    job.refresh_from_db()
    assert layouts == [1]
    assert (job.status, job.result_url) == ("done", reverse("annual:published", args=[published.pk]))
    assert job.step == f"Version 1 is published ({published.page_count} pages)"
    page = client.get(response.url).content.decode()
    assert f'href="{job.result_url}">Read version 1 of the 2016/17 report</a>' in page
    event = AuditEvent.objects.get(
        action=AuditAction.CREATED, object_id=str(published.pk), content_type__model="publishedreport"
    )
    assert (event.user, event.channel, event.detail) == (business_support, "job", "Published 2016/17")


def test_a_second_submit_while_publishing_follows_the_same_job(as_user, business_support, board, run_jobs):
    client = as_user(business_support)
    first, second = _publish(client), _publish(client)
    assert first.url == second.url and Job.objects.count() == 1
    assert "already being published" in [str(m) for m in get_messages(second.wsgi_request)][-1]
    run_jobs()
    assert PublishedReport.objects.count() == 1
    assert _publish(client).url != first.url  # once it is done, publishing again is a new version


def test_a_failed_layout_stores_nothing_shows_why_and_can_be_run_again(
    as_user, business_support, board, run_jobs, monkeypatch
):
    real = outputs.render_pdf

    def broken(report):
        raise OSError("No space left on device")

    monkeypatch.setattr(outputs, "render_pdf", broken)
    client = as_user(business_support)
    status_page = _publish(client).url
    run_jobs()
    job = Job.objects.get()
    assert (job.status, job.error) == ("failed", "OSError: No space left on device")
    assert not PublishedReport.objects.exists()
    assert "No space left on device" in client.get(status_page).content.decode()

    monkeypatch.setattr(outputs, "render_pdf", real)
    client.post(reverse("jobs:retry", args=[job.pk]))
    run_jobs()
    assert list(PublishedReport.objects.values_list("number", flat=True)) == [1]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_the_board_row_is_not_locked_while_the_files_are_laid_out(board, business_support, year, monkeypatch):
    seen = []

    def lay_out_while_someone_locks_the_board(report):
        def other_request():
            try:
                with transaction.atomic():
                    Board.objects.select_for_update(nowait=True).get(pk=board.pk)
                seen.append("free")
            except DatabaseError:
                seen.append("locked")
            finally:
                connections.close_all()

        thread = threading.Thread(target=other_request)
        thread.start()
        thread.join(timeout=30)
        return b"%PDF-stub", 1

    monkeypatch.setattr(outputs, "render_pdf", lay_out_while_someone_locks_the_board)
    services.report_publish(board=board, year=year, by=business_support)
    assert seen == ["free"]
    assert PublishedReport.objects.get().number == 1


def test_business_support_of_another_board_cannot_follow_the_job(as_user, business_support, board, cast):
    from tests.partners.factories import BoardFactory, UserFactory
    from wscb.roles import Role

    _publish(as_user(business_support))
    job = Job.objects.get()
    other_board = BoardFactory(name="Zeta Safeguarding Partnership", short_name="ZSP")
    outsider = UserFactory(email="zeta@example.org", role=Role.BUSINESS_SUPPORT, boards=[other_board])
    assert client_for(outsider).get(reverse("jobs:detail", args=[job.pk])).status_code == 404
