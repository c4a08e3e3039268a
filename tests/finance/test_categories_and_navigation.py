"""Expenditure categories are ordered and editable; the Finance menu item goes where the role may look."""

from decimal import Decimal

from finance.models import ExpenditureCategory
from finance.reporting import finance_statement
from tests.finance.factories import ExpenditureLineFactory
from wscb.periods import ReportingYear


def test_the_statement_lists_categories_in_their_order_and_hides_unused_inactive_ones(board, year_2016, fees, salaries):
    old = ExpenditureCategory.objects.create(board=board, name="Old heading", order=9, is_active=False)
    assert [row.label for row in finance_statement(board=board, years=[ReportingYear(2016)]).expenditure] == [
        "Salaries and Expenses",
        "Professional Fees",
    ]
    fees.order, salaries.order = 1, 2
    fees.save()
    salaries.save()
    ExpenditureLineFactory(finance_year=year_2016, category=old, amount=Decimal("5"))
    assert [row.label for row in finance_statement(board=board, years=[ReportingYear(2016)]).expenditure] == [
        "Professional Fees",
        "Salaries and Expenses",
        "Old heading",
    ]


def test_business_support_reorders_categories_in_the_back_office(as_user, business_support, fees, salaries):
    response = as_user(business_support).post(
        "/admin/finance/expenditurecategory/",
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-0-id": salaries.pk,
            "form-0-order": "5",
            "form-0-is_active": "on",
            "form-1-id": fees.pk,
            "form-1-order": "1",
            "form-1-is_active": "on",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    assert list(ExpenditureCategory.objects.order_by("order").values_list("name", flat=True)) == [
        "Professional Fees",
        "Salaries and Expenses",
    ]


def test_the_finance_menu_item_leads_partner_leads_to_their_contributions(as_user, lead_a, board_member):
    assert 'href="/finance/contributions/">Finance</a>' in as_user(lead_a).get("/").content.decode()
    assert 'href="/finance/">Finance</a>' in as_user(board_member).get("/").content.decode()


def test_the_business_support_work_queue_counts_outstanding_contributions(
    as_user, business_support, year_2016, agency_a, agency_b
):
    from decimal import Decimal

    from tests.finance.factories import ContributionFactory

    ContributionFactory(finance_year=year_2016, partner=agency_a, amount_agreed=Decimal("100"), amount_received=0)
    ContributionFactory(
        finance_year=year_2016, partner=agency_b, amount_agreed=Decimal("100"), amount_received=Decimal("100")
    )
    page = as_user(business_support).get("/").content.decode()
    assert (
        'href="/finance/contributions/?year=2016">1 partner contribution is not yet received in full (2016/17)</a>'
        in page
    )
