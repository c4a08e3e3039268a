"""The annual report's own records: a narrative written on the portal, and an indicator's figures
changed in the back office, are on the next view of the draft report (and the dashboard, which
shows the indicators); until then both are served from the cache."""

import pytest
from django.urls import reverse

from reports.annual.models import IndicatorValue, NarrativeSection
from tests.pages_follow import DRAFT, assert_kept, board_with_records, pages, text

pytestmark = pytest.mark.django_db


def test_a_narrative_saved_on_the_portal_shows_on_the_draft(
    board, agency_a, agency_b, business_support, as_user, monkeypatch
):
    board_with_records(board, [agency_a, agency_b], business_support)
    client = as_user(business_support)
    before = pages(client)
    assert assert_kept(client, monkeypatch) == before
    foreword = NarrativeSection.objects.get(board=board, year_start=2016, kind="foreword")
    response = client.post(
        reverse("annual:narrative-edit", args=[2016, "foreword"]),
        {"body": "A year of **steady** work.", "signed_by": foreword.signed_by, "version": foreword.version},
    )
    assert response.status_code == 302
    assert "A year of steady work." in text(client.get(DRAFT))


def test_an_indicator_changed_in_the_back_office_shows_on_both_pages(
    board, agency_a, agency_b, business_support, as_user, monkeypatch
):
    board_with_records(board, [agency_a, agency_b], business_support)
    client = as_user(business_support)
    draft, dashboard = pages(client)
    assert "77.7%" not in draft and "77.7%" not in dashboard
    value = (
        IndicatorValue.objects.filter(indicator__board=board, year_start=2016, indicator__unit="percentage")
        .order_by("indicator__order", "indicator__pk")
        .first()
    )
    response = client.post(
        reverse("admin:annual_indicatorvalue_change", args=[value.pk]),
        {"indicator": value.indicator_id, "year_start": 2016, "numerator": 777, "denominator": 1000},
    )
    assert response.status_code == 302

    draft, dashboard = pages(client)
    assert "77.7%" in draft and "77.7%" in dashboard
    assert assert_kept(client, monkeypatch) == (draft, dashboard)
