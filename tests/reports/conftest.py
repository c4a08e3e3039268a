"""Fixtures for partner updates: the 2016/17 round asking agencies A and B."""

import pytest

from tests.reports.factories import open_round, report_for


@pytest.fixture
def round_2016(board, agency_a, agency_b, lead_a, lead_b, business_support):
    return open_round(board=board, agencies=[agency_a, agency_b], by=business_support)


@pytest.fixture
def report_a(round_2016, agency_a):
    return report_for(round_2016, agency_a)


@pytest.fixture
def report_b(round_2016, agency_b):
    return report_for(round_2016, agency_b)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Evidence files are stored in a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
