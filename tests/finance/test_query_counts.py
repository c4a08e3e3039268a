"""The statement and the finance pages run a fixed number of queries whatever the data size."""

from decimal import Decimal

import pytest

from finance.models import Contribution, ExpenditureLine, FinanceYear
from finance.reporting import finance_statement
from tests.finance.factories import ExpenditureCategoryFactory
from tests.partners.factories import PartnerFactory
from tests.query_budgets import YEARS_FIRST_TIME
from wscb.periods import ReportingYear


def populate(board, *, years, lines_per_year, partners):
    categories = [ExpenditureCategoryFactory(board=board, name=f"Category {n}") for n in range(6)]
    agencies = [PartnerFactory() for _ in range(partners)]
    for start in years:
        finance_year = FinanceYear.objects.create(board=board, start_year=start, opening_reserves=Decimal("10"))
        ExpenditureLine.objects.bulk_create(
            ExpenditureLine(finance_year=finance_year, category=categories[n % 6], amount=Decimal("1.50"))
            for n in range(lines_per_year)
        )
        Contribution.objects.bulk_create(
            Contribution(finance_year=finance_year, partner=agency, amount_agreed=Decimal("100")) for agency in agencies
        )


@pytest.mark.parametrize(("years", "lines", "partners"), [((2016,), 3, 2), (range(2010, 2017), 300, 25)])
def test_the_statement_runs_one_query_at_any_size(board, django_assert_num_queries, years, lines, partners):
    populate(board, years=years, lines_per_year=lines, partners=partners)
    with django_assert_num_queries(1):
        statement = finance_statement(
            board=board, years=[ReportingYear(2014), ReportingYear(2015), ReportingYear(2016)]
        )
    assert statement.total_expenditure[-1] == Decimal("1.50") * lines


@pytest.mark.parametrize(("years", "lines", "partners"), [((2016,), 3, 2), ((2015, 2016), 200, 25)])
def test_the_year_page_and_contribution_status_stay_bounded(
    board, business_support, as_user, django_assert_max_num_queries, years, lines, partners
):
    populate(board, years=years, lines_per_year=lines, partners=partners)
    client = as_user(business_support)
    with django_assert_max_num_queries(20):
        assert client.get("/finance/2016/").status_code == 200
    with django_assert_max_num_queries(14 + YEARS_FIRST_TIME):  # its year chooser: the board's years, kept
        assert client.get("/finance/contributions/?year=2016").status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get("/finance/?end=2016&count=3").status_code == 200
