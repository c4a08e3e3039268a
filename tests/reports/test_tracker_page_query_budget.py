"""The partner-return tracker page costs the same number of queries for two agencies or twenty."""

import pytest
from django.urls import reverse

from tests.partners.factories import PartnerFactory, PartnerLeadFactory
from tests.reports.factories import open_round

PAGE_BUDGET = 13


@pytest.mark.parametrize("agencies", [2, 20])
def test_the_tracker_page_stays_within_one_query_budget_at_two_data_sizes(
    board, business_support, as_user, django_assert_max_num_queries, agencies
):
    asked = [PartnerFactory(name=f"Tracked agency {number:02d}") for number in range(agencies)]
    for agency in asked:
        PartnerLeadFactory(partner=agency)
    round_ = open_round(board=board, agencies=asked, by=business_support)
    client = as_user(business_support)
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(reverse("reports:round-detail", args=[round_.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tracked agency 00" in page
    assert f"Tracked agency {agencies - 1:02d}" in page
