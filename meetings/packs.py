"""The board pack: one PDF of a cover, the agenda and every paper in agenda order, with a bookmark
per agenda item (and per paper under it) and "Page n of N" on every page.

WeasyPrint lays out the cover and the agenda; pypdf joins them with the papers, adds the bookmarks
and stamps the page numbers. Word papers are converted to PDF with LibreOffice (``soffice
--headless --convert-to pdf``) when it is installed; otherwise they are listed on the agenda with
a note that they are downloaded from the meeting page. The pack is made by a job
(``meetings.tasks.pack_compile_start``), stored (``BoardPack``) and served from storage, so a
member's download never waits for layout. ``pack_state_key`` fingerprints what the pack is made
of; any change of the agenda or its papers queues a new compilation.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, BoardPack, Meeting, Paper
from wscb.jobs.services import JobError, job_complete, job_progress

#: How long one Word paper may take to convert before the pack fails with a message.
CONVERT_TIMEOUT_SECONDS = 120


def word_converter() -> str | None:
    """The LibreOffice program that converts Word papers to PDF, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def agenda_items(meeting: Meeting):
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter", "presenter_agency", "presenter__partner")
        .prefetch_related("papers")
        .order_by("position", "pk")
    )


def pack_state_key(meeting: Meeting) -> str:
    """A hash of everything the pack shows: the meeting, its items and their papers (and whether
    Word papers can be converted)."""
    digest = hashlib.sha256()
    parts = [meeting.group_id, meeting.group.name, meeting.held_on, meeting.starts_at, meeting.venue]
    parts.append(bool(word_converter()))
    for item in agenda_items(meeting):
        agency = item.agency
        parts += [
            item.pk,
            item.position,
            item.title,
            item.purpose,
            item.minutes_allowed,
            item.presenter.full_name if item.presenter_id else "",
            agency.name if agency else "",
        ]
        parts += [(paper.pk, paper.title, paper.file.name) for paper in item.papers.all()]
    digest.update(repr(parts).encode())
    return digest.hexdigest()


def pack_is_current(meeting: Meeting, pack: BoardPack | None = None) -> bool:
    pack = pack if pack is not None else BoardPack.objects.filter(meeting=meeting).first()
    return pack is not None and pack.state_key == pack_state_key(meeting)


@dataclass
class PackPaper:
    paper: Paper
    pdf: bytes | None  # None: a Word paper that is listed only
    start_page: int | None = None


@dataclass
class PackItem:
    item: AgendaItem
    papers: list[PackPaper] = field(default_factory=list)


def _convert_word(paper: Paper, converter: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "paper.docx"
        with paper.file.open("rb") as stored:
            source.write_bytes(stored.read())
        try:
            subprocess.run(  # noqa: S603 - a fixed program and our own temporary file
                [
                    converter,
                    "--headless",
                    f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    folder,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=CONVERT_TIMEOUT_SECONDS,
            )
        except (subprocess.SubprocessError, OSError) as error:
            raise JobError(f"The Word paper “{paper.title}” could not be converted to PDF.") from error
        converted = Path(folder) / "paper.pdf"
        if not converted.exists():
            raise JobError(f"The Word paper “{paper.title}” could not be converted to PDF.")
        return converted.read_bytes()


def _read_pdf(content: bytes, paper: Paper):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise JobError(f"The paper “{paper.title}” is password-protected: upload it without a password.")
        len(reader.pages)
    except (PyPdfError, ValueError, KeyError, OSError) as error:
        raise JobError(f"The paper “{paper.title}” could not be read as a PDF: upload it again.") from error
    return reader


def _front_matter(meeting: Meeting, items: list[PackItem], converted: bool) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "meetings/pack/front.html",
        {"meeting": meeting, "items": items, "converted": converted, "board": meeting.group.board},
    )
    return HTML(string=html, base_url=None).write_pdf()


def _page_numbers(sizes: list[tuple[float, float]]) -> bytes:
    """One page per page of the pack, each of its size, with "Page n of N" at the foot."""
    from weasyprint import HTML

    html = render_to_string("meetings/pack/page_numbers.html", {"sizes": sizes, "total": len(sizes)})
    return HTML(string=html, base_url=None).write_pdf()


def pack_build(meeting: Meeting, *, progress=None) -> tuple[bytes, int, str]:
    """(PDF bytes, pages, how Word papers were handled: "none", "converted" or "listed")."""
    from pypdf import PdfReader, PdfWriter

    converter = word_converter()
    items = [PackItem(item) for item in agenda_items(meeting)]
    readers = {}
    word = "none"
    for entry in items:
        for paper in entry.item.papers.all():
            if progress:
                progress(f"Reading “{paper.title}”")
            if paper.is_pdf:
                with paper.file.open("rb") as stored:
                    content = stored.read()
            elif converter:
                content, word = _convert_word(paper, converter), "converted"
            else:
                content, word = None, "listed"
            if content is not None:
                readers[paper.pk] = _read_pdf(content, paper)
            entry.papers.append(PackPaper(paper, content))
    if progress:
        progress("Laying out the cover and agenda")
    # The agenda gives each paper's first page; lay it out until its own length settles (twice at most).
    front = PdfReader(io.BytesIO(_front_matter(meeting, items, word == "converted")))
    for _ in range(3):
        page = len(front.pages) + 1
        for entry in items:
            for paper in entry.papers:
                if paper.paper.pk in readers:
                    paper.start_page = page
                    page += len(readers[paper.paper.pk].pages)
        laid_out = PdfReader(io.BytesIO(_front_matter(meeting, items, word == "converted")))
        settled = len(laid_out.pages) == len(front.pages)
        front = laid_out
        if settled:
            break
    if progress:
        progress("Joining the papers")
    writer = PdfWriter()
    writer.append(front, import_outline=False)
    writer.add_outline_item(title="Cover and agenda", page_number=0)
    for entry in items:
        first = None
        children = []
        for paper in entry.papers:
            reader = readers.get(paper.paper.pk)
            if reader is None:
                continue
            start = len(writer.pages)
            writer.append(reader, import_outline=False)
            first = start if first is None else first
            children.append((paper.paper.title, start))
        heading = writer.add_outline_item(title=str(entry.item), page_number=first if first is not None else 0)
        for title, start in children:
            writer.add_outline_item(title=title, page_number=start, parent=heading)
    if progress:
        progress("Numbering the pages")
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in writer.pages]
    numbers = PdfReader(io.BytesIO(_page_numbers(sizes)))
    for page, number in zip(writer.pages, numbers.pages, strict=True):
        page.merge_page(number)
    writer.add_metadata({"/Title": f"Board pack: {meeting}"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), len(writer.pages), word


def pack_compile(*, job) -> BoardPack:
    """The job's work: compile the meeting's pack as it is now and store it (replacing the last)."""
    meeting = Meeting.objects.select_related("group__board").get(pk=job.arguments["meeting_id"])
    key = pack_state_key(meeting)
    content, pages, word = pack_build(meeting, progress=lambda step: job_progress(job, step=step))
    with transaction.atomic():
        old = BoardPack.objects.select_for_update().filter(meeting=meeting).first()
        pack = old or BoardPack(meeting=meeting)
        previous_file = old.file.name if old else ""
        pack.file.save("pack.pdf", ContentFile(content), save=False)
        pack.state_key, pack.pages, pack.word_papers, pack.compiled_at = key, pages, word, timezone.now()
        pack.save()
        if previous_file and previous_file != pack.file.name:
            storage = pack.file.storage
            transaction.on_commit(lambda: storage.delete(previous_file))
        job_complete(
            job,
            result_url=reverse("meetings:meeting-detail", args=[meeting.pk]) + "#papers",
            result_label="Back to the meeting's papers",
            step=f"{pages} pages",
        )
    return pack
