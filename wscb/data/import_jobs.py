"""Imports too big for a web request: checked and written by a job, with "rows checked / rows
written" on its status page, all or nothing as in the request.

A file with more than ``IMPORT_JOB_ROWS`` rows (default 2,000) goes to a job. The view checks the file
as always (``read_upload``: size, type, headings) so a wrong file is refused at once, then::

    if import_runs_as_job(dataset):
        job = import_job_start(kind="training.elearning-import", label="Import e-learning licences",
                               task=elearning_import_task, upload=upload, board=request.board, by=request.user)
        return redirect(job_status_url(job))

The job's work reads the stored file again (``import_job_upload(job)``), imports it in one
transaction with ``ImportProgress`` reporting the counts, and raises ``JobError(message, rows=...)``
with every wrong row if any is wrong (nothing is written). The stored file is removed when the job
is done (a failed one keeps it a week, for a retry).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from wscb.jobs.models import Job
from wscb.jobs.services import job_progress, job_start


def import_runs_as_job(dataset) -> bool:
    return len(dataset) > settings.IMPORT_JOB_ROWS


def import_job_start(*, kind: str, label: str, task, upload, board=None, by=None, arguments=None) -> Job:
    """Queue the import of ``upload`` (already checked by ``read_upload``) as a job; returns the job."""
    upload.seek(0)
    content = upload.read()
    job, _ = job_start(
        kind=kind,
        label=label,
        task=task,
        board=board,
        by=by,
        arguments=arguments or {},
        payload=content,
        payload_name=getattr(upload, "name", "") or "upload",
    )
    return job


def import_job_upload(job: Job) -> SimpleUploadedFile:
    """The file the job was started with, as an upload ``read_upload`` reads like the original."""
    return SimpleUploadedFile(job.payload_name, bytes(job.payload or b""))


class ImportProgress:
    """Counts for the status page: "4,500 of 100,000 rows checked", and how many are written so far.

    Written rows become permanent only when the whole file has gone in; the step says so.
    """

    every = 500

    def __init__(self, job: Job, *, total: int):
        self.job = job
        self.total = total
        self.rows_checked = 0
        self.rows_written = 0

    def _write(self) -> None:
        job_progress(
            self.job,
            step=(
                f"{self.rows_written:,} rows written so far (kept only if every row is right)"
                if self.rows_written
                else "Checking the rows"
            ),
            done=self.rows_checked,
            total=self.total,
            count_label="rows checked",
        )

    def checked(self, count: int = 1) -> None:
        before = self.rows_checked
        self.rows_checked += count
        if self.rows_checked // self.every != before // self.every or self.rows_checked == self.total:
            self._write()

    def written(self, count: int) -> None:
        self.rows_written += count
        self._write()
