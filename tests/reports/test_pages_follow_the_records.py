"""A partner update accepted by business support is on the next view of the draft report and the
dashboard; until then both are served from the cache (kept per state of the data)."""

import pytest

from reports.selfreports.models import Round
from tests.pages_follow import assert_kept, board_with_records, pages
from tests.partners.factories import PartnerLeadFactory
from tests.reports.factories import accepted, report_for

pytestmark = pytest.mark.django_db


def test_an_accepted_update_shows_on_both_pages(board, agency_a, agency_b, business_support, as_user, monkeypatch):
    board_with_records(board, [agency_a, agency_b], business_support)
    client = as_user(business_support)
    draft, dashboard = pages(client)
    assert "1 of the 2 partner updates for 2016/17 is not accepted" in draft and "Agency B Police" in dashboard
    assert "1 accepted" in dashboard
    assert assert_kept(client, monkeypatch) == (draft, dashboard)

    update = report_for(Round.objects.get(board=board), agency_b)
    accepted(update, PartnerLeadFactory(partner=agency_b, boards=[board]), business_support)

    draft, dashboard = pages(client)
    assert "is not accepted" not in draft
    assert "in full. Agency A Trust Agency B Police 11 Towards 2017/18" in draft  # both, listed
    assert "2 accepted" in dashboard and "No update is overdue." in dashboard
    assert assert_kept(client, monkeypatch) == (draft, dashboard)
