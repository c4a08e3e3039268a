"""Safe exports: every text cell a spreadsheet could run as a formula is escaped, in CSV and XLSX;
numbers stay numbers; downloads are no-store attachments with a safe name."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wscb.audit.models import AuditAction
from wscb.audit.services import audit_record
from wscb.data.exports import csv_response, dataset_response, escape_cell, safe_filename, xlsx_response

PREFIXES = ["=", "+", "-", "@", "\t", "\r", "\0"]
PAYLOADS = [f"{prefix}1+1" for prefix in PREFIXES]


def csv_cells(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def xlsx_cells(response):
    return [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]


@pytest.mark.parametrize("payload", PAYLOADS, ids=[repr(p) for p in PREFIXES])
def test_each_dangerous_prefix_is_escaped_in_csv(payload):
    rows = csv_cells(csv_response("x.csv", ["Text"], [[payload]]))
    assert rows[1][0] == "'" + payload


@pytest.mark.parametrize("payload", PAYLOADS, ids=[repr(p) for p in PREFIXES])
def test_each_dangerous_prefix_is_escaped_in_xlsx(payload):
    rows = xlsx_cells(xlsx_response("x.xlsx", ["Text"], [[payload]]))
    assert rows[1][0] == "'" + payload.replace("\0", "")


@pytest.mark.parametrize("payload", PAYLOADS, ids=[repr(p) for p in PREFIXES])
@pytest.mark.django_db
def test_each_dangerous_prefix_is_escaped_in_the_audit_export(payload, as_user, administrator):
    audit_record(action=AuditAction.CHANGED, detail=payload)
    client = as_user(administrator)
    csv_rows = csv_cells(client.get(reverse("audit-export"), {"action": "changed", "format": "csv"}))
    xlsx_rows = xlsx_cells(client.get(reverse("audit-export"), {"action": "changed", "format": "xlsx"}))
    stored = payload.replace("\0", "\\x00").replace("\t", "\\t").replace("\r", "\\r")
    # The audit trail stores control characters escaped, so those cells begin with a backslash;
    # the four formula characters are stored as typed and must be escaped on the way out.
    assert csv_rows[1][7] == escape_cell(stored)
    assert xlsx_rows[1][7] == escape_cell(stored)
    assert not csv_rows[1][7].startswith(("=", "+", "-", "@", "\t", "\r"))


def test_numbers_stay_numbers_even_when_negative():
    rows = xlsx_cells(xlsx_response("x.xlsx", ["Amount", "Count"], [[Decimal("-250.50"), -3]]))
    assert rows[1] == [-250.5, -3]
    assert csv_cells(csv_response("x.csv", ["Amount"], [[Decimal("-250.50")]]))[1] == ["-250.50"]


def test_headings_are_escaped_too():
    assert csv_cells(csv_response("x.csv", ["=cmd"], []))[0] == ["'=cmd"]


def test_downloads_are_attachments_with_a_safe_name_and_not_stored():
    response = csv_response('../../etc/passwd"; x=.csv', ["A"], [["b"]])
    assert response["Content-Disposition"] == 'attachment; filename="etc-passwd-x-.csv"'
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert safe_filename("Rapport année.xlsx") == "Rapport-ann-e.xlsx"


def test_a_tablib_dataset_exports_escaped():
    import tablib

    dataset = tablib.Dataset(["=SUM(A1)", 5], headers=["Name", "Number"])
    assert csv_cells(dataset_response(dataset, "partners", "csv"))[1] == ["'=SUM(A1)", "5"]
    assert xlsx_cells(dataset_response(dataset, "partners", "xlsx"))[1] == ["'=SUM(A1)", 5]


def test_plain_text_is_left_alone():
    assert escape_cell("Wigan Council") == "Wigan Council"
    assert escape_cell("") == ""
    assert escape_cell(None) is None
