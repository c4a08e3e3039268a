"""Every page the benchmark measures costs the same queries on the demo year alone and with more
board-years around it (other years of the same board and another board), as ``generate_scale_data``
builds them."""

import pytest

from training.models import Booking
from wscb import benchmark, scale_data

#: The most queries any measured page may make (session, user, second factor and board included).
BUDGET = 22
# The dashboard and the report compose five apps' reporting functions: more queries, still constant.
BUDGETS = {"Board dashboard": 40, "Annual report (HTML)": 60}
# The training figures are one batched query each (tests/training/test_report_functions_cost_one_query.py).
BUDGETS.update({"Training summary": 8, "Agency profile": 18})


@pytest.mark.django_db
def test_every_measured_page_costs_the_same_queries_at_factor_1_and_factor_4():
    scale_data.generate(factor=1)
    small = benchmark.page_query_counts()
    bookings_small = Booking.objects.count()

    counts = scale_data.generate(factor=4)
    large = benchmark.page_query_counts()

    assert counts["Booking"] == 3 * scale_data.BOOKINGS
    assert Booking.objects.count() == bookings_small + 3 * scale_data.BOOKINGS
    assert set(small) >= {
        "Annual report (HTML)",
        "Board dashboard",
        "Agency profile",
        "Training summary",
        "Attendance table",
        "Partner-return tracker",
    }
    assert large == small
    over = {page: count for page, count in large.items() if count > BUDGETS.get(page, BUDGET)}
    assert not over, over


def test_factors_map_to_boards_and_years_like_the_performance_anchors():
    assert [(s.boards, s.years) for s in map(scale_data.shape_for, (1, 10, 100))] == [(1, 1), (2, 5), (10, 10)]
    with pytest.raises(ValueError):
        scale_data.shape_for(0)
