"""Budget against actual, and money rounded only when shown."""

from decimal import Decimal

import pytest

from finance.reporting import budget_against_actual, finance_statement
from finance.templatetags.money import pounds, pounds_and_pence, signed_pounds
from tests.finance.factories import ExpenditureLineFactory
from wscb.periods import ReportingYear


def test_variance_is_budget_minus_actual_per_category_and_in_total(board, year_2016, fees, salaries):
    ExpenditureLineFactory(finance_year=year_2016, category=fees, kind="budget", amount=Decimal("25000"))
    ExpenditureLineFactory(finance_year=year_2016, category=fees, kind="actual", amount=Decimal("22487"))
    ExpenditureLineFactory(finance_year=year_2016, category=salaries, kind="budget", amount=Decimal("180000"))
    ExpenditureLineFactory(finance_year=year_2016, category=salaries, kind="actual", amount=Decimal("188149"))
    result = budget_against_actual(board=board, year=ReportingYear(2016))
    assert [(row.category, row.variance) for row in result.rows] == [
        ("Salaries and Expenses", Decimal("-8149.00")),
        ("Professional Fees", Decimal("2513.00")),
    ]
    assert result.total.variance == Decimal("-5636.00")


def test_pence_are_added_exactly_and_rounded_only_for_display(board, year_2016, fees):
    for _ in range(3):
        ExpenditureLineFactory(finance_year=year_2016, category=fees, amount=Decimal("0.40"))
    statement = finance_statement(board=board, years=[ReportingYear(2016)])
    assert statement.total_expenditure == (Decimal("1.20"),)
    assert pounds(statement.total_expenditure[0]) == "1"  # rounding each line first would show 0


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("208422"), "208,422"),
        (Decimal("1234567.49"), "1,234,567"),
        (Decimal("0.50"), "1"),
        (Decimal("2.5"), "3"),  # half a pound rounds up, not to even
        (Decimal("-1234.50"), "\u22121,235"),
        (None, "\u2013"),
    ],
)
def test_whole_pounds_have_thousands_separators(amount, shown):
    assert pounds(amount) == shown


def test_single_lines_show_pence_and_differences_show_their_sign():
    assert pounds_and_pence(Decimal("1234.5")) == "£1,234.50"
    assert signed_pounds(Decimal("1")) == "+1"
    assert signed_pounds(Decimal("-399")) == "\u2212399"
    assert signed_pounds(Decimal("0")) == "0"


def test_a_year_without_a_budget_says_so_instead_of_showing_overspends(as_user, board_member, year_2016, fees):
    ExpenditureLineFactory(finance_year=year_2016, category=fees, kind="actual", amount=Decimal("22487"))
    page = as_user(board_member).get("/finance/2016/").content.decode()
    assert "No budget has been entered for 2016/17." in page
    assert "\u221222,487" not in page
