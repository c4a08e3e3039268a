"""Training income enters finance as income lines, from plain (agency, amount) pairs."""

from decimal import Decimal

from finance import services
from finance.models import IncomeLine
from finance.reporting import finance_statement
from tests.finance.factories import IncomeLineFactory
from wscb.periods import ReportingYear


def test_recording_training_charges_replaces_the_years_training_income_and_nothing_else(
    board, year_2016, agency_a, agency_b
):
    IncomeLineFactory(finance_year=year_2016, kind="other", amount=Decimal("500"))
    services.training_income_replace(finance_year=year_2016, charges=[(agency_a, Decimal("99"))])
    lines = services.training_income_replace(
        finance_year=year_2016,
        charges=[(agency_a, Decimal("120.00")), (agency_b, Decimal("60.00")), (agency_a, 30), (None, Decimal("5"))],
    )
    assert [(line.partner, line.amount) for line in lines] == [
        (None, Decimal("5.00")),
        (agency_a, Decimal("150.00")),
        (agency_b, Decimal("60.00")),
    ]
    assert IncomeLine.objects.filter(kind="training").count() == 3
    statement = finance_statement(board=board, years=[ReportingYear(2016)])
    assert statement.training_income == (Decimal("215.00"),)
    assert statement.other_income == (Decimal("500.00"),)
    assert statement.total_income == (Decimal("715.00"),)


def test_business_support_enters_training_income_by_hand(as_user, business_support, year_2016, agency_a):
    response = as_user(business_support).post(
        "/finance/2016/income/add/",
        {"kind": "training", "partner": agency_a.pk, "description": "Course charges", "amount": "117596"},
    )
    assert response.status_code == 302
    assert IncomeLine.objects.get().amount == Decimal("117596.00")
