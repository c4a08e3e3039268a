"""Safe CSV and XLSX downloads for every app.

Text cells beginning with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or NUL are
prefixed with a single quote so a spreadsheet never runs them as a formula (ASVS 1.2.10);
numbers (including negative amounts) stay numbers. Downloads are ``no-store`` attachments
with a safe file name.

    return csv_response("audit.csv", headers, rows)
    return xlsx_response("audit.xlsx", headers, rows)
    return dataset_response(resource.export(queryset), "partners", "csv")
    return file_response(pdf_bytes, filename=f"{board.short_name}-report.pdf", content_type="application/pdf")

Every ``Content-Disposition`` in the project is built here (or by ``FileResponse(filename=...)``
in ``wscb.data.uploads``), with Django's ``content_disposition_header`` from a file name reduced
to safe characters, so a quote, semicolon or line break in the data (a board's short name, a
course title) can neither add a parameter nor break the response
(``tests/wscb/test_every_download_is_audited.py`` fails on code that builds the header itself).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from wscb.security import _no_store

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def escape_cell(value):
    """Make one cell safe: text that a spreadsheet would read as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def escape_row(row: Iterable) -> list:
    return [escape_cell(value) for value in row]


def safe_filename(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-") or "export"
    return cleaned[:100]


def _attachment(response: HttpResponse, filename: str, *, inline: bool = False) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(not inline, safe_filename(filename))
    return _no_store(response)


def file_response(content: bytes, *, filename: str, content_type: str, inline: bool = False) -> HttpResponse:
    """Any generated file (PDF, Word, HTML, spreadsheet bytes) as a no-store download, or shown
    in the browser with ``inline=True``; the file name is made safe whatever the data put in it."""
    return _attachment(HttpResponse(content, content_type=content_type), filename, inline=inline)


def _plain(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if value is None:
        return ""
    return value


def csv_content(headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(escape_row(headers))
    for row in rows:
        writer.writerow(escape_row(_plain(value) for value in row))
    return buffer.getvalue()


def xlsx_content(headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Export") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=safe_filename(title)[:31])
    sheet.append(escape_row(headers))
    for row in rows:
        cells = []
        for value in row:
            value = _plain(value)
            if isinstance(value, str):
                value = escape_cell(value).replace("\0", "")
            cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    # UTF-8 with BOM, so Excel opens pound signs and accents correctly.
    response = HttpResponse("\ufeff" + csv_content(headers, rows), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Export"):
    response = HttpResponse(xlsx_content(headers, rows, title=title), content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, filename)


def dataset_response(dataset, basename: str, file_format: str) -> HttpResponse:
    """A tablib Dataset (e.g. ``resource.export(queryset)``) as an escaped CSV or XLSX download."""
    headers = list(dataset.headers or [])
    rows = [list(row) for row in dataset]
    if file_format == "xlsx":
        return xlsx_response(f"{basename}.xlsx", headers, rows, title=basename)
    return csv_response(f"{basename}.csv", headers, rows)


def escaped_dataset(dataset):
    import tablib

    escaped = tablib.Dataset(headers=escape_row(dataset.headers or []))
    for row in dataset:
        escaped.append(escape_row(row))
    return escaped


def escaped_export_formats():
    """CSV and XLSX export formats for django-import-export that escape every formula cell."""
    from import_export.formats import base_formats

    class EscapedCSV(base_formats.CSV):
        def export_data(self, dataset, **kwargs):
            return super().export_data(escaped_dataset(dataset), **kwargs)

    class EscapedXLSX(base_formats.XLSX):
        def export_data(self, dataset, **kwargs):
            return super().export_data(escaped_dataset(dataset), **kwargs)

    return EscapedCSV, EscapedXLSX
