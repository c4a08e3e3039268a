"""The annual report start page and draft downloads."""

from django.urls import reverse
from docx import Document

from reports.annual import demo
from reports.annual.models import ComparatorValue, ContextFact, EngagementEvent, Indicator, NarrativeSection
from tests.annual.factories import NarrativeFactory, PublishedReportFactory


def test_business_support_sees_drafts_by_year_and_published_versions(as_user, business_support, board):
    NarrativeFactory(board=board, year_start=2016)
    PublishedReportFactory(board=board, year_start=2015, number=2)
    content = as_user(business_support).get(reverse("annual:index")).content.decode()
    assert reverse("annual:draft", args=[2016]) in content
    assert reverse("annual:readiness", args=[2016]) in content
    assert "2015/16" in content


def test_a_board_member_sees_the_empty_state_when_nothing_is_published(as_user, board_member, board):
    NarrativeFactory(board=board, year_start=2016)
    content = as_user(board_member).get(reverse("annual:index")).content.decode()
    assert "No annual report has been published yet." in content
    assert reverse("annual:draft", args=[2016]) not in content


def _download(client, fmt, run_jobs):
    """The first download queues the layout; once a worker has made it, the download is the file."""
    url = reverse("annual:draft-download", args=["2016", fmt])
    queued = client.get(url)
    assert queued.status_code == 302 and queued.url.startswith("/jobs/")
    run_jobs()
    return client.get(url)


def test_the_draft_downloads_as_word_with_the_narrative(as_user, business_support, board, tmp_path, run_jobs):
    NarrativeFactory(board=board, year_start=2016, body="Word words")
    response = _download(as_user(business_support), "docx", run_jobs)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="WSCB-annual-report-2016-draft.docx"'
    path = tmp_path / "draft.docx"
    path.write_bytes(response.content)
    assert "Word words" in [paragraph.text for paragraph in Document(str(path)).paragraphs]


def test_the_draft_downloads_as_pdf(as_user, business_support, board, run_jobs):
    response = _download(as_user(business_support), "pdf", run_jobs)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_draft_downloads_as_html_at_once(as_user, business_support, board):
    NarrativeFactory(board=board, year_start=2016, body="Web words")
    response = as_user(business_support).get(reverse("annual:draft-download", args=["2016", "html"]))
    assert response.status_code == 200
    assert "Web words" in response.content.decode()


def test_an_implausible_year_is_not_found(as_user, business_support):
    assert as_user(business_support).get(reverse("annual:draft", args=[1066])).status_code == 404


def test_the_demo_loads_twice_without_duplicates(seeded_board):
    counts = [
        model.objects.count() for model in (ContextFact, Indicator, ComparatorValue, NarrativeSection, EngagementEvent)
    ]
    demo.load_for_board(board=seeded_board)
    again = [
        model.objects.count() for model in (ContextFact, Indicator, ComparatorValue, NarrativeSection, EngagementEvent)
    ]
    assert again == counts == [12, 13, 84, 19, 16]
