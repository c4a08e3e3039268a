"""Financial years and expenditure categories come in through the Imports pages (preview, then confirm),
so the expenditure and contributions files that name them import next: a year or category the board has
updates it (a category matched ignoring case), another board's are never touched, and every bad row is
named by its spreadsheet row and heading with nothing written."""

from decimal import Decimal

import pytest

from finance.models import ExpenditureCategory, ExpenditureLine, FinanceYear
from partners.models import Board
from tests.conftest import client_for
from tests.import_pages import import_file, import_upload, row_errors
from wscb.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(business_support):
    return client_for(business_support)


@pytest.fixture
def elsewhere(db):
    other = Board.objects.create(name="Elsewhere Safeguarding Partnership", short_name="ESP")
    FinanceYear.objects.create(board=other, start_year=2016, notes="Elsewhere's")
    ExpenditureCategory.objects.create(board=other, name="Staffing", order=7)
    return other


def test_years_are_opened_and_a_held_year_is_updated_on_this_board_only(client, board, elsewhere):
    FinanceYear.objects.create(board=board, start_year=2015)
    import_file(
        client,
        "finance-years",
        [
            ["Year", "Reserves opening balance", "Notes"],
            ["2015/16", "£12,500.50", "First year held"],
            ["2016/17", "", ""],
        ],
    )
    first, second = FinanceYear.objects.filter(board=board).order_by("start_year")
    assert (first.start_year, first.opening_reserves, first.notes) == (2015, Decimal("12500.50"), "First year held")
    assert (second.start_year, second.opening_reserves) == (2016, None)
    assert FinanceYear.objects.get(board=elsewhere).notes == "Elsewhere's"
    event = AuditEvent.objects.filter(action=AuditAction.IMPORTED).latest("pk")
    assert "1 new, 1 updated" in event.detail


def test_bad_year_rows_are_named_and_nothing_is_written(client, board):
    response = import_upload(
        client,
        "finance-years",
        [
            ["Year", "Reserves opening balance", "Notes"],
            ["2016/17", "1000", ""],
            ["2016", "", "A year without its end"],
            ["2017/18", "12,50", ""],
            ["2016/17", "", "Again"],
        ],
    )
    assert response.status_code == 400
    errors = {(row, heading) for row, heading, _ in row_errors(response)}
    assert (3, "Year") in errors
    assert (4, "Reserves opening balance") in errors
    assert any(row == 5 and "Year" in heading for row, heading in errors)  # the same year as row 2
    assert not any(row == 2 for row, _ in errors)
    assert not FinanceYear.objects.filter(board=board).exists()


def test_categories_are_added_and_a_known_name_updates_its_category(client, board, elsewhere):
    ExpenditureCategory.objects.create(board=board, name="Professional Fees", order=2)
    import_file(
        client,
        "expenditure-categories",
        [["Name", "Order", "In use"], ["professional fees", "", "No"], ["Staffing", "1", ""]],
    )
    fees, staffing = (
        ExpenditureCategory.objects.get(board=board, name="Professional Fees"),
        ExpenditureCategory.objects.get(board=board, name="Staffing"),
    )
    assert (fees.order, fees.is_active) == (2, False)  # a blank order keeps its place; the name as the board has it
    assert (staffing.order, staffing.is_active) == (1, True)
    assert ExpenditureCategory.objects.get(board=elsewhere).order == 7


def test_bad_category_rows_are_named_and_nothing_is_written(client, board):
    response = import_upload(
        client,
        "expenditure-categories",
        [["Name", "Order", "In use"], ["Staffing", "1", "Yes"], ["", "2", "Yes"], ["Venue hire", "first", "Maybe"]],
    )
    assert response.status_code == 400
    errors = {(row, heading) for row, heading, _ in row_errors(response)}
    assert {(3, "Name"), (4, "Order"), (4, "In use")} <= errors
    assert not any(row == 2 for row, _ in errors)
    assert not ExpenditureCategory.objects.filter(board=board).exists()


def test_the_expenditure_file_imports_once_the_year_and_category_are_imported(client, board):
    for kind, rows in (
        ("finance-years", [["Year"], ["2016/17"]]),
        ("expenditure-categories", [["Name"], ["Staffing"]]),
    ):
        done = client.get(import_file(client, kind, rows).url)
        assert done.status_code == 200  # the list the import ends on, in the back office
    import_file(client, "expenditure", [["Year", "Category", "Amount"], ["2016/17", "Staffing", "1,250.00"]])
    (line,) = ExpenditureLine.objects.filter(finance_year__board=board)
    assert (line.finance_year.start_year, line.category.name, line.amount) == (2016, "Staffing", Decimal("1250.00"))
