"""The draft annual report page costs the same number of queries however much data the year holds."""

import pytest
from django.urls import reverse

from tests.annual.test_report_assembly import QUERY_BUDGET, _add_annual_data

# The report's data + session, user, second-factor device, board (twice) and the session save.
PAGE_BUDGET = QUERY_BUDGET + 8


@pytest.mark.parametrize("extra", [0, 25])
def test_the_draft_report_page_stays_within_one_query_budget_at_two_data_sizes(
    seeded_board, year, business_support, as_user, django_assert_max_num_queries, extra
):
    _add_annual_data(seeded_board, extra)
    client = as_user(business_support)
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(reverse("annual:draft", args=[year.start_year]))
    assert response.status_code == 200
    assert response.content.decode().count('class="indicator"') == 13 + extra
