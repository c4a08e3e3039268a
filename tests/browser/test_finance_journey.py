"""Business support records a contribution received and an expenditure line, and the statement changes."""

from decimal import Decimal

import pytest

from tests.finance.factories import ContributionFactory, ExpenditureCategoryFactory, FinanceYearFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def figure(page, name, index=0):
    return page.locator(f'td[data-figure="{name}"]').nth(index).inner_text()


def test_business_support_records_money_in_and_out_and_sees_the_statement_change(
    business_support, board, agency_a, agency_b, sign_in, live_server
):
    year = FinanceYearFactory(board=board, start_year=2016, opening_reserves=Decimal("10000.00"))
    ExpenditureCategoryFactory(board=board, name="Professional Fees", order=1)
    ContributionFactory(finance_year=year, partner=agency_a, amount_agreed=Decimal("5994.00"))
    page = sign_in(business_support)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Finance").click()
    page.get_by_label("Number of years").select_option("1")
    page.get_by_role("button", name="Show").click()
    assert figure(page, "total_income") == "5,994"
    assert figure(page, "total_expenditure") == "0"
    assert figure(page, "closing_reserves") == "15,994"

    # A contribution agreed, invoiced and received.
    page.goto(f"{live_server.url}/finance/2016/")
    page.get_by_role("link", name="Add a contribution").click()
    page.get_by_label("Partner agency").select_option(label="Agency B Police")
    page.get_by_label("Amount agreed").fill("14500")
    page.get_by_label("Amount invoiced").fill("14500")
    page.get_by_label("Amount received").fill("14500")
    page.get_by_label("Invoice reference").fill("INV-2016-031")
    page.get_by_label("Invoiced on").fill("01/05/2016")
    page.get_by_label("Received on").fill("15/06/2016")
    page.get_by_role("button", name="Save").click()
    assert "The contribution for 2016/17 was added." in page.get_by_role("status").inner_text()

    # An expenditure line.
    page.get_by_role("link", name="Add an expenditure line").click()
    page.get_by_label("Category").select_option(label="Professional Fees")
    page.get_by_label("Amount").fill("2487.40")
    page.get_by_label("Description").fill("Independent chair")
    page.get_by_label("Date").fill("31/03/2017")
    page.get_by_role("button", name="Save").click()
    assert "The expenditure line for 2016/17 was added." in page.get_by_role("status").inner_text()
    assert page.get_by_role("cell", name="£2,487.40").is_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Finance").click()
    page.get_by_label("Number of years").select_option("1")
    page.get_by_role("button", name="Show").click()
    assert figure(page, "total_income") == "20,494"
    assert figure(page, "total_expenditure") == "2,487"
    assert figure(page, "transfer_to_reserves") == "18,007"
    assert figure(page, "closing_reserves") == "28,007"  # 10,000 + 20,494 - 2,487.40 = 28,006.60

    page.goto(f"{live_server.url}/finance/contributions/?year=2016")
    row = page.get_by_role("row").filter(has_text="Agency B Police")
    assert "Received" in row.inner_text()
