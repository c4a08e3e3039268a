"""403, 404 and 500 pages are styled, helpful, and reveal nothing."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_missing_page_gets_the_styled_404(as_user, board_member):
    response = as_user(board_member).get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "Skip to main content" in page
    assert reverse("home") in page


def test_a_refused_page_gets_the_styled_403(as_user, lead_a):
    response = as_user(lead_a).get(reverse("partners:partner-list"))
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


def test_the_500_page_renders_without_a_request_or_database():
    page = render_to_string("500.html")
    assert "Sorry, something went wrong" in page
    assert "Traceback" not in page
