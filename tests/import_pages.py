"""Importing a file through the Imports pages as a person does: upload (the preview), then confirm.

preview = import_upload(client, "bookings", [headings, row, ...])       # nothing written yet
response = import_confirm(client, "bookings", preview)                  # every row, or none
import_file(client, "bookings", rows)      # both steps; fails the test with the page's errors
"""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def import_upload(client, kind: str, rows, name: str = "import.csv"):
    return client.post(reverse("imports:import", args=[kind]), {"file": SimpleUploadedFile(name, csv_bytes(rows))})


def import_confirm(client, kind: str, preview):
    return client.post(reverse("imports:confirm", args=[kind]), {"token": preview.context["token"]})


def row_errors(response) -> list[tuple[int | None, str, str]]:
    """The preview's errors as (spreadsheet row, heading, message)."""
    return [(error.row, error.column, error.message) for error in response.context["outcome"].errors]


def import_file(client, kind: str, rows):
    preview = import_upload(client, kind, rows)
    assert preview.status_code == 200, row_errors(preview) if preview.context.get("outcome") else preview
    response = import_confirm(client, kind, preview)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response
