"""Finding (Medium): retention missed published copies and touched open work.

After ``apply_retention --apply`` deleted every case study, a partner lead could still open the
published report's stored HTML and PDF with the case-study text; and the same run anonymised returns
of a round still open (deadline in the future), deleting answers just written. Now every published
version that printed the text is re-issued without it (same version number, a note saying so), no
record of an open round is touched, and ``--apply`` lists what it will do and asks first.
"""

import io
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from reports.annual import services as annual_services
from reports.annual.models import PublishedReport
from reports.selfreports import services
from reports.selfreports.models import Answer, CaseStudy
from tests.reports.factories import accepted, fill_all, open_round, report_for
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db

STORY = "Kayden, aged 6, of 22 Larch Close, told his teacher what had happened at home"


def run(*args, answer=None, monkeypatch=None) -> str:
    out = StringIO()
    if answer is not None:
        monkeypatch.setattr("builtins.input", lambda prompt: answer)
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    from docx import Document

    return " ".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)


@pytest.fixture
def published(report_a, lead_a, business_support, board):
    fill_all(report_a, lead_a)
    study = services.case_study_save(
        report=report_a, data={"title": "Early help", "text": STORY, "declaration": "anonymised"}, by=lead_a
    )
    accepted(report_a, lead_a, business_support)
    services.case_study_set_publication(case_study=study, is_for_publication=True, by=business_support)
    version = annual_services.report_publish(board=board, year=ReportingYear(2016), by=business_support)
    assert STORY in version.html and STORY in pdf_text(bytes(version.pdf)) and STORY in docx_text(bytes(version.docx))
    return version


def test_every_stored_copy_of_a_published_report_loses_the_removed_text_and_keeps_its_version(
    published, as_user, lead_a
):
    run("--apply", "--no-input", "--today", "01/04/2023")
    assert not CaseStudy.objects.exists() and not Answer.objects.exists()
    version = PublishedReport.objects.get(pk=published.pk)
    assert version.number == published.number
    assert version.reissued_at is not None
    for text in (version.html, pdf_text(bytes(version.pdf)), docx_text(bytes(version.docx))):
        assert STORY not in text and "Larch Close" not in text
        assert "re-issued" in text and "retention schedule" in " ".join(text.split())
    client = as_user(lead_a)
    for url in (
        reverse("annual:published", args=[version.pk]),
        reverse("annual:published-file", args=[version.pk, "pdf"]),
    ):
        content = client.get(url).content
        shown = content.decode() if url.endswith("/") else pdf_text(content)
        assert STORY not in shown
    index = client.get(reverse("annual:index")).content.decode()
    assert "text removed under the retention schedule" in index


def test_the_anonymised_returns_answers_leave_the_published_copies_too(published, report_a):
    answer = Answer.objects.filter(entry__report=report_a).exclude(value="").order_by("-pk").first().value
    assert answer in published.html
    run("--apply", "--no-input", "--today", "01/04/2023")
    assert answer not in PublishedReport.objects.get(pk=published.pk).html


def test_nothing_of_a_round_that_is_still_open_is_touched(board, agency_a, lead_a, business_support):
    deadline = timezone.localdate() + timedelta(days=20)
    round_ = open_round(
        board=board, agencies=[agency_a], by=business_support, year=ReportingYear(2015), deadline=deadline
    )
    report = report_for(round_, agency_a)
    fill_all(report, lead_a)
    services.case_study_save(
        report=report, data={"title": "Open", "text": STORY, "declaration": "anonymised"}, by=lead_a
    )
    far_ahead = (date.today() + timedelta(days=365 * 20)).strftime("%d/%m/%Y")
    output = run("--apply", "--no-input", "--today", far_ahead)
    assert "kept: its work is still open" in output
    assert CaseStudy.objects.filter(report=report).exists()
    assert Answer.objects.filter(entry__report=report).exists()


def test_apply_lists_what_it_will_do_and_asks_first(published, monkeypatch):
    with pytest.raises(CommandError, match="Nothing changed"):
        run("--apply", "--today", "01/04/2023", answer="no", monkeypatch=monkeypatch)
    assert CaseStudy.objects.exists()
    assert STORY in PublishedReport.objects.get(pk=published.pk).html
    output = run("--apply", "--today", "01/04/2023", answer="yes", monkeypatch=monkeypatch)
    assert "will delete" in output and "will anonymise" in output
    assert "re-issued without" in output
    assert not CaseStudy.objects.exists()
