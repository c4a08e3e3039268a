"""Contribution status: readers see every agency, a partner lead only their own (404 for others)."""

from decimal import Decimal

import pytest

from finance import selectors
from finance.reporting import contribution_status
from tests.finance.factories import ContributionFactory


@pytest.fixture
def contributions(year_2016, agency_a, agency_b):
    return (
        ContributionFactory(
            finance_year=year_2016,
            partner=agency_a,
            amount_agreed=Decimal("5994.00"),
            amount_invoiced=Decimal("5994.00"),
            amount_received=Decimal("2000.00"),
        ),
        ContributionFactory(finance_year=year_2016, partner=agency_b, amount_agreed=Decimal("14500.00")),
    )


def test_the_status_adds_up_agreed_invoiced_received_and_outstanding(contributions, board, business_support):
    status = contribution_status(selectors.contribution_list(for_user=business_support, board=board))
    assert [(row.partner, row.status, row.outstanding) for row in status.rows] == [
        ("Agency A Trust", "Part received", Decimal("3994.00")),
        ("Agency B Police", "Agreed", Decimal("14500.00")),
    ]
    assert (status.agreed, status.invoiced, status.received, status.outstanding) == (
        Decimal("20494.00"),
        Decimal("5994.00"),
        Decimal("2000.00"),
        Decimal("18494.00"),
    )


def test_a_partner_lead_sees_only_their_own_agencys_contributions(contributions, as_user, lead_a):
    page = as_user(lead_a).get("/finance/contributions/?year=2016").content.decode()
    assert "Agency A Trust" in page
    assert "Agency B Police" not in page
    assert "Edit" not in page


def test_a_partner_lead_asking_for_another_agencys_contribution_gets_404(contributions, as_user, lead_a):
    assert as_user(lead_a).get(f"/finance/contributions/{contributions[1].pk}/").status_code == 404
    assert as_user(lead_a).get(f"/finance/contributions/{contributions[0].pk}/").status_code == 200


def test_a_board_member_reads_every_contribution_but_cannot_change_one(contributions, as_user, board_member):
    client = as_user(board_member)
    page = client.get("/finance/contributions/?year=2016").content.decode()
    assert "Agency A Trust" in page and "Agency B Police" in page
    assert "18,494" in page
    response = client.post(f"/finance/contributions/{contributions[1].pk}/edit/", {"amount_agreed": "1"})
    assert response.status_code == 403
    contributions[1].refresh_from_db()
    assert contributions[1].amount_agreed == Decimal("14500.00")


def test_business_support_records_a_contribution_received(contributions, as_user, business_support, agency_b):
    contribution = contributions[1]
    response = as_user(business_support).post(
        f"/finance/contributions/{contribution.pk}/edit/",
        {
            "partner": agency_b.pk,
            "amount_agreed": "14500.00",
            "amount_invoiced": "14500.00",
            "amount_received": "14500.00",
            "invoice_reference": "INV-2016-07",
            "invoiced_on": "01/05/2016",
            "received_on": "15/06/2016",
            "version": 1,
        },
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.status, contribution.received_on.isoformat()) == ("Received", "2016-06-15")


def test_a_received_amount_without_a_date_is_refused(contributions, as_user, business_support, agency_b):
    response = as_user(business_support).post(
        f"/finance/contributions/{contributions[1].pk}/edit/",
        {"partner": agency_b.pk, "amount_agreed": "14500", "amount_invoiced": "0", "amount_received": "10"},
    )
    assert response.status_code == 200
    assert "Enter the date the money was received." in response.content.decode()


def test_a_second_contribution_for_the_same_partner_and_year_is_refused(
    contributions, as_user, business_support, agency_a
):
    response = as_user(business_support).post(
        "/finance/2016/contributions/add/",
        {"partner": agency_a.pk, "amount_agreed": "1", "amount_invoiced": "0", "amount_received": "0"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert year_contributions(contributions) == 2


def year_contributions(contributions):
    return contributions[0].finance_year.contributions.count()


def test_deleting_a_contribution_asks_first(contributions, as_user, business_support):
    client = as_user(business_support)
    url = f"/finance/contributions/{contributions[1].pk}/delete/"
    assert "Delete this contribution?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert year_contributions(contributions) == 1
