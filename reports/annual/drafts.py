"""Draft PDF and Word files: laid out once per state of the data, kept, and served from storage.

Laying out the PDF takes seconds to minutes, so a draft's files are made by a job and kept
(``DraftFile``, one per board, year and format). A download asks ``draft_file_current``: when the
stored file was made from the same state of the data it is served at once; otherwise a new layout
is queued (``reports.annual.tasks.draft_layout_start``) and the person is told so.

**The state of the data** is ``draft_state_key(board=, year=)``. Correctness beats speed here: a
stale draft must never be served as current, and the report reads records of every app (meetings,
training, finance, partner updates, narrative, indicators...). The key is a SHA-256 of

- the board's data version (``wscb.data.changes.data_version``): every write to any table a page
  shows, whichever app, path or process made it, replaces it in the write's own transaction, so
  the key moves with any change the report could show (and only the board's own records, or those
  every board shares, move it); and
- the code and libraries that turn records into files: the project's code, templates and static
  files (``code_version``), this package, the report templates and the chart engine, and the
  versions of WeasyPrint, python-docx and Pillow (``layout_fingerprint``), so a deployment that
  changes what the report says or how the files look does not serve files the old code made.

It costs one query: the report is no longer assembled and rendered just to tell whether it changed.
(It used to be a hash of the report rendered as HTML; the data version is as exact and does not
build the report.) ``DraftFile`` itself is exempt from the data version, or storing a file would
make it stale at once.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from reports.annual import outputs
from reports.annual.assembly import build_report
from reports.annual.models import DraftFile
from wscb.data.changes import code_version, data_version
from wscb.jobs.services import job_complete, job_progress
from wscb.periods import ReportingYear

_LIBRARIES = ("weasyprint", "python-docx", "pillow")

FORMAT_LABELS = {"pdf": "PDF", "docx": "Word document"}


@functools.cache
def layout_fingerprint() -> str:
    """A hash of the code and libraries that turn a report into files (computed once per process)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    sources = sorted(path for path in package.rglob("*.py") if "migrations" not in path.parts)
    sources += sorted((Path(settings.BASE_DIR) / "templates" / "annual").rglob("*"))
    sources.append(Path(settings.BASE_DIR) / "wscb" / "charts.py")
    for path in sources:
        if path.is_file():
            digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
            digest.update(path.read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library}={metadata.version(library)}".encode())
    return digest.hexdigest()


def draft_state_key(*, board, year: ReportingYear) -> str:
    """The state of the data a draft's files are made from (see the module's docstring)."""
    raw = f"{data_version(board)}|{year.start_year}|{code_version()}|{layout_fingerprint()}"
    return hashlib.sha256(raw.encode()).hexdigest()


def draft_file_current(*, board, year: ReportingYear, fmt: str) -> tuple[DraftFile | None, str]:
    """(the stored file if it was made from the records as they are now, else None; the current key)."""
    key = draft_state_key(board=board, year=year)
    stored = DraftFile.objects.filter(board=board, year_start=year.start_year, fmt=fmt).defer("content").first()
    if stored is None or stored.state_key != key:
        return None, key
    return DraftFile.objects.get(pk=stored.pk), key


def draft_file_previous(*, board, year: ReportingYear, fmt: str) -> DraftFile | None:
    """The stored file whatever its state (to say when the last one was made)."""
    return DraftFile.objects.filter(board=board, year_start=year.start_year, fmt=fmt).defer("content").first()


def draft_download_url(year: ReportingYear, fmt: str) -> str:
    return reverse("annual:draft-download", kwargs={"start_year": str(year.start_year), "fmt": fmt})


def draft_layout(*, job) -> DraftFile:
    """The job's work: lay out the draft as it is now and keep it under its key (replacing the last one).

    Running twice for the same data does the layout twice and stores the same file: harmless. The
    key is read before the report is assembled, so a change committed meanwhile is at worst in a
    file stored under the older key, which the next download then lays out again: never an old
    file under a new key.
    """
    board, fmt = job.board, job.arguments["fmt"]
    year = ReportingYear(job.arguments["start_year"])
    job_progress(job, step="Assembling the report from the records")
    key = draft_state_key(board=board, year=year)
    report = build_report(board=board, year=year)
    job_progress(job, step=f"Laying out the {FORMAT_LABELS[fmt]}")
    if fmt == "pdf":
        content, pages = outputs.render_pdf(report)
    else:
        content, pages = outputs.render_docx(report), None
    with transaction.atomic():
        stored, _ = DraftFile.objects.update_or_create(
            board=board,
            year_start=year.start_year,
            fmt=fmt,
            defaults={"state_key": key, "content": content, "page_count": pages, "made_at": timezone.now()},
        )
        job_complete(
            job,
            result_url=draft_download_url(year, fmt),
            result_label=f"Download the draft {FORMAT_LABELS[fmt]}",
            step=f"{pages} pages" if pages else "",
        )
    return stored
