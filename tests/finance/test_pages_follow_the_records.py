"""A changed finance line is on the next view of the draft report and the dashboard; until then
both are served from the cache (kept per state of the data)."""

from decimal import Decimal

import pytest

from finance import services
from finance.models import ExpenditureLine
from tests.pages_follow import assert_kept, board_with_records, pages

pytestmark = pytest.mark.django_db


def test_an_expenditure_line_changed_through_the_service_shows_on_both_pages(
    board, agency_a, agency_b, business_support, as_user, monkeypatch
):
    board_with_records(board, [agency_a, agency_b], business_support)
    client = as_user(business_support)
    draft, dashboard = pages(client)
    assert "4,321" not in draft and "4,321" not in dashboard
    assert assert_kept(client, monkeypatch) == (draft, dashboard)

    line = ExpenditureLine.objects.get(finance_year__board=board)
    services.expenditure_line_update(line=line, version=line.version, by=business_support, amount=Decimal("4321.00"))

    draft, dashboard = pages(client)
    assert "Category 0 0 0 4,321 Total Expenditure 0 0 4,321" in draft
    assert "Category 0 \u2013 4,321" in dashboard
    assert assert_kept(client, monkeypatch) == (draft, dashboard)


def test_a_category_renamed_in_the_back_office_shows_on_both_pages(
    board, agency_a, agency_b, business_support, as_user
):
    from django.urls import reverse

    from finance.models import ExpenditureCategory

    board_with_records(board, [agency_a, agency_b], business_support)
    client = as_user(business_support)
    draft, dashboard = pages(client)
    assert "Venue hire" not in draft and "Venue hire" not in dashboard
    category = ExpenditureCategory.objects.get(board=board)
    response = client.post(
        reverse("admin:finance_expenditurecategory_change", args=[category.pk]),
        {"board": board.pk, "name": "Venue hire", "order": category.order, "is_active": "on"},
    )
    assert response.status_code == 302

    draft, dashboard = pages(client)
    assert "Venue hire 0 0 1,000" in draft
    assert "Venue hire \u2013 1,000" in dashboard
