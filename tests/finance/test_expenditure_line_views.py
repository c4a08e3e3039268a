"""Adding, editing and deleting expenditure lines through the finance pages."""

from decimal import Decimal

from finance.models import ExpenditureLine
from tests.finance.factories import FinanceYearFactory


def line_data(category, **changes):
    data = {"category": category.pk, "kind": "actual", "amount": "1234.56", "description": "Venue hire"}
    data.update(changes)
    return data


def test_business_support_adds_a_line_and_sees_it_in_the_year(as_user, business_support, year_2016, fees):
    client = as_user(business_support)
    response = client.post("/finance/2016/expenditure/add/", line_data(fees, spent_on="12/10/2016"), follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [("/finance/2016/", 302)]
    assert "The expenditure line for 2016/17 was added." in page
    assert "£1,234.56" in page
    line = ExpenditureLine.objects.get()
    assert (line.amount, line.spent_on.isoformat(), line.updated_by) == (
        Decimal("1234.56"),
        "2016-10-12",
        business_support,
    )


def test_anonymous_visitors_are_sent_to_sign_in(as_user, year_2016):
    response = as_user(None).get("/finance/2016/expenditure/add/")
    assert response.status_code == 302
    assert response.url.startswith("/account/sign-in/")


def test_board_members_and_partner_leads_cannot_add_lines(as_user, board_member, lead_a, year_2016, fees):
    for user in (board_member, lead_a):
        assert as_user(user).post("/finance/2016/expenditure/add/", line_data(fees)).status_code == 403
    assert ExpenditureLine.objects.count() == 0


def test_another_boards_line_is_not_found(as_user, business_support, fees):
    from tests.finance.factories import ExpenditureLineFactory
    from tests.partners.factories import BoardFactory

    other_board = BoardFactory(name="Adults board", short_name="WSAB")
    line = ExpenditureLineFactory(finance_year=FinanceYearFactory(board=other_board, start_year=2016))
    assert as_user(business_support).get(f"/finance/expenditure/{line.pk}/edit/").status_code == 404


def test_a_year_not_held_is_not_found(as_user, business_support):
    assert as_user(business_support).get("/finance/2030/expenditure/add/").status_code == 404


def test_invalid_amounts_are_refused_with_a_message(as_user, business_support, year_2016, fees):
    client = as_user(business_support)
    for amount, message in (  # read by wscb.money.parse_pounds, as the import reads them
        ("ten pounds", "“ten pounds” is not an amount in pounds such as 1234.50"),
        ("-5", "Amount must be 0"),
        ("1.234", "“1.234” has more than two decimal places"),
        ("1e309", "“1e309” is not an amount in pounds"),
        ("NaN", "“NaN” is not an amount in pounds"),
        ("1234567890123", "Amount must have no more than 12 digits"),
    ):
        response = client.post("/finance/2016/expenditure/add/", line_data(fees, amount=amount))
        assert response.status_code == 200
        assert message in response.content.decode(), amount
    assert ExpenditureLine.objects.count() == 0


def test_deleting_asks_first_and_then_deletes_on_post(as_user, business_support, fees_line):
    client = as_user(business_support)
    confirm = client.get(f"/finance/expenditure/{fees_line.pk}/delete/")
    assert "Delete this expenditure line?" in confirm.content.decode()
    assert ExpenditureLine.objects.filter(pk=fees_line.pk).exists()
    response = client.post(f"/finance/expenditure/{fees_line.pk}/delete/")
    assert response.status_code == 302
    assert not ExpenditureLine.objects.filter(pk=fees_line.pk).exists()


def test_wrong_methods_are_refused(as_user, business_support, fees_line):
    client = as_user(business_support)
    assert client.put(f"/finance/expenditure/{fees_line.pk}/edit/").status_code == 405
    assert client.post("/finance/").status_code == 405
    assert client.post("/finance/export/expenditure/?format=csv").status_code == 405


def test_the_year_page_shows_budget_against_actual_with_the_variance(as_user, board_member, year_2016, fees):
    from tests.finance.factories import ExpenditureLineFactory

    ExpenditureLineFactory(finance_year=year_2016, category=fees, kind="budget", amount=Decimal("30000"))
    ExpenditureLineFactory(finance_year=year_2016, category=fees, kind="actual", amount=Decimal("22487"))
    page = as_user(board_member).get("/finance/2016/").content.decode()
    assert "30,000" in page and "22,487" in page and "+7,513" in page
    assert "Add an expenditure line" not in page
