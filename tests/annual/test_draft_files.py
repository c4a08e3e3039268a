"""Draft PDF and Word files are laid out once per state of the data and kept: an unchanged draft
downloads from storage at once; a change anywhere in what the report shows queues a new layout and
says so, and a stale file is never served as current."""

import subprocess
import sys
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from finance.models import ExpenditureLine
from meetings.models import Attendance
from partners.models import Partner
from reports.annual import drafts, outputs
from reports.annual.assembly import build_report
from reports.annual.models import ContextFact, DraftFile, IndicatorValue, NarrativeSection
from reports.selfreports.models import Answer, CaseStudy
from tests.annual.factories import NarrativeFactory
from tests.jobs.worker import ROOT, database_url_for_tests
from training.models import Booking
from wscb.jobs.models import Job


def _url(fmt="docx"):
    return reverse("annual:draft-download", args=["2016", fmt])


def _key(board, year):
    return drafts.draft_state_key(board=board, year=year)


def _refuse_layout(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("laid out again")

    monkeypatch.setattr(outputs, "render_pdf", refuse)
    monkeypatch.setattr(outputs, "render_docx", refuse)


def test_an_unchanged_draft_is_served_from_storage_without_a_new_layout(
    as_user, business_support, board, run_jobs, monkeypatch
):
    NarrativeFactory(board=board, year_start=2016, body="Stored words")
    client = as_user(business_support)
    first = client.get(_url("pdf"))
    assert first.status_code == 302 and first.url == reverse("jobs:detail", args=[Job.objects.get().pk])
    assert [str(m) for m in get_messages(first.wsgi_request)] == [
        "The draft PDF is being laid out. When it is ready it opens from this page."
    ]
    run_jobs()
    job = Job.objects.get()
    assert (job.status, job.result_url) == ("done", _url("pdf"))
    stored = bytes(DraftFile.objects.get(fmt="pdf").content)

    _refuse_layout(monkeypatch)
    for _ in range(2):
        response = client.get(_url("pdf"))
        assert response.status_code == 200 and response.content == stored
    assert Job.objects.count() == 1


def test_a_changed_draft_queues_a_new_layout_says_so_and_never_serves_the_old_file(
    as_user, business_support, board, run_jobs
):
    narrative = NarrativeFactory(board=board, year_start=2016, body="First words")
    client = as_user(business_support)
    client.get(_url())
    run_jobs()
    assert b"First words" in _docx_text(client.get(_url()).content)

    NarrativeSection.objects.filter(pk=narrative.pk).update(body="Second words")
    response = client.get(_url())
    assert response.status_code == 302  # the stored file is of the old words: not served
    made = timezone.localtime(DraftFile.objects.get().made_at)
    assert [str(m) for m in get_messages(response.wsgi_request)][-1:] == [
        f"The records have changed since the draft Word document was last laid out ({made:%d/%m/%Y %H:%M}), "
        "so a new one is being laid out. When it is ready it opens from this page."
    ]
    again = client.get(_url())  # asked again before the worker got to it: the same job
    assert again.url == response.url and Job.objects.filter(status="queued").count() == 1
    run_jobs()
    text = _docx_text(client.get(_url()).content)
    assert b"Second words" in text and b"First words" not in text
    assert DraftFile.objects.count() == 1


def _docx_text(content: bytes) -> bytes:
    import io

    from docx import Document

    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs).encode()


def test_a_change_to_any_record_the_report_shows_changes_the_state_of_the_data(full_board, year):
    """Correctness before speed: each app's records, and the words around them, reach the key."""
    board = full_board
    changes = {
        "narrative text": lambda: NarrativeSection.objects.filter(board=board).update(body="Rewritten"),
        "context figure": lambda: ContextFact.objects.filter(board=board).update(value=Decimal("12345")),
        "indicator value": lambda: IndicatorValue.objects.filter(indicator__board=board).update(numerator=1),
        "meeting attendance": lambda: Attendance.objects.update(status=Attendance.Status.ABSENT),
        "training booking": lambda: Booking.objects.update(status=Booking.Status.CANCELLED),
        "finance line": lambda: ExpenditureLine.objects.update(amount=Decimal("4321.00")),
        "partner update answer": lambda: Answer.objects.update(value="A different answer"),
        "case study for publication": lambda: CaseStudy.objects.update(is_for_publication=True),
        "agency name": lambda: Partner.objects.filter(short_name="Agency A").update(name="Renamed Agency"),
    }
    before = _key(board, year)
    assert _key(board, year) == before  # the same records give the same key
    unchanged = []
    for label, change in changes.items():
        assert change() > 0, label
        after = _key(board, year)
        if after == before:
            unchanged.append(label)
        before = after
    assert unchanged == []


def test_the_layout_code_is_part_of_the_state(board, year, monkeypatch):
    before = _key(board, year)
    monkeypatch.setattr(drafts, "layout_fingerprint", lambda: "another version of the layout code")
    assert _key(board, year) != before


@pytest.mark.django_db(transaction=True)
def test_the_web_server_and_a_worker_compute_the_same_key_for_the_same_records(full_board, year):
    """The key must not depend on the process: a worker and a web server read the same data version
    and hash the same code."""
    script = (  # as a worker does: in the board's scope (wscb.jobs.services.job_run)
        "from partners.models import Board; "
        "from reports.annual.drafts import draft_state_key; from wscb.periods import ReportingYear; "
        "from wscb.scoping import board_scope; "
        f"board = Board.objects.get(pk={full_board.pk})\n"
        "with board_scope(board): print(draft_state_key(board=board, year=ReportingYear(2016)))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**__import__("os").environ, "DATABASE_URL": database_url_for_tests()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "<svg" in outputs.render_html(build_report(board=full_board, year=year), for_print=True)
    assert result.stdout.split()[-1] == _key(full_board, year)
