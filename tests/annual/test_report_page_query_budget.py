"""The draft annual report page costs the same number of queries however much data the year holds,
the first time it is made; a repeated view is kept (two lookups) while the records stay the same."""

import pytest
from django.urls import reverse

from tests.annual.test_report_assembly import QUERY_BUDGET, _add_annual_data
from tests.query_budgets import CHARTS_FIRST_TIME, FIRST_VIEW, REPEATED_VIEW, cold

# Session, user, second-factor device, board (twice) and the session save.
REQUEST = 8
# The report's data and charts, and keeping the page.
PAGE_BUDGET = REQUEST + QUERY_BUDGET + CHARTS_FIRST_TIME + FIRST_VIEW


@pytest.mark.parametrize("extra", [0, 25])
def test_the_draft_report_page_stays_within_one_query_budget_at_two_data_sizes(
    seeded_board, year, business_support, as_user, django_assert_max_num_queries, extra
):
    _add_annual_data(seeded_board, extra)
    client = as_user(business_support)
    cold(seeded_board)
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(reverse("annual:draft", args=[year.start_year]))
    assert response.status_code == 200
    assert response.content.decode().count('class="indicator"') == 13 + extra
    with django_assert_max_num_queries(REQUEST + REPEATED_VIEW):
        again = client.get(reverse("annual:draft", args=[year.start_year]))
    assert again.content.decode().count('class="indicator"') == 13 + extra
