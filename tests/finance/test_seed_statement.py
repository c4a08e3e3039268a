"""The demo data reproduces the seed's section 9 table, and shows where the seed disagrees with itself."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from finance.models import Contribution, ExpenditureLine, IncomeLine, StatedFigure
from finance.reporting import finance_statement
from wscb.periods import ReportingYear

YEARS = (ReportingYear(2014), ReportingYear(2015), ReportingYear(2016))

# Typed from shared/seed/wscb-annual-report-2016-17.txt, lines 2120-2195.
SEED_EXPENDITURE = {
    "Salaries and Expenses": ("208422", "147749", "188149"),
    "Professional Fees": ("25266", "32785", "22487"),
    "Equipment and Supplies": ("20990", "12174", "3747"),
    "Conferences and Meetings": ("9641", "21574", "26183"),
    "Marketing and Publicity": ("2000", "9115", "1485"),
    "External Training": ("0", "0", "7974"),
}
SEED_CONTRIBUTIONS = {
    "Wigan Council": ("96956", "75206", "59206"),
    "Wigan Borough Clinical Commissioning Group": ("54000", "54000", "54000"),
    "Bridgewater Community Healthcare NHS Foundation Trust": ("5994", "5994", "5994"),
    "North West Boroughs Healthcare NHS Foundation Trust": ("5994", "5994", "5994"),  # "5BP"
    "Wrightington, Wigan and Leigh NHS Foundation Trust": ("5994", "5994", "5994"),  # "WWL"
    "Greater Manchester Police": ("14400", "14400", "14500"),
    "National Probation Service": ("1800", "1800", "1800"),
    "Cheshire and Greater Manchester Community Rehabilitation Company": ("1800", "1800", "1800"),
    "Wigan and Leigh Homes": ("3600", "3600", "3600"),
    "CAFCASS": ("540", "540", "540"),
}
SEED_TRAINING_INCOME = ("114310", "92470", "117596")


def amounts(*values):
    return tuple(Decimal(value) for value in values)


@pytest.fixture
def statement(seed_board):
    return finance_statement(board=seed_board, years=YEARS)


def test_every_expenditure_line_matches_the_seed(statement):
    assert {row.label: row.amounts for row in statement.expenditure} == {
        label: amounts(*values) for label, values in SEED_EXPENDITURE.items()
    }
    assert [row.label for row in statement.expenditure] == list(SEED_EXPENDITURE)


def test_every_contribution_and_the_training_income_match_the_seed(statement):
    assert {row.label: row.amounts for row in statement.contributions} == {
        label: amounts(*values) for label, values in SEED_CONTRIBUTIONS.items()
    }
    assert statement.training_income == amounts(*SEED_TRAINING_INCOME)
    assert statement.other_income == amounts("0", "0", "0")


def test_the_computed_totals_are_the_seeds_where_its_arithmetic_holds(statement):
    assert statement.total_expenditure == amounts("266319", "223397", "250025")
    assert statement.total_income == amounts("305388", "261798", "271024")
    assert statement.opening_reserves == amounts("101054", "140123", "178524")
    # 2016/17: 271,024 - 250,025 = 20,999 (the seed prints 21,000) and 178,524 + 20,999 = 199,523.
    assert statement.transfer_to_reserves == amounts("39069", "38401", "20999")
    assert statement.closing_reserves == amounts("140123", "178524", "199523")


def test_the_statement_reports_exactly_the_seeds_two_disagreements_with_itself(statement):
    differences = {(item.year.label, item.figure): item.difference for item in statement.differences}
    assert differences == {
        ("2016/17", StatedFigure.Figure.TRANSFER_TO_RESERVES): Decimal("1"),  # stated 21,000, computed 20,999
        ("2016/17", StatedFigure.Figure.CLOSING_RESERVES): Decimal("-399"),  # stated 199,124, computed 199,523
    }
    # Every other published total was loaded as stated too, and agrees.
    assert len(statement.reconciliations) == 14
    assert sum(item.agrees for item in statement.reconciliations) == 12


def test_the_statement_page_shows_the_seed_figures_in_whole_pounds(seed_board, as_user, business_support):
    business_support.boards.add(seed_board)
    response = as_user(business_support).get("/finance/?end=2016&count=3")
    page = response.content.decode()
    assert response.status_code == 200
    for figure in ("208,422", "266,319", "305,388", "199,523", "199,124", "+1", "\u2212399", "101,054"):
        assert figure in page, figure


def test_loading_the_demo_twice_changes_nothing(seed_board):
    counts = (ExpenditureLine.objects.count(), Contribution.objects.count(), IncomeLine.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (ExpenditureLine.objects.count(), Contribution.objects.count(), IncomeLine.objects.count()) == counts
    assert counts == (16, 30, 3)


def test_an_unrelated_query_parameter_is_not_reported_as_a_form_error(seed_board, as_user, board_member):
    board_member.boards.add(seed_board)
    page = as_user(board_member).get("/finance/", {"year": "2016/17"}).content.decode()
    assert "There is a problem" not in page
