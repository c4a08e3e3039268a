"""Draft PDF and Word files: laid out once per state of the data, kept, and served from storage.

Laying out the PDF takes seconds to minutes, so a draft's files are made by a job and kept
(``DraftFile``, one per board, year and format). A download asks ``draft_file_current``: when the
stored file was made from the same state of the data it is served at once; otherwise a new layout
is queued (``reports.annual.tasks.draft_layout_start``) and the person is told so.

**The state of the data** is ``draft_state_key(report)``. Correctness beats speed here: a stale
draft must never be served as current, and the report reads records of every app (meetings,
training, finance, partner updates, narrative, indicators...), so the key is not a list of tables
and their "last changed" times that a new source could escape. It is a SHA-256 of

- the report assembled from the records now, rendered as the HTML the PDF is laid out from (with
  the production time pinned and any random element ids removed): whatever any section
  shows, from whichever app, is in it; and
- the layout code and its libraries (``layout_fingerprint``: this package's modules, the report
  templates, the chart engine ``wscb/charts.py`` (it draws Word's pictures), and the versions of
  WeasyPrint, python-docx and Pillow), so a deployment that
  changes how files look does not serve files laid out by the old code.

Assembling and rendering the HTML takes well under a second for the demo's report, a small price
next to the layout it saves. A board-and-year data version (a counter every write bumps) can later
replace this function, and only this function: callers use the key and nothing else.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from reports.annual import outputs
from reports.annual.assembly import AnnualReport, build_report
from reports.annual.models import DraftFile
from wscb.jobs.services import job_complete, job_progress
from wscb.periods import ReportingYear

#: The time a draft is "produced" at, as far as the key is concerned.
_PINNED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
#: Element ids drawn at random (uuid4; charts drawn by ``wscb.charts`` have none, but older ones did).
_RANDOM_IDS = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\bc[0-9a-f]{8}(?=-serie)")
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


def draft_state_key(report: AnnualReport) -> str:
    """The state of the data a draft's files are made from (see the module's docstring)."""
    pinned = dataclasses.replace(report, generated_at=_PINNED_TIME, version=None, is_draft=True)
    html = _RANDOM_IDS.sub("", outputs.render_html(pinned, for_print=True))
    return hashlib.sha256(f"{layout_fingerprint()}\n{html}".encode()).hexdigest()


def draft_file_current(*, board, year: ReportingYear, fmt: str) -> tuple[DraftFile | None, str]:
    """(the stored file if it was made from the records as they are now, else None; the current key)."""
    key = draft_state_key(build_report(board=board, year=year))
    stored = DraftFile.objects.filter(board=board, year_start=year.start_year, fmt=fmt).first()
    return (stored if stored is not None and stored.state_key == key else None), key


def draft_file_previous(*, board, year: ReportingYear, fmt: str) -> DraftFile | None:
    """The stored file whatever its state (to say when the last one was made)."""
    return DraftFile.objects.filter(board=board, year_start=year.start_year, fmt=fmt).defer("content").first()


def draft_download_url(year: ReportingYear, fmt: str) -> str:
    return reverse("annual:draft-download", kwargs={"start_year": str(year.start_year), "fmt": fmt})


def draft_layout(*, job) -> DraftFile:
    """The job's work: lay out the draft as it is now and keep it under its key (replacing the last one).

    Running twice for the same data does the layout twice and stores the same file: harmless. The
    key is taken from the very report the file is made from, so a change made meanwhile is either in
    the file and its key, or neither.
    """
    board, fmt = job.board, job.arguments["fmt"]
    year = ReportingYear(job.arguments["start_year"])
    job_progress(job, step="Assembling the report from the records")
    report = build_report(board=board, year=year)
    key = draft_state_key(report)
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
