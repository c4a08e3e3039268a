"""Training charges reach the finance statement through an explicit business-support action,
never as a side effect of assembling the report."""

from decimal import Decimal

from django.urls import reverse

from finance.models import IncomeLine
from reports.annual import services
from reports.annual.assembly import build_report
from tests.finance.factories import IncomeLineFactory

URL = reverse("annual:training-income", args=[2016])


def _income(board):
    return sorted(
        (line.kind, line.partner.name if line.partner else "", line.amount)
        for line in IncomeLine.objects.filter(finance_year__board=board, finance_year__start_year=2016)
    )


def test_the_action_replaces_training_income_with_the_charges_per_agency(full_board, year, business_support):
    IncomeLineFactory(finance_year__board=full_board, kind=IncomeLine.Kind.OTHER, amount=Decimal("75"))
    assert _income(full_board) == [("other", "", Decimal("75.00")), ("training", "", Decimal("200.00"))]

    lines = services.training_income_take_into_finance(board=full_board, year=year, by=business_support)

    # Agency A had one did-not-attend at £30; Agency B nothing to pay; other income is untouched.
    assert [(line.partner.name, line.amount) for line in lines] == [("Agency A Trust", Decimal("30.00"))]
    assert _income(full_board) == [("other", "", Decimal("75.00")), ("training", "Agency A Trust", Decimal("30.00"))]
    report = build_report(board=full_board, year=year)
    finance = next(section for section in report.all_sections if section.key == "finance").data
    assert finance.statement.training_income[-1] == Decimal("30.00")
    assert not finance.training_income_differs


def test_assembling_the_report_never_changes_finance(full_board, year):
    before = _income(full_board)
    build_report(board=full_board, year=year)
    assert _income(full_board) == before == [("training", "", Decimal("200.00"))]


def test_the_confirmation_page_shows_the_charges_and_what_finance_holds(as_user, business_support, full_board):
    response = as_user(business_support).get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Training charges, 2016/17: £30" in content
    assert "Agency A Trust" in content
    assert "Total training income recorded: £200." in content


def test_posting_without_confirming_changes_nothing(as_user, business_support, full_board):
    response = as_user(business_support).post(URL, {})
    assert response.status_code == 400
    assert _income(full_board) == [("training", "", Decimal("200.00"))]


def test_confirming_replaces_the_income_and_returns_to_the_readiness_check(as_user, business_support, full_board):
    client = as_user(business_support)
    response = client.post(URL, {"confirm": "on"}, follow=True)
    assert response.redirect_chain == [(reverse("annual:readiness", args=[2016]), 302)]
    assert "The 2016/17 training income in finance is now the training charges: £30." in response.content.decode()
    assert _income(full_board) == [("training", "Agency A Trust", Decimal("30.00"))]
    assert "Training income in the finance statement" not in response.content.decode()


def test_board_members_and_partner_leads_cannot_take_charges_into_finance(as_user, board_member, lead_a, full_board):
    for user in (board_member, lead_a):
        assert as_user(user).post(URL, {"confirm": "on"}).status_code == 403
    assert _income(full_board) == [("training", "", Decimal("200.00"))]
