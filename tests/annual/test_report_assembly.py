"""The report is assembled in the seed's order, numbered, with contents; missing parts say so."""

from datetime import date

import pytest
from django.urls import reverse

from reports.annual import outputs
from reports.annual.assembly import build_report
from reports.annual.models import ComparatorValue
from tests.annual.factories import (
    ComparatorValueFactory,
    EngagementEventFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)

SEED_ORDER = [
    ("", "Foreword"),
    ("1", "Executive summary"),
    ("2", "Context"),
    ("3", "Governance and accountability"),
    ("4", "Strategic objectives and activity"),
    ("5", "Performance"),
    ("5.1", "Local Authority Designated Officer (LADO)"),
    ("5.2", "Early help"),
    ("5.3", "Child Death Overview Panel"),
    ("5.4", "Serious case reviews and local learning reviews"),
    ("6", "Training and development"),
    ("7", "Engagement"),
    ("8", "Financial report"),
    ("9", "Partner updates"),
    ("10", "Towards next year"),
    ("11", "Membership of the Board"),
]
NOT_YET_AVAILABLE = {"governance", "training", "finance", "partner_updates", "membership"}


def test_sections_come_in_the_seeds_order_with_numbers(seeded_board, year):
    report = build_report(board=seeded_board, year=year)
    assert [(s.number, s.title) for s in report.all_sections] == SEED_ORDER


def test_sections_from_apps_not_yet_merged_are_missing_with_a_reason(seeded_board, year):
    report = build_report(board=seeded_board, year=year)
    missing = {section.key: section.reason for section in report.missing_sections}
    assert set(missing) == NOT_YET_AVAILABLE
    assert "attendance" in missing["governance"]
    assert all(reason for reason in missing.values())


def test_the_draft_shows_contents_and_a_not_yet_available_notice(as_user, business_support, seeded_board):
    content = as_user(business_support).get(reverse("annual:draft", args=[2016])).content.decode()
    assert 'href="#section-performance"' in content
    assert content.count("Not yet available.") == len(NOT_YET_AVAILABLE)
    assert "Contributions and expenditure are not recorded in the portal yet." in content
    assert "This is the first Annual Report" in content  # the foreword
    assert "Cllr Jenny Bullen" in content


def test_an_empty_year_shows_every_narrative_as_missing(board, year):
    report = build_report(board=board, year=year)
    assert {s.key for s in report.missing_sections} >= {"foreword", "executive_summary", "context", "performance"}


def _add_data(board, count):
    for number in range(count):
        indicator = IndicatorFactory(board=board)
        for start in (2013, 2014, 2015, 2016):
            IndicatorValueFactory(indicator=indicator, year_start=start, numerator=10 + number, denominator=100)
            ComparatorValueFactory(indicator=indicator, year_start=start, comparator=ComparatorValue.Comparator.ENGLAND)
        EngagementEventFactory(board=board, held_on=date(2016, 6, 1 + number % 28), title=f"Event {number}")


@pytest.mark.parametrize("extra", [0, 25])
def test_assembling_the_html_report_uses_a_bounded_number_of_queries(
    seeded_board, year, django_assert_max_num_queries, extra
):
    _add_data(seeded_board, extra)
    with django_assert_max_num_queries(12):
        html = outputs.render_html(build_report(board=seeded_board, year=year))
    assert html.count('class="indicator"') == 13 + extra
