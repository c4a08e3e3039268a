"""Finding (Medium): Back then Save in Chromium added the same expenditure line twice. Now the second
save shows the line saved the first time, with a clear "already saved" message, and adds nothing."""

import pytest

from finance.models import ExpenditureLine
from tests.finance.factories import ExpenditureCategoryFactory, FinanceYearFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_back_then_save_adds_the_line_once(business_support, board, sign_in, live_server):
    FinanceYearFactory(board=board, start_year=2016)
    ExpenditureCategoryFactory(board=board, name="Professional Fees", order=1)
    page = sign_in(business_support)
    page.goto(f"{live_server.url}/finance/2016/expenditure/add/")
    page.get_by_label("Category").select_option(label="Professional Fees")
    page.get_by_label("Amount").fill("2487.40")
    page.get_by_label("Description").fill("Independent chair")
    page.get_by_role("button", name="Save").click()
    assert "The expenditure line for 2016/17 was added." in page.get_by_role("status").inner_text()

    page.go_back()
    page.wait_for_load_state()
    assert page.get_by_label("Amount").input_value() == "2487.40"  # the browser kept what was typed
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "already saved" in page.get_by_role("status").inner_text()
    assert page.url == f"{live_server.url}/finance/2016/"
    assert ExpenditureLine.objects.filter(description="Independent chair").count() == 1
