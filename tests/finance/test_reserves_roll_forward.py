"""Editing one expenditure line moves the year's totals, its transfer and every later year's reserves."""

from decimal import Decimal

from finance import services
from finance.reporting import finance_statement
from tests.finance.factories import ContributionFactory, ExpenditureLineFactory, FinanceYearFactory
from wscb.periods import ReportingYear

YEARS = (ReportingYear(2014), ReportingYear(2015), ReportingYear(2016))


def build(board, fees, agency_a):
    years = [
        FinanceYearFactory(board=board, start_year=2014, opening_reserves=Decimal("100000.00")),
        FinanceYearFactory(board=board, start_year=2015),
        FinanceYearFactory(board=board, start_year=2016),
    ]
    lines = [ExpenditureLineFactory(finance_year=year, category=fees, amount=Decimal("20000.00")) for year in years]
    for year in years:
        ContributionFactory(finance_year=year, partner=agency_a, amount_agreed=Decimal("30000.00"))
    return lines


def test_editing_the_first_years_line_changes_its_totals_and_every_later_reserves_position(
    board, fees, agency_a, business_support
):
    lines = build(board, fees, agency_a)
    before = finance_statement(board=board, years=YEARS)
    assert before.total_expenditure == (Decimal("20000.00"),) * 3
    assert before.transfer_to_reserves == (Decimal("10000.00"),) * 3
    assert before.closing_reserves == (Decimal("110000.00"), Decimal("120000.00"), Decimal("130000.00"))

    services.expenditure_line_update(line=lines[0], version=1, by=business_support, amount=Decimal("25000.50"))

    after = finance_statement(board=board, years=YEARS)
    assert after.total_expenditure == (Decimal("25000.50"), Decimal("20000.00"), Decimal("20000.00"))
    assert after.transfer_to_reserves == (Decimal("4999.50"), Decimal("10000.00"), Decimal("10000.00"))
    assert after.opening_reserves == (Decimal("100000.00"), Decimal("104999.50"), Decimal("114999.50"))
    assert after.closing_reserves == (Decimal("104999.50"), Decimal("114999.50"), Decimal("124999.50"))


def test_a_later_year_shown_alone_still_carries_the_reserves_of_the_years_before_it(board, fees, agency_a):
    build(board, fees, agency_a)
    alone = finance_statement(board=board, years=[ReportingYear(2016)])
    assert alone.opening_reserves == (Decimal("120000.00"),)
    assert alone.closing_reserves == (Decimal("130000.00"),)


def test_years_before_the_first_year_held_have_no_reserves_position(board, fees, agency_a):
    build(board, fees, agency_a)
    statement = finance_statement(board=board, years=[ReportingYear(2013), ReportingYear(2014)])
    assert statement.opening_reserves == (None, Decimal("100000.00"))
    assert statement.closing_reserves == (None, Decimal("110000.00"))


def test_budget_lines_do_not_count_as_spending(board, fees, agency_a):
    lines = build(board, fees, agency_a)
    ExpenditureLineFactory(finance_year=lines[2].finance_year, category=fees, kind="budget", amount=Decimal("99999"))
    statement = finance_statement(board=board, years=YEARS)
    assert statement.total_expenditure[2] == Decimal("20000.00")


def test_the_default_run_is_the_current_reporting_year_and_the_two_before(board, fees, agency_a):
    build(board, fees, agency_a)
    current = ReportingYear.current()
    statement = finance_statement(board=board)
    assert statement.years == (ReportingYear(current.start_year - 2), current.previous, current)
