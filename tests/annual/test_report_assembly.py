"""The report is assembled in the seed's order, numbered, with contents; missing parts say so."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import StrategicPriority
from reports.annual import demo as annual_demo
from reports.annual import outputs
from reports.annual.assembly import build_report
from reports.annual.models import ComparatorValue
from tests.annual import app_records
from tests.annual.conftest import load_seed_priorities
from tests.annual.factories import (
    ComparatorValueFactory,
    EngagementEventFactory,
    IndicatorFactory,
    IndicatorValueFactory,
)
from tests.query_budgets import CHARTS_FIRST_TIME, cold
from wscb import charts

#: The seed's sections and numbers (it has no section 5; section 6's LADO, early help, child death and
#: case review parts are unnumbered): the demo's report configuration sets them.
SEED_ORDER = [
    ("", "Foreword"),
    ("1", "Executive summary"),
    ("2", "Context"),
    ("3", "Governance and accountability arrangements"),
    ("4", "Strategic objectives"),
    ("6", "Performance update on strategic objectives"),
    ("", "Local Authority Designated Officer (LADO)"),
    ("", "Early help"),
    ("", "Child Death Overview Panel"),
    ("", "Serious case reviews and local learning reviews"),
    ("7", "Training and development"),
    ("8", "Engagement"),
    ("9", "Financial report"),
    ("10", "Partner updates"),
    ("11", "Towards 2017/18"),
    ("12", "Membership of the Board"),
]
#: Sections from the other apps: missing when those apps hold no records for the board and year.
FROM_OTHER_APPS = {"governance", "training", "finance", "partner_updates", "membership"}


def test_sections_come_in_the_seeds_order_with_numbers(seeded_board, year):
    report = build_report(board=seeded_board, year=year)
    assert [(s.number, s.title) for s in report.all_sections] == SEED_ORDER


def test_sections_whose_apps_hold_no_records_are_missing_with_a_reason(seeded_board, year):
    report = build_report(board=seeded_board, year=year)
    missing = {section.key: section.reason for section in report.missing_sections}
    assert missing == {
        "governance": "The board itself is not set up as a group in meetings, so there are no key roles or attendance.",
        "training": "No training courses, bookings or e-learning are recorded for 2016/17.",
        "finance": "No financial years are recorded for the years this report shows.",
        "partner_updates": "No partner updates were asked for 2016/17.",
        "membership": "The board itself is not set up as a group in meetings, so its membership is not recorded.",
    }


def test_with_the_apps_records_no_section_is_missing(full_board, year):
    report = build_report(board=full_board, year=year)
    assert [section.key for section in report.missing_sections] == []


def test_the_draft_shows_contents_and_a_not_yet_available_notice(as_user, business_support, seeded_board):
    content = as_user(business_support).get(reverse("annual:draft", args=[2016])).content.decode()
    assert 'href="#section-performance"' in content
    assert content.count("Not yet available.") == len(FROM_OTHER_APPS)
    assert "No financial years are recorded for the years this report shows." in content
    assert f'href="{reverse("finance:statement")}"' in content  # where it is fixed
    assert "This is the first Annual Report" in content  # the foreword
    assert "Cllr Jenny Bullen" in content


def test_an_empty_year_shows_every_narrative_as_missing(board, year):
    report = build_report(board=board, year=year)
    assert {s.key for s in report.missing_sections} >= {"foreword", "executive_summary", "context", "performance"}


#: Queries to assemble and render the whole report, one batched query (``wscb.data.batching``) each:
#: the annual app's own records (narratives, context, priorities, indicators, engagement) with the
#: other apps' evidence per priority; meetings (board attendance, key roles, membership); training
#: (the year's report); training charges; finance (the statement); partner updates (returns,
#: compiled accepted returns, case studies). The same at both data sizes (it was 51 before batching).
QUERY_BUDGET = 6
#: The same, the first time its charts are drawn (nothing kept): the indicators' charts and the
#: attendance chart are each looked up together and stored together.
WITH_CHARTS = QUERY_BUDGET + 2 * CHARTS_FIRST_TIME


def _add_annual_data(board, count):
    for number in range(count):
        indicator = IndicatorFactory(board=board)
        for start in (2013, 2014, 2015, 2016):
            IndicatorValueFactory(indicator=indicator, year_start=start, numerator=10 + number, denominator=100)
            ComparatorValueFactory(indicator=indicator, year_start=start, comparator=ComparatorValue.Comparator.ENGLAND)
        EngagementEventFactory(board=board, held_on=date(2016, 6, 1 + number % 28), title=f"Event {number}")


def _add_app_data(board, agencies, business_support, extra):
    priorities = list(StrategicPriority.objects.filter(board=board).order_by("number"))
    app_records.add_meetings(board, agencies, extra=extra)
    app_records.add_training(board, agencies, priorities, extra=extra)
    app_records.add_finance(board, agencies, extra=extra)
    app_records.add_partner_updates(board, agencies, reviewer=business_support)


def _count_queries(board, year):
    with CaptureQueriesContext(connection) as context:
        html = outputs.render_html(build_report(board=board, year=year))
    return len(context), html


def test_assembling_the_html_report_uses_a_bounded_number_of_queries_at_two_data_sizes(
    seeded_board, year, agency_a, agency_b, business_support, django_assert_max_num_queries
):
    from tests.partners.factories import BoardFactory

    _add_app_data(seeded_board, [agency_a, agency_b], business_support, extra=0)
    cold(seeded_board)
    small, html = _count_queries(seeded_board, year)
    assert html.count('class="indicator"') == 13
    assert "Not yet available." not in html

    # A second board with ten times the records in every app: more indicators, events, agencies,
    # members, meetings, courses, bookings, finance lines and partner returns.
    big = BoardFactory(name="Bigger Safeguarding Partnership", short_name="BSP")
    load_seed_priorities(big)
    annual_demo.load_for_board(board=big)
    _add_annual_data(big, 20)
    agencies = [agency_a, agency_b, *app_records.more_agencies(6)]
    _add_app_data(big, agencies, business_support, extra=10)
    cold(big)
    with django_assert_max_num_queries(WITH_CHARTS):
        large, html = _count_queries(big, year)
    assert large == WITH_CHARTS
    assert html.count('class="indicator"') == 13 + 20
    assert html.count('class="partner-update"') == len(agencies) - 1
    assert large == small <= WITH_CHARTS
    assert _count_queries(big, year)[0] == QUERY_BUDGET  # this process has the charts already
    charts._drawn.clear()  # another process: the charts come from the shared cache, two lookups
    assert _count_queries(big, year)[0] == QUERY_BUDGET + 2
