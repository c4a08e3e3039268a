"""Finance fixtures: a board's years and categories, and the seed's demo finance."""

from decimal import Decimal

import pytest

from finance import demo as finance_demo
from finance import services
from partners import demo as partner_demo
from tests.finance.factories import ExpenditureCategoryFactory, FinanceYearFactory


@pytest.fixture
def seed_board(db):
    """The demo board with the seed's agencies and section 9 finance loaded through ``load_demo``'s code."""
    board = partner_demo.load(password="demo password for tests")["board"]
    finance_demo.load_for_board(board=board)
    return board


@pytest.fixture
def year_2016(board):
    return FinanceYearFactory(board=board, start_year=2016, opening_reserves=Decimal("1000.00"))


@pytest.fixture
def fees(board):
    return ExpenditureCategoryFactory(board=board, name="Professional Fees", order=2)


@pytest.fixture
def salaries(board):
    return ExpenditureCategoryFactory(board=board, name="Salaries and Expenses", order=1)


@pytest.fixture
def fees_line(year_2016, fees, business_support):
    return services.expenditure_line_create(
        finance_year=year_2016, by=business_support, category=fees, amount=Decimal("250.00"), description="Audit"
    )
