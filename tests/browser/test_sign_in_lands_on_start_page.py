"""Each role signs in through the real page in Chromium and lands on its own start page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("role", "heading"),
    [
        ("lead_a", "Waiting for you"),
        ("business_support", "Work queue"),
        ("board_member", "The partnership"),
        ("administrator", "Users and roles"),
    ],
)
def test_each_role_signs_in_and_sees_its_start_page(role, heading, request, sign_in, live_server, assert_accessible):
    user = request.getfixturevalue(role)
    page = sign_in(user)
    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("heading", name=heading).is_visible()
    assert page.get_by_role("button", name="Sign out").count() == 1
    assert_accessible(page)


def test_a_wrong_password_shows_the_error_summary_and_keeps_the_visitor_out(
    lead_a, sign_in, live_server, assert_accessible
):
    page = sign_in(lead_a, password="not the password at all")
    assert page.url.startswith(f"{live_server.url}/account/sign-in/")
    assert_accessible(page)
    summary = page.get_by_role("alert")
    assert "did not match an account" in summary.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")


def test_signing_out_returns_to_the_sign_in_page(board_member, sign_in, live_server):
    page = sign_in(board_member)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{live_server.url}/account/sign-in/")
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/account/sign-in/")


def test_the_skip_link_is_the_first_thing_the_keyboard_reaches(board_member, sign_in):
    page = sign_in(board_member)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_partner_list_is_accessible(business_support, agency_a, agency_b, sign_in, live_server, assert_accessible):
    page = sign_in(business_support)
    page.get_by_role("link", name="Partner agencies").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("cell", name="Agency A").count() == 1
    assert_accessible(page)
