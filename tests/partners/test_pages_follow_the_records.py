"""An agency renamed in the back office is on the next view of the draft report and the dashboard
(agencies are shared by boards, so every board's pages are made again); until then both are
served from the cache."""

import pytest
from django.urls import reverse

from partners.models import BoardMembership
from tests.pages_follow import assert_kept, board_with_records, pages
from tests.partners.factories import membership_inline

pytestmark = pytest.mark.django_db


def test_an_agency_renamed_in_the_back_office_shows_on_both_pages(
    board, agency_a, agency_b, business_support, as_user, monkeypatch
):
    board_with_records(board, [agency_a, agency_b], business_support)
    client = as_user(business_support)
    draft, dashboard = pages(client)
    assert "Agency B Police 0 0 5,000" in draft and "Agency B 2 2 0 100.0%" in dashboard
    assert assert_kept(client, monkeypatch) == (draft, dashboard)

    response = client.post(
        reverse("admin:partners_partner_change", args=[agency_b.pk]),
        {
            "name": "Greater Manchester Police",
            "short_name": "GMP",
            "sector": agency_b.sector,
            "is_active": "on",
            **membership_inline(BoardMembership.objects.get(board=board, partner=agency_b), is_statutory="on"),
        },
    )
    assert response.status_code == 302

    draft, dashboard = pages(client)
    assert "Greater Manchester Police 0 0 5,000" in draft and "Agency B Police" not in draft
    assert "GMP 2 2 0 100.0%" in dashboard
    assert assert_kept(client, monkeypatch) == (draft, dashboard)
