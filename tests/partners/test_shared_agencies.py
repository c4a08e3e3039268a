"""Agencies are shared records: an agency of two boards is a member of each through its own
membership; its page and its back-office page name the other boards, and a change to its name is an
explicit edit there, seen by both."""

import pytest
from django.urls import reverse

from partners.models import BoardMembership
from tests.conftest import client_for
from tests.partners.factories import membership_inline

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(cast, second_board):
    """Agency A is also a member of the second board, not a statutory partner there."""
    BoardMembership.objects.create(board=second_board.board, partner=cast.agency_a, is_statutory=False)
    return cast.agency_a


def test_the_agency_page_names_the_other_boards_and_its_own_membership(shared, second_board, cast):
    page = client_for(second_board.business_support).get(reverse("partners:partner-detail", args=[shared.pk]))
    text = page.content.decode().replace("&#x27;", "'")
    assert 'Also a member of</dt><dd class="col-sm-9">Wigan Safeguarding Children Board' in text
    assert 'Statutory partner</dt><dd class="col-sm-9">No' in text  # the second board's membership
    first = client_for(cast.board_member).get(reverse("partners:partner-detail", args=[shared.pk])).content.decode()
    assert "Midshire Children&#x27;s Safeguarding Partnership" in first
    assert 'Statutory partner</dt><dd class="col-sm-9">Yes' in first


def test_renaming_a_shared_agency_is_an_edit_on_the_agency_that_both_boards_see(shared, second_board, cast):
    client = client_for(second_board.business_support)
    form = client.get(reverse("admin:partners_partner_change", args=[shared.pk])).content.decode()
    assert "This agency is shared." in form and "Wigan Safeguarding Children Board" in form
    membership = BoardMembership.objects.get(board=second_board.board, partner=shared)
    response = client.post(
        reverse("admin:partners_partner_change", args=[shared.pk]),
        {
            "name": "Agency A NHS Trust",
            "short_name": "Agency A",
            "sector": "health",
            "is_active": "on",
            **membership_inline(membership),
        },
    )
    assert response.status_code == 302
    assert "Agency A NHS Trust" in client_for(cast.board_member).get(reverse("partners:partner-list")).content.decode()
    assert BoardMembership.objects.get(board=cast.board, partner=shared).is_statutory  # the first board's own


def test_a_name_taken_in_any_of_the_agencys_boards_is_refused(shared, second_board, cast):
    membership = BoardMembership.objects.get(board=second_board.board, partner=shared)
    response = client_for(second_board.business_support).post(
        reverse("admin:partners_partner_change", args=[shared.pk]),
        {
            "name": "Agency B Police",
            "short_name": "Agency A",
            "sector": "health",
            "is_active": "on",
            **membership_inline(membership),
        },
    )
    assert response.status_code == 200
    assert "Another agency of WSCB already has this name (Agency B Police, Agency B)." in response.content.decode()


def test_a_new_agency_added_in_the_back_office_joins_the_current_board_only(second_board):
    response = client_for(second_board.business_support).post(
        reverse("admin:partners_partner_add"),
        {
            "name": "Midshire Schools Forum",
            "short_name": "Schools",
            "sector": "education",
            "is_active": "on",
            **membership_inline(is_statutory="on"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = BoardMembership.objects.get(partner__name="Midshire Schools Forum")
    assert (membership.board, membership.is_statutory) == (second_board.board, True)


def test_two_boards_may_each_have_their_own_agency_of_the_same_short_name(second_board, cast):
    from tests.partners.factories import PartnerFactory

    PartnerFactory(name="Wigan Probation", short_name="Probation", boards=[cast.board])
    page = client_for(second_board.business_support).get(reverse("partners:partner-list")).content.decode()
    assert "Midshire Probation Delivery Unit" in page and "Wigan Probation" not in page
