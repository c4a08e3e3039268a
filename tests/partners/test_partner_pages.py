"""The partner agency list and an agency's page."""

import pytest
from django.urls import reverse

from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_current_agencies_with_their_lead_counts(as_user, board_member, lead_a, agency_b):
    PartnerFactory(name="Former Agency", short_name="FA", is_active=False)
    response = as_user(board_member).get(reverse("partners:partner-list"))
    rows = {partner.name: partner.lead_count for partner in response.context["partners"]}
    assert rows == {"Agency A Trust": 1, "Agency B Police": 0}


def test_the_list_can_include_former_agencies(as_user, board_member, agency_a):
    PartnerFactory(name="Former Agency", short_name="FA", is_active=False)
    response = as_user(board_member).get(reverse("partners:partner-list") + "?show=all")
    assert [p.name for p in response.context["partners"]] == ["Agency A Trust", "Former Agency"]
    assert "Former partner" not in response.content.decode()
    assert "Former" in response.content.decode()


def test_the_list_can_show_only_agencies_without_a_lead(as_user, business_support, lead_a, agency_b):
    response = as_user(business_support).get(reverse("partners:partner-list") + "?lead=missing")
    assert [p.name for p in response.context["partners"]] == ["Agency B Police"]


def test_the_list_is_paginated_at_fifty(as_user, board_member):
    PartnerFactory.create_batch(55)
    first = as_user(board_member).get(reverse("partners:partner-list"))
    assert len(first.context["partners"]) == 50
    second = as_user(board_member).get(reverse("partners:partner-list") + "?page=2")
    assert len(second.context["partners"]) == 5


def test_the_list_shows_an_empty_state(as_user, business_support):
    page = as_user(business_support).get(reverse("partners:partner-list")).content.decode()
    assert "No partner agencies match" in page
    assert "Add the first agency" in page


def test_a_partner_lead_cannot_list_every_agency(as_user, lead_a):
    assert as_user(lead_a).get(reverse("partners:partner-list")).status_code == 403


def test_a_partner_lead_sees_their_own_agency_and_its_leads(as_user, lead_a):
    response = as_user(lead_a).get(reverse("partners:partner-detail", args=[lead_a.partner_id]))
    assert response.status_code == 200
    assert "Lena Lead-A" in response.content.decode()


def test_a_partner_lead_gets_404_for_another_agency(as_user, lead_a, agency_b):
    assert as_user(lead_a).get(reverse("partners:partner-detail", args=[agency_b.pk])).status_code == 404


def test_an_agency_that_does_not_exist_is_404(as_user, board_member):
    assert as_user(board_member).get(reverse("partners:partner-detail", args=[999999])).status_code == 404


def test_the_list_is_read_only_by_post(as_user, board_member):
    assert as_user(board_member).post(reverse("partners:partner-list")).status_code == 405
