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
kind (magic bytes: a program renamed .pdf is refused), a file whose first bytes also match another
kind (a PDF/HTML or PDF/ZIP polyglot) refused, Office files opened as the archive they are (zip
bombs, macros refused), and PDFs that can run something refused: ``/JavaScript``, ``/JS``,
``/Launch``, ``/EmbeddedFile(s)`` anywhere, names written with ``#xx`` escapes (``/J#61vaScript``) and
names inside compressed object streams included (every stream is decompressed and searched, with
pypdf where it can parse the file), and encrypted PDFs, which cannot be searched. MEDIA_URL is not
served by the portal (see settings).
"""

from __future__ import annotations

import io
import os
import re
import uuid
import zipfile
import zlib

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


#: First bytes of other kinds of file, searched for in the first ``POLYGLOT_WINDOW`` bytes of every
#: upload: a file that is also one of these (a PDF that is also a web page) is refused.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "zip": (b"PK\x03\x04",),
    "png": (b"\x89PNG",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "html": (b"<html", b"<!doctype html", b"<script", b"<svg", b"<iframe", b"<body", b"<head"),
    "program": (b"MZ\x90", b"\x7fELF", b"#!/"),
}
OWN_SIGNATURE = {"pdf": "pdf", "png": "png", "jpeg": "jpeg", "docx": "zip", "xlsx": "zip", "pptx": "zip"}
POLYGLOT_WINDOW = 1024
#: PDF names that make a reader run or open something.
ACTIVE_PDF_NAMES = {b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles"}
_PDF_NAME = re.compile(rb"/((?:[A-Za-z0-9_.+-]|#[0-9A-Fa-f]{2})+)")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)


def _other_kinds(kind: str, head: bytes) -> list[str]:
    window = head[:POLYGLOT_WINDOW].lower()
    own = OWN_SIGNATURE.get(kind)
    return [
        other
        for other, signatures in SIGNATURES.items()
        if other != own and any(signature.lower() in window for signature in signatures)
    ]


def _pdf_names(data: bytes) -> set[bytes]:
    """Every name in the bytes, with #xx escapes decoded (``/J#61vaScript`` is ``/JavaScript``)."""
    return {
        re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name) for name in _PDF_NAME.findall(data)
    }


def _pdf_stream_contents(data: bytes) -> list[bytes]:
    """Every stream decompressed: by zlib here, and by pypdf (other filters, object streams) when it
    can read the file."""
    found = []
    for raw in _PDF_STREAM.findall(data):
        try:
            found.append(zlib.decompressobj().decompress(raw.strip(b"\r\n"), 50 * 1024 * 1024))
        except zlib.error:
            continue
    try:
        from pypdf import PdfReader
        from pypdf.generic import StreamObject

        reader = PdfReader(io.BytesIO(data), strict=False)
        for number in range(1, len(reader.xref_objStm) + sum(len(v) for v in reader.xref.values()) + 2):
            try:
                obj = reader.get_object(number)
            except Exception:  # noqa: S112 - a damaged object: the raw search above still saw its bytes
                continue
            if isinstance(obj, StreamObject):
                try:
                    found.append(obj.get_data())
                except Exception:  # noqa: S112 - an unknown filter: its raw bytes were searched
                    continue
    except Exception:  # noqa: S110 - pypdf could not read it at all: the raw and zlib searches stand
        pass
    return found


def _pdf_problem(data: bytes) -> str | None:
    if b"Encrypt" in _pdf_names(data):
        return "is encrypted, so it cannot be checked: save it again without a password or encryption"
    names = set(_pdf_names(data))
    for content in _pdf_stream_contents(data):
        names |= _pdf_names(content)
    active = sorted(name.decode("latin-1") for name in names & ACTIVE_PDF_NAMES)
    if active:
        return f"contains {', '.join('/' + name for name in active)} (a script, a program or an attached file)"
    return None


def _content_matches(kind: str, head: bytes, data_reader) -> str | None:
    """None when the content is what the kind says; otherwise the reason."""
    own = {
        "pdf": (b"%PDF-", "is not a PDF"),
        "png": (b"\x89PNG\r\n\x1a\n", "is not a PNG image"),
        "jpeg": (b"\xff\xd8\xff", "is not a JPEG image"),
    }.get(kind, (b"PK\x03\x04", f"is not a {kind.upper()} file"))
    if not head.startswith(own[0]):
        return own[1]
    others = _other_kinds(kind, head)
    if others:
        return f"also looks like another kind of file ({', '.join(others)}), which is not allowed"
    if kind == "pdf":
        return _pdf_problem(data_reader())
    if kind in ("png", "jpeg"):
        return None
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
    head = upload.read(POLYGLOT_WINDOW)

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
