"""Two people editing the same line: the second save is refused and shows the current value."""

from decimal import Decimal

import pytest

from finance import services
from finance.models import Contribution, ExpenditureLine
from tests.finance.factories import ContributionFactory
from tests.partners.factories import UserFactory


@pytest.fixture
def colleague(board):
    return UserFactory(
        email="colleague@example.org", full_name="Cal Colleague", role="business_support", boards=[board]
    )


def form_data(line, **changes):
    data = {
        "category": line.category_id,
        "kind": line.kind,
        "amount": str(line.amount),
        "description": line.description,
        "spent_on": "",
        "supplier_reference": line.supplier_reference,
        "version": line.version,
    }
    data.update(changes)
    return data


def test_the_second_save_is_refused_with_the_current_value_and_nothing_is_overwritten(
    fees_line, business_support, colleague, as_user
):
    url = f"/finance/expenditure/{fees_line.pk}/edit/"
    first, second = as_user(business_support), as_user(colleague)
    # Both open the form at version 1.
    assert 'name="version" value="1"' in first.get(url).content.decode()
    assert 'name="version" value="1"' in second.get(url).content.decode()

    saved = first.post(url, form_data(fees_line, amount="300.00"))
    assert saved.status_code == 302

    refused = second.post(url, form_data(fees_line, amount="999.00", description="Colleague's change"))
    page = refused.content.decode()
    assert refused.status_code == 409
    assert "changed by Sam Support" in page
    assert "Amount: £300.00" in page
    assert "your changes have not been saved" in page
    assert 'value="999.00"' in page  # the colleague's typing is kept to reapply
    assert 'name="version" value="2"' in page

    line = ExpenditureLine.objects.get(pk=fees_line.pk)
    assert (line.amount, line.description, line.version) == (Decimal("300.00"), "Audit", 2)
    assert line.updated_by == business_support


def test_saving_again_after_seeing_the_conflict_replaces_the_value(fees_line, business_support, colleague, as_user):
    url = f"/finance/expenditure/{fees_line.pk}/edit/"
    as_user(business_support).post(url, form_data(fees_line, amount="300.00"))
    second = as_user(colleague)
    second.post(url, form_data(fees_line, amount="999.00"))
    again = second.post(url, form_data(fees_line, amount="999.00", version=2))
    assert again.status_code == 302
    assert ExpenditureLine.objects.get(pk=fees_line.pk).amount == Decimal("999.00")


def test_the_service_refuses_a_stale_version(fees_line, business_support):
    services.expenditure_line_update(line=fees_line, version=1, by=business_support, amount=Decimal("1.00"))
    stale = ExpenditureLine.objects.get(pk=fees_line.pk)
    with pytest.raises(services.EditConflict) as conflict:
        services.expenditure_line_update(line=stale, version=1, by=business_support, amount=Decimal("2.00"))
    assert conflict.value.current.amount == Decimal("1.00")
    assert ExpenditureLine.objects.get(pk=fees_line.pk).version == 2


def test_contribution_edits_are_guarded_the_same_way(year_2016, agency_a, business_support, colleague, as_user):
    contribution = ContributionFactory(finance_year=year_2016, partner=agency_a, amount_agreed=Decimal("5000.00"))
    url = f"/finance/contributions/{contribution.pk}/edit/"
    data = {
        "partner": agency_a.pk,
        "amount_agreed": "5000.00",
        "amount_invoiced": "5000.00",
        "amount_received": "0",
        "invoice_reference": "INV-1",
        "invoiced_on": "01/05/2016",
        "received_on": "",
        "version": 1,
    }
    assert as_user(business_support).post(url, data).status_code == 302
    refused = as_user(colleague).post(url, {**data, "amount_received": "5000.00", "received_on": "02/06/2016"})
    assert refused.status_code == 409
    assert "Amount invoiced: £5,000.00" in refused.content.decode()
    assert Contribution.objects.get(pk=contribution.pk).amount_received == Decimal("0.00")
