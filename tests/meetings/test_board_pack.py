"""The board pack: a job compiles the cover, the agenda and every PDF paper in agenda order into one
PDF, with a bookmark per item (and per paper under it) and page numbers; Word papers are converted
with LibreOffice when it is installed and otherwise listed; a change of the papers compiles it again;
a member's download is served from storage with no layout."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings import packs
from meetings.models import BoardPack
from tests.meetings.factories import AgendaItemFactory, PaperFactory

pytestmark = pytest.mark.django_db


def compile_pack(client, meeting, run_jobs):
    response = client.post(reverse("meetings:pack-compile", args=[meeting.pk]))
    assert response.status_code == 302
    assert response.url.startswith("/jobs/")
    run_jobs()
    return PdfReader(BoardPack.objects.get(meeting=meeting).file.open("rb"))


def outline(reader):
    """[(title, page number from 1, [(child title, page)])] of the top-level bookmarks."""
    result, entries = [], reader.outline
    for index, entry in enumerate(entries):
        if isinstance(entry, list):
            continue
        children = entries[index + 1] if index + 1 < len(entries) and isinstance(entries[index + 1], list) else []
        result.append(
            (
                entry.title,
                reader.get_destination_page_number(entry) + 1,
                [(child.title, reader.get_destination_page_number(child) + 1) for child in children],
            )
        )
    return result


def ten_paper_meeting(meeting):
    items = [AgendaItemFactory(meeting=meeting, position=n, title=f"Item {n} title") for n in range(1, 6)]
    for number in range(10):
        PaperFactory(agenda_item=items[number // 2], title=f"Paper {number + 1:02d}", pages=1 + number % 3)
    return items


def test_a_ten_paper_meeting_compiles_in_a_job_with_a_bookmark_per_item_and_pages_in_order(
    as_user, business_support, meeting, run_jobs
):
    ten_paper_meeting(meeting)
    reader = compile_pack(as_user(business_support), meeting, run_jobs)
    texts = [page.extract_text() for page in reader.pages]
    front = next(index for index, text in enumerate(texts) if "Paper 01, page 1" in text)
    assert "Test Board" in texts[0] and "Agenda" in "".join(texts[:front])
    expected = [f"Paper {n + 1:02d}, page {page}" for n in range(10) for page in range(1, 2 + n % 3)]
    found = [next(line for line in text.splitlines() if line.startswith("Paper ")) for text in texts[front:]]
    assert found == expected
    total = len(reader.pages)
    assert total == front + len(expected)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text
    bookmarks = outline(reader)
    assert bookmarks[0][:2] == ("Cover and agenda", 1)
    assert [title for title, _, _ in bookmarks[1:]] == [f"{n}. Item {n} title" for n in range(1, 6)]
    for _title, page, children in bookmarks[1:]:
        assert len(children) == 2
        assert page == children[0][1]
        for child_title, child_page in children:
            assert texts[child_page - 1].count(f"{child_title}, page 1") == 1
    # the agenda gives each paper's first page in the pack
    assert f"Paper 03, page {bookmarks[2][2][0][1]}" in "".join(texts[:front]).replace("\n", " ")
    pack = BoardPack.objects.get(meeting=meeting)
    assert pack.pages == total and packs.pack_is_current(meeting)


def test_the_order_of_the_items_is_the_order_of_the_pack(as_user, business_support, meeting, run_jobs):
    first = AgendaItemFactory(meeting=meeting, position=1, title="Budget")
    second = AgendaItemFactory(meeting=meeting, position=2, title="Audit")
    PaperFactory(agenda_item=first, title="Budget paper")
    PaperFactory(agenda_item=second, title="Audit paper")
    client = as_user(business_support)
    client.post(reverse("meetings:agenda-item-move", args=[second.pk]), {"direction": "up"})
    reader = compile_pack(client, meeting, run_jobs)
    assert [title for title, _, _ in outline(reader)[1:]] == ["1. Audit", "2. Budget"]
    texts = [page.extract_text() for page in reader.pages]
    assert texts.index(next(t for t in texts if "Audit paper, page 1" in t)) < texts.index(
        next(t for t in texts if "Budget paper, page 1" in t)
    )


def word_paper(item):
    from django.core.files.base import ContentFile

    from tests.meetings.test_meeting_documents import docx_bytes

    return PaperFactory(agenda_item=item, title="Word report", file=ContentFile(docx_bytes(), name="report.docx"))


def test_without_a_converter_word_papers_are_listed_on_the_agenda_with_a_note(
    as_user, business_support, meeting, run_jobs, monkeypatch
):
    monkeypatch.setattr(packs, "word_converter", lambda: None)
    item = AgendaItemFactory(meeting=meeting, position=1, title="Reports")
    PaperFactory(agenda_item=item, title="PDF report")
    word_paper(item)
    reader = compile_pack(as_user(business_support), meeting, run_jobs)
    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    assert "Word report (Word paper: download it from the meeting page)" in text
    assert BoardPack.objects.get(meeting=meeting).word_papers == "listed"
    assert [child for child, _ in outline(reader)[1][2]] == ["PDF report"]


@pytest.mark.skipif(packs.word_converter() is None, reason="LibreOffice is not installed")
def test_with_libreoffice_word_papers_are_converted_into_the_pack(as_user, business_support, meeting, run_jobs):
    item = AgendaItemFactory(meeting=meeting, position=1, title="Reports")
    word_paper(item)
    reader = compile_pack(as_user(business_support), meeting, run_jobs)
    assert BoardPack.objects.get(meeting=meeting).word_papers == "converted"
    assert outline(reader)[1][2][0][0] == "Word report"
    page = outline(reader)[1][2][0][1]
    assert "Agenda" in reader.pages[page - 1].extract_text()  # the Word file's own text


def test_a_change_of_the_papers_compiles_the_pack_again(as_user, business_support, meeting, run_jobs):
    client = as_user(business_support)
    item = AgendaItemFactory(meeting=meeting, position=1, title="Budget")
    PaperFactory(agenda_item=item, title="First paper")
    compile_pack(client, meeting, run_jobs)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.meetings.factories import pdf_bytes

    upload = SimpleUploadedFile("second.pdf", pdf_bytes("Second paper"), "application/pdf")
    response = client.post(reverse("meetings:paper-create", args=[item.pk]), {"title": "Second paper", "file": upload})
    assert response.status_code == 302
    assert not packs.pack_is_current(meeting)
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "The papers have changed since this pack was compiled" in detail
    run_jobs()
    assert packs.pack_is_current(meeting)
    reader = PdfReader(BoardPack.objects.get(meeting=meeting).file.open("rb"))
    assert "Second paper, page 1" in "".join(page.extract_text() for page in reader.pages)


def test_a_damaged_pdf_fails_the_job_with_the_papers_name(as_user, business_support, meeting, run_jobs):
    from django.core.files.base import ContentFile

    from wscb.jobs.models import Job

    item = AgendaItemFactory(meeting=meeting, position=1, title="Budget")
    PaperFactory(agenda_item=item, title="Broken paper", file=ContentFile(b"%PDF-1.4\nnot really", name="x.pdf"))
    as_user(business_support).post(reverse("meetings:pack-compile", args=[meeting.pk]))
    run_jobs()
    job = Job.objects.get(kind="meetings.pack")
    assert job.status == Job.Status.FAILED
    assert "Broken paper" in job.error
    assert not BoardPack.objects.filter(meeting=meeting).exists()


def test_a_members_download_is_served_from_storage_with_no_layout(
    as_user, business_support, board_member, meeting, run_jobs, monkeypatch
):
    item = AgendaItemFactory(meeting=meeting, position=1, title="Budget")
    PaperFactory(agenda_item=item, title="Budget paper")
    compile_pack(as_user(business_support), meeting, run_jobs)
    meeting.papers_published_at = timezone.now()
    meeting.save()
    import weasyprint

    def no_layout(*args, **kwargs):
        raise AssertionError("a download must not lay anything out")

    monkeypatch.setattr(weasyprint, "HTML", no_layout)
    monkeypatch.setattr(packs, "pack_build", no_layout)
    response = as_user(board_member).get(reverse("meetings:pack-download", args=[meeting.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content == BoardPack.objects.get(meeting=meeting).file.open("rb").read()
    assert len(PdfReader(io.BytesIO(content)).pages) == BoardPack.objects.get(meeting=meeting).pages
