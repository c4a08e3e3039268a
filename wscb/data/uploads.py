"""Uploaded files (minutes, impact reports, attachments): checked, stored under generated names,
served only through views that check permission first.

In a model::

    from wscb.data.uploads import UploadValidator, upload_to

    file = models.FileField(upload_to=upload_to("minutes"), validators=[UploadValidator(kinds=("pdf", "docx"))])
    original_name = models.CharField(max_length=255)   # shown to people, never used as a path

In the view that serves it (after the scoped selector has found the record, so another
agency's file is a 404)::

    return serve_upload(minutes.file, download_name=minutes.original_name)

The checks: the size (``UPLOAD_MAX_BYTES``, default 10 MB), the content against the claimed
kind (magic bytes: a program renamed .pdf is refused), Office files opened as the archive they
are (zip bombs, macros refused). MEDIA_URL is not served by the portal (see settings).
"""

from __future__ import annotations

import io
import os
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from wscb.data.exports import safe_filename
from wscb.security import _no_store

#: kind -> (extensions, content type)
KINDS = {
    "pdf": ((".pdf",), "application/pdf"),
    "docx": ((".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ((".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": ((".pptx",), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "png": ((".png",), "image/png"),
    "jpeg": ((".jpg", ".jpeg"), "image/jpeg"),
}
OFFICE_MARKERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
MAX_ARCHIVE_ENTRIES = 2000
MAX_EXPANSION = 20


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _kind_of_name(name: str) -> str | None:
    extension = os.path.splitext(name or "")[1].lower()
    return next((kind for kind, (extensions, _) in KINDS.items() if extension in extensions), None)


def _content_matches(kind: str, head: bytes, data_reader) -> str | None:
    """None when the content is what the kind says; otherwise the reason."""
    if kind == "pdf":
        return None if head.startswith(b"%PDF-") else "is not a PDF"
    if kind == "png":
        return None if head.startswith(b"\x89PNG\r\n\x1a\n") else "is not a PNG image"
    if kind == "jpeg":
        return None if head.startswith(b"\xff\xd8\xff") else "is not a JPEG image"
    if not head.startswith(b"PK\x03\x04"):
        return f"is not a {kind.upper()} file"
    data = data_reader()
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError):
        return "is damaged"
    names = {entry.filename for entry in entries}
    if len(entries) > MAX_ARCHIVE_ENTRIES or sum(e.file_size for e in entries) > len(data) * MAX_EXPANSION + 10_000_000:
        return "unpacks to far more data than it should"
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return "contains macros"
    if OFFICE_MARKERS[kind] not in names:
        return f"is not a {kind.upper()} file"
    return None


def validate_upload(upload, *, kinds, max_bytes: int | None = None) -> str:
    """Check an uploaded file; returns its kind ("pdf", ...) or raises ValidationError."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(f"The file is {_megabytes(size)}; the largest accepted is {_megabytes(max_bytes)}.")
    if not size:
        raise ValidationError("The file is empty.")
    kind = _kind_of_name(getattr(upload, "name", ""))
    allowed = ", ".join(ext for k in kinds for ext in KINDS[k][0])
    if kind not in kinds:
        raise ValidationError(f"Upload one of these kinds of file: {allowed}.")
    upload.seek(0)
    head = upload.read(16)

    def read_all():
        upload.seek(0)
        return upload.read()

    problem = _content_matches(kind, head, read_all)
    upload.seek(0)
    if problem:
        raise ValidationError(f"The file ends in {os.path.splitext(upload.name)[1].lower()} but {problem}.")
    return kind


@deconstructible
class UploadValidator:
    def __init__(self, kinds=("pdf",), max_bytes=None):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __call__(self, upload):
        validate_upload(upload, kinds=self.kinds, max_bytes=self.max_bytes)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.kinds, self.max_bytes) == (other.kinds, other.max_bytes)


@deconstructible
class upload_to:
    """``upload_to`` for FileFields: ``<prefix>/<year>/<random hex><extension>``; the person's
    file name never becomes part of the path."""

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename):
        kind = _kind_of_name(filename)
        extension = KINDS[kind][0][0] if kind else ".bin"
        return f"{self.prefix}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, upload_to) and self.prefix == other.prefix


def upload_format(field_file) -> str:
    """The kind of a stored file ("pdf", "docx"...), for the audit row of its download."""
    return _kind_of_name(field_file.name) or "file"


def serve_upload(field_file, *, download_name: str) -> FileResponse:
    """Send a stored file as a download: safe file name, its real content type, not cached."""
    kind = _kind_of_name(field_file.name)
    content_type = KINDS[kind][1] if kind else "application/octet-stream"
    name = safe_filename(download_name)
    if kind and not name.lower().endswith(KINDS[kind][0]):
        name += KINDS[kind][0][0]
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return _no_store(response)
