"""Every page the benchmark measures costs the same queries on the demo year alone and with more
board-years around it (other years of the same board and another board), as ``generate_scale_data``
builds them."""

import pytest

from bench import benchmark, scale_data
from training.models import Booking

#: The most queries each measured page may make on a repeated view, session, user, second factor and
#: board included (6 to 8 of them). The pages kept per state of the data cost two more (the data
#: version and the page's lookup); their first view, one batched query per app for the figures
#: (``wscb.data.batching``): the whole annual report page was 58 queries before batching.
BUDGETS = {
    "Floor: your account page": 9,
    "Annual report (HTML)": 14,  # 13, and the audit row of the draft being read
    # The pages with a year chooser: one more, the board's years (wscb.years, one UNION query).
    "Board dashboard": 26,
    "Agency profile": 19,
    "Training summary": 10,
    "Attendance table": 13,
    "Partner-return tracker": 11,
    "Search: safeguarding": 9,  # the request's own, and one UNION over every kind of record
}


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
    over = {page: count for page, count in large.items() if count > BUDGETS[page]}
    assert not over, over


def test_factors_map_to_boards_and_years_like_the_performance_anchors():
    assert [(s.boards, s.years) for s in map(scale_data.shape_for, (1, 10, 100))] == [(1, 1), (2, 5), (10, 10)]
    with pytest.raises(ValueError):
        scale_data.shape_for(0)
