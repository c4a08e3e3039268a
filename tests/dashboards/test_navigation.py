"""The dashboard is the board member's main entry; readers and partner leads find it in the menu."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_board_members_start_page_leads_to_the_dashboard(as_user, board_member):
    html = as_user(board_member).get(reverse("home")).content.decode()
    assert f'<a class="btn btn-primary" href="{reverse("dashboards:dashboard")}">Open the dashboard</a>' in html


@pytest.mark.parametrize("role", ["board_member", "business_support", "administrator"])
def test_readers_have_a_dashboard_menu_item(request, as_user, role):
    html = as_user(request.getfixturevalue(role)).get(reverse("home")).content.decode()
    assert f'href="{reverse("dashboards:dashboard")}">Dashboard</a>' in html


def test_a_partner_lead_has_an_agency_profile_menu_item_for_their_own_agency(as_user, lead_a, agency_a):
    html = as_user(lead_a).get(reverse("home")).content.decode()
    assert f'href="{reverse("dashboards:agency-profile", args=[agency_a.pk])}">Agency profile</a>' in html
    assert f'href="{reverse("dashboards:dashboard")}"' not in html
