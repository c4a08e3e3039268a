"""Indicators and their yearly figures, engagement events and context facts come in through the Imports
pages (preview, then confirm), with the records' own rules; bad rows are named by row and heading and
nothing is written."""

import datetime
from decimal import Decimal

import pytest

from reports.annual.models import ContextFact, EngagementEvent, Indicator, IndicatorValue
from tests.conftest import client_for
from tests.import_pages import import_file, import_upload, row_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(business_support):
    return client_for(business_support)


def test_indicators_then_their_figures(client, board):
    import_file(
        client,
        "indicators",
        [
            ["Code", "Name", "Unit", "Numerator label", "Denominator label"],
            ["cpp-rate", "Child protection plans", "Rate per 10,000 children", "Plans", ""],
            ["re-referrals", "Re-referrals", "Percentage", "Re-referrals", "Referrals"],
        ],
    )
    assert set(Indicator.objects.filter(board=board).values_list("code", flat=True)) == {"cpp-rate", "re-referrals"}
    import_file(
        client,
        "indicator-figures",
        [["Indicator", "Year", "Numerator", "Denominator"], ["re-referrals", "2016/17", "230", "1000"]],
    )
    figure = IndicatorValue.objects.get(indicator__code="re-referrals")
    assert (figure.year_start, figure.numerator, figure.denominator) == (2016, 230, 1000)
    import_file(
        client,
        "indicator-figures",
        [["Indicator", "Year", "Numerator", "Denominator"], ["re-referrals", "2016/17", "240", "1000"]],
    )
    assert IndicatorValue.objects.get(indicator__code="re-referrals").numerator == 240  # updated, not added


def test_bad_figure_rows_are_named_and_nothing_is_written(client, board):
    Indicator.objects.create(board=board, code="re-referrals", name="R", unit="percentage", numerator_label="R")
    response = import_upload(
        client,
        "indicator-figures",
        [
            ["Indicator", "Year", "Numerator", "Denominator"],
            ["re-referrals", "2016/17", "230", "1000"],
            ["re-referrals", "2017/18", "300", "100"],
            ["unknown-code", "2016", "x", ""],
        ],
    )
    assert response.status_code == 400
    named = {(row, heading) for row, heading, _ in row_errors(response)}
    assert (3, "Numerator") in named  # larger than the denominator: the figure's own rule
    assert {(4, "Indicator"), (4, "Year"), (4, "Numerator")} <= named
    assert not any(row == 2 for row, _ in named)
    assert not IndicatorValue.objects.exists()


def test_engagement_events_with_a_day_a_month_or_no_date(client, board):
    import_file(
        client,
        "engagement",
        [
            ["Year", "Title", "Audience", "Date", "Date note", "Reach", "Reach is at least"],
            ["2016/17", "Conference", "Children and young people", "16/03/2017", "", "120", "Yes"],
            ["2016/17", "Newsletter", "Professionals", "11/2016", "", "", ""],
            ["2016/17", "Assemblies", "Children and young people", "", "throughout the year", "", ""],
        ],
    )
    events = {event.title: event for event in EngagementEvent.objects.filter(board=board)}
    assert (
        events["Conference"].held_on == datetime.date(2017, 3, 16) and events["Conference"].reach_display == "over 120"
    )
    assert events["Newsletter"].date_display == "November 2016"
    assert events["Assemblies"].date_display == "throughout the year"


def test_bad_engagement_rows_are_named_and_nothing_is_written(client, board):
    response = import_upload(
        client,
        "engagement",
        [
            ["Year", "Title", "Audience", "Date"],
            ["2016/17", "Conference", "Community", "16/03/2017"],
            ["2016/17", "Conference", "Community", "16/03/2017"],
            ["2016/17", "Fair", "Everyone", "next spring"],
        ],
    )
    assert response.status_code == 400
    named = {(row, heading) for row, heading, _ in row_errors(response)}
    assert {(3, "Title"), (4, "Audience"), (4, "Date")} <= named
    assert not EngagementEvent.objects.exists()


def test_context_facts_are_added_and_a_years_fact_is_updated(client, board):
    rows = [
        ["Year", "Fact", "Label", "Value", "Unit"],
        ["2016/17", "Children and young people (0-17)", "Children", "67,900", ""],
        ["2016/17", "Other", "Youth centres", "12", ""],
    ]
    import_file(client, "context", rows)
    rows[1][3] = "68000"
    import_file(client, "context", rows)
    assert ContextFact.objects.filter(board=board).count() == 2
    assert ContextFact.objects.get(kind="child_population").value == Decimal("68000")


def test_bad_context_rows_are_named_and_nothing_is_written(client, board):
    response = import_upload(
        client,
        "context",
        [
            ["Year", "Fact", "Label", "Value"],
            ["2016/17", "Total population", "Population", "320000"],
            ["2016/17", "total population", "Population again", "1"],
            ["2016/17", "Weather", "", "lots"],
        ],
    )
    assert response.status_code == 400
    named = {(row, heading) for row, heading, _ in row_errors(response)}
    assert {(3, "Fact"), (4, "Fact"), (4, "Label"), (4, "Value")} <= named
    assert not ContextFact.objects.exists()
