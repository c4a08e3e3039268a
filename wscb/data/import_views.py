"""The import pages every import kind shares (``wscb.data.import_kinds``): the Imports page, each
kind's template, and upload -> preview -> confirm.

Nothing is written before the confirm step. Between the steps the uploaded file is kept in the file
storage under a generated name (``imports/pending/<random>.csv``), known only to the session that
uploaded it; it is removed when the import is confirmed or cancelled, and files left behind by a
session that went away are removed a day later by the next upload.
"""

from __future__ import annotations

import datetime
import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from wscb.audit.services import audit_download
from wscb.data.exports import XLSX_CONTENT_TYPE, file_response
from wscb.data.import_jobs import import_runs_as_job
from wscb.data.import_kinds import PREVIEW_ROWS, import_kind_get, import_kinds, template_csv, template_xlsx
from wscb.data.imports import ImportFileForm, ImportRejected, read_upload, run_import
from wscb.permissions import RecordKeeperMixin
from wscb.security import NoStoreMixin

PENDING = "imports/pending"
SESSION_KEY = "imports_pending"
KEEP_PENDING = datetime.timedelta(days=1)


class ImportListView(RecordKeeperMixin, TemplateView):
    """Every kind of import, with its template and its page."""

    template_name = "imports/list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(kinds=import_kinds(), **kwargs)


class KindMixin:
    def dispatch(self, request, *args, **kwargs):
        self.kind = import_kind_get(kwargs["kind"])
        if self.kind is None:
            raise Http404("No such import.")
        return super().dispatch(request, *args, **kwargs)


class ImportTemplateView(RecordKeeperMixin, KindMixin, View):
    """The kind's template: XLSX (headings, an example row, the valid values) or CSV (headings, example)."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, kind, fmt):
        if fmt == "xlsx":
            content, content_type = template_xlsx(self.kind, request.board), XLSX_CONTENT_TYPE
        elif fmt == "csv":
            content, content_type = template_csv(self.kind, request.board), "text/csv; charset=utf-8"
        else:
            raise Http404("No such format.")
        audit_download(request=request, what=f"Import template: {self.kind.title}", file_format=fmt)
        return file_response(content, filename=self.kind.template_name(request.board, fmt), content_type=content_type)


def _pending(request) -> dict:
    return dict(request.session.get(SESSION_KEY) or {})


def _forget(request, token: str) -> None:
    pending = _pending(request)
    entry = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if entry:
        default_storage.delete(entry["stored"])


def _sweep_old_files() -> None:
    try:
        _, names = default_storage.listdir(PENDING)
    except (FileNotFoundError, NotADirectoryError, OSError):
        return
    cutoff = timezone.now() - KEEP_PENDING
    for name in names:
        path = f"{PENDING}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except (FileNotFoundError, OSError):
            continue


def _keep(request, kind, upload) -> str:
    """Store the checked upload under a generated name for the confirm step; returns its token."""
    _sweep_old_files()
    upload.seek(0)
    token = secrets.token_urlsafe(24)
    extension = PurePosixPath(upload.name).suffix.lower()
    stored = default_storage.save(f"{PENDING}/{token}{extension}", ContentFile(upload.read()))
    pending = _pending(request)
    pending[token] = {
        "kind": kind.key,
        "board": getattr(request.board, "pk", None),
        "stored": stored,
        "name": upload.name,
    }
    request.session[SESSION_KEY] = pending
    return token


def _kept(request, kind, token: str):
    entry = _pending(request).get(token)
    if not entry or entry["kind"] != kind.key or entry["board"] != getattr(request.board, "pk", None):
        return None
    try:
        with default_storage.open(entry["stored"], "rb") as handle:
            return SimpleUploadedFile(entry["name"], handle.read())
    except (FileNotFoundError, OSError):
        return None


def _read(kind, upload):
    return read_upload(
        upload,
        required=list(kind.required),
        optional=list(kind.optional),
        aliases=kind.aliases,
        max_rows=settings.IMPORT_JOB_MAX_ROWS if kind.job_start else None,
    )


def _preview_rows(kind, dataset, row_types: list[str]) -> list[dict]:
    labels = {"new": "New", "update": "Changed", "skip": "Unchanged"}
    rows = []
    for index, values in enumerate(dataset[:PREVIEW_ROWS]):
        row_type = row_types[index] if index < len(row_types) else ""
        cells = dict(zip(dataset.headers, values, strict=False))
        rows.append(
            {
                "number": index + 2,
                "action": labels.get(row_type, row_type.capitalize()),
                "cells": [cells.get(heading, "") for heading in kind.headings],
            }
        )
    return rows


class ImportPageView(NoStoreMixin, RecordKeeperMixin, KindMixin, View):
    """GET: what the file holds and the upload form. POST: check the file and preview it; nothing is written."""

    template_name = "imports/import.html"

    def context(self, **extra) -> dict:
        board = self.request.board
        values = self.kind.valid_values(board) if board is not None else {}
        headings = [
            {
                "name": heading,
                "required": heading in self.kind.required,
                "note": self.kind.notes.get(heading, ""),
                "values": values.get(heading) or [],
            }
            for heading in self.kind.headings
        ]
        return {
            "kind": self.kind,
            "headings": headings,
            "max_megabytes": settings.IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024),
            "max_rows": settings.IMPORT_JOB_MAX_ROWS if self.kind.job_start else settings.IMPORT_MAX_ROWS,
            "form": extra.pop("form", None) or ImportFileForm(),
            **extra,
        }

    def get(self, request, kind):
        return render(request, self.template_name, self.context())

    def post(self, request, kind):
        form = ImportFileForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, self.context(form=form), status=400)
        upload = form.cleaned_data["file"]
        try:
            dataset = _read(self.kind, upload)
        except ImportRejected as problem:
            form.add_error("file", str(problem))
            return render(request, self.template_name, self.context(form=form), status=400)
        if self.kind.job_start and import_runs_as_job(dataset):
            token = _keep(request, self.kind, upload)
            return render(
                request, self.template_name, self.context(token=token, rows=len(dataset), as_job=True, form=form)
            )
        outcome = run_import(
            resource=self.kind.resource(request.board, request.user), dataset=dataset, request=request, dry_run=True
        )
        if not outcome.ok:
            return render(request, self.template_name, self.context(outcome=outcome, form=form), status=400)
        token = _keep(request, self.kind, upload)
        return render(
            request,
            self.template_name,
            self.context(
                token=token,
                preview=outcome,
                rows=len(dataset),
                preview_rows=_preview_rows(self.kind, dataset, outcome.row_types),
                form=form,
            ),
        )


class ImportConfirmView(NoStoreMixin, RecordKeeperMixin, KindMixin, View):
    """Write the previewed file: every row or none; then remove the kept file."""

    http_method_names = ["post"]

    def post(self, request, kind):
        token = request.POST.get("token", "")
        upload = _kept(request, self.kind, token)
        page = reverse("imports:import", args=[self.kind.key])
        if upload is None:
            messages.error(request, "That upload is no longer waiting to be imported: upload the file again.")
            return redirect(page)
        try:
            dataset = _read(self.kind, upload)
        except ImportRejected as problem:
            _forget(request, token)
            messages.error(request, str(problem))
            return redirect(page)
        if self.kind.job_start and import_runs_as_job(dataset):
            from wscb.jobs.services import job_status_url

            job = self.kind.job_start(upload=upload, board=request.board, by=request.user, rows=len(dataset))
            _forget(request, token)
            messages.info(request, f"The file has {len(dataset):,} rows: it is being imported by a worker.")
            return redirect(job_status_url(job))
        outcome = run_import(resource=self.kind.resource(request.board, request.user), dataset=dataset, request=request)
        _forget(request, token)
        if not outcome.ok:
            view = ImportPageView()
            view.setup(request, kind=kind)
            view.kind = self.kind
            return render(request, view.template_name, view.context(outcome=outcome), status=400)
        totals = outcome.totals
        messages.success(
            request,
            f"{self.kind.title} imported: {totals.get('new', 0)} new, {totals.get('update', 0)} changed, "
            f"{totals.get('skip', 0)} unchanged.",
        )
        return redirect(self.kind.done_url)


class ImportCancelView(RecordKeeperMixin, KindMixin, View):
    """Drop a previewed file without importing it."""

    http_method_names = ["post"]

    def post(self, request, kind):
        _forget(request, request.POST.get("token", ""))
        messages.info(request, "Nothing was imported.")
        return redirect("imports:import", self.kind.key)
