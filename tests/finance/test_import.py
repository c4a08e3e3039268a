"""Imports of expenditure and contribution lines: all or nothing, with every row's error listed."""

from decimal import Decimal
from io import BytesIO

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance.models import Contribution, ExpenditureLine
from tests.finance.factories import ContributionFactory

EXPENDITURE_HEADERS = ["Year", "Category", "Actual or budget", "Amount", "Description", "Date", "Supplier reference"]
CONTRIBUTION_HEADERS = ["Year", "Partner", "Agreed", "Invoiced", "Received", "Invoiced on", "Received on"]


def csv_upload(headers, rows, name="lines.csv"):
    dataset = tablib.Dataset(*rows, headers=headers)
    return SimpleUploadedFile(name, dataset.export("csv").encode("utf-8-sig"), content_type="text/csv")


def xlsx_upload(headers, rows, name="lines.xlsx"):
    dataset = tablib.Dataset(*rows, headers=headers)
    return SimpleUploadedFile(name, dataset.export("xlsx"), content_type="application/octet-stream")


@pytest.fixture
def support(as_user, business_support):
    return as_user(business_support)


def imported(client, dataset, upload):
    """Upload (a preview that writes nothing), then confirm: the import pages' two steps."""
    preview = client.post(f"/finance/import/{dataset}/", {"file": upload})
    assert preview.status_code == 200, preview.content.decode()[:3000]
    return client.post(reverse("imports:confirm", args=[dataset]), {"token": preview.context["token"]})


def test_a_good_expenditure_file_imports_every_line(support, year_2016, fees, salaries):
    upload = csv_upload(
        EXPENDITURE_HEADERS,
        [
            ("2016/17", "Professional Fees", "Actual", "1,234.50", "Audit", "31/03/2017", "SUP-1"),
            ("2016/17", "salaries and expenses", "Budget", "£90000", "", "", ""),
        ],
    )
    before = ExpenditureLine.objects.count()
    response = imported(support, "expenditure", upload)
    assert response.status_code == 302 and before == 0
    lines = ExpenditureLine.objects.order_by("amount")
    assert [(line.category.name, line.kind, line.amount) for line in lines] == [
        ("Professional Fees", "actual", Decimal("1234.50")),
        ("Salaries and Expenses", "budget", Decimal("90000.00")),
    ]
    assert lines[0].spent_on.isoformat() == "2017-03-31"


def test_a_file_with_a_bad_amount_an_unknown_partner_and_a_missing_year_imports_nothing(support, year_2016, agency_a):
    upload = csv_upload(
        CONTRIBUTION_HEADERS,
        [
            ("2016/17", "Agency A Trust", "5000", "5000", "5000", "01/05/2016", "01/06/2016"),  # good
            ("2016/17", "Agency A Trust", "five thousand", "", "", "", ""),  # not a number
            ("2016/17", "No Such Agency", "100", "", "", "", ""),  # unknown partner
            ("2019/20", "Agency A", "100", "", "", "", ""),  # a year the board does not hold
        ],
    )
    response = support.post("/finance/import/contributions/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert Contribution.objects.count() == 0
    assert "Nothing was imported" in page
    assert "4 problems found" in page  # row 3 is also a second row for Agency A's year: both are listed
    assert sorted((error.row, error.column) for error in response.context["outcome"].errors) == [
        (3, "Agreed"),
        (3, "Partner"),
        (4, "Partner"),
        (5, "Year"),
    ], "rows as the spreadsheet numbers them (the headings are row 1), named by their headings"
    assert "“five thousand” is not an amount in pounds" in page
    assert "“No Such Agency” is not an agency of WSCB. Its agencies are: Agency A." in page
    assert "The financial year 2019/20 does not exist" in page


def test_a_bad_row_in_an_xlsx_file_rolls_back_the_good_ones(support, year_2016, fees):
    upload = xlsx_upload(
        EXPENDITURE_HEADERS,
        [("2016/17", "Professional Fees", "Actual", 10, "", "", "")] * 3
        + [("2016/17", "Printing", "Actual", 10, "", "", "")],
    )
    response = support.post("/finance/import/expenditure/", {"file": upload})
    assert ExpenditureLine.objects.count() == 0
    assert "“Printing” is not an expenditure category" in response.content.decode()


def test_a_contribution_row_for_an_existing_partner_and_year_updates_it(support, year_2016, agency_a):
    existing = ContributionFactory(finance_year=year_2016, partner=agency_a, amount_agreed=Decimal("5000"))
    upload = csv_upload(CONTRIBUTION_HEADERS, [("2016/17", "Agency A", "5000", "5000", "2500", "", "01/06/2016")])
    assert imported(support, "contributions", upload).status_code == 302
    existing.refresh_from_db()
    assert (existing.amount_received, existing.version, Contribution.objects.count()) == (Decimal("2500.00"), 2, 1)


def test_a_file_missing_a_required_column_is_refused_before_any_row(support, year_2016):
    upload = csv_upload(["Year", "Partner"], [("2016/17", "Agency A")])
    response = support.post("/finance/import/contributions/", {"file": upload})
    assert "missing column: Agreed" in response.content.decode()


def test_a_file_that_is_not_csv_or_excel_is_refused(support, year_2016):
    upload = SimpleUploadedFile("lines.pdf", b"%PDF-1.4")
    response = support.post("/finance/import/expenditure/", {"file": upload})
    assert "Upload a CSV file (.csv) or an Excel workbook (.xlsx)." in response.content.decode()


def test_a_windows_1252_csv_from_excel_is_read_correctly(support, year_2016, fees):
    dataset = tablib.Dataset(
        ("2016/17", "Professional Fees", "Actual", "12.00", "Caf\u00e9 £ lunch", "", ""), headers=EXPENDITURE_HEADERS
    )
    upload = SimpleUploadedFile("lines.csv", dataset.export("csv").encode("cp1252"))
    response = imported(support, "expenditure", upload)
    assert response.status_code == 302
    assert ExpenditureLine.objects.get().description == "Caf\u00e9 £ lunch"


def test_the_import_page_lists_the_columns(support, year_2016):
    page = support.get("/finance/import/contributions/").content.decode()
    assert ">Invoice reference<" in page


def test_an_unknown_import_is_not_found(support):
    assert support.get("/finance/import/salaries/").status_code == 404


def test_a_board_member_cannot_import(as_user, board_member, year_2016, fees):
    upload = csv_upload(EXPENDITURE_HEADERS, [("2016/17", "Professional Fees", "Actual", "1", "", "", "")])
    assert as_user(board_member).post("/finance/import/expenditure/", {"file": upload}).status_code == 403
    assert ExpenditureLine.objects.count() == 0


def test_the_uploaded_bytes_round_trip_through_the_export(support, year_2016, fees):
    upload = csv_upload(EXPENDITURE_HEADERS, [("2016/17", "Professional Fees", "Actual", "12.34", "x", "", "")])
    imported(support, "expenditure", upload)
    exported = support.get("/finance/export/expenditure/?format=xlsx&year=2016")
    dataset = tablib.Dataset().load(BytesIO(exported.content).read(), format="xlsx")
    assert dataset.headers == EXPENDITURE_HEADERS
    assert dataset[0][:4] == ("2016/17", "Professional Fees", "Actual", 12.34)


def test_a_file_with_a_header_and_no_rows_imports_nothing_and_says_so(support, year_2016):
    upload = csv_upload(EXPENDITURE_HEADERS, [])
    response = support.post("/finance/import/expenditure/", {"file": upload})
    assert "The file has headings but no rows to import." in response.content.decode()


class TestTheSizeLimitIsTheSharedSetting:
    """Finance has no limit of its own: ``IMPORT_MAX_UPLOAD_BYTES`` decides, as for every import."""

    def good_file(self):
        return csv_upload(EXPENDITURE_HEADERS, [("2016/17", "Professional Fees", "Actual", "12.00", "", "", "")])

    def test_lowering_the_setting_refuses_a_file_finance_would_otherwise_take(self, support, year_2016, fees, settings):
        upload = self.good_file()
        settings.IMPORT_MAX_UPLOAD_BYTES = upload.size - 1
        response = support.post("/finance/import/expenditure/", {"file": upload})
        assert response.status_code == 400
        assert "largest" in response.content.decode()
        assert ExpenditureLine.objects.count() == 0

    def test_raising_the_setting_lets_finance_read_a_file_over_five_megabytes(self, board, settings):
        from finance.forms import ImportForm
        from finance.resources import read_dataset

        rows = [("2016/17", "Professional Fees", "Actual", "1.00", "x" * 99_000, "", f"S{n}") for n in range(60)]
        size = len(csv_upload(EXPENDITURE_HEADERS, rows).read())
        assert 5 * 1024 * 1024 < size < 8 * 1024 * 1024
        with pytest.raises(ValueError, match="largest"):
            read_dataset(csv_upload(EXPENDITURE_HEADERS, rows), "expenditure", board)
        settings.IMPORT_MAX_UPLOAD_BYTES = 8 * 1024 * 1024
        form = ImportForm(data={}, files={"file": csv_upload(EXPENDITURE_HEADERS, rows)})
        assert form.is_valid(), form.errors
        assert len(read_dataset(form.cleaned_data["file"], "expenditure", board)) == 60
