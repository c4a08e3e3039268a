"""An administrator sets up two-step sign-in in Chromium (QR code page, code from the app,
backup codes), then signs in again with a code; the back office opens only after the code."""

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from tests.partners.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def app_code(manual_key: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key typed in by hand."""
    secret = manual_key.replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def password_step(page, live_server, user, path="/account/sign-in/"):
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_an_administrator_enrols_a_second_factor_and_signs_in_with_it(administrator, page, live_server):
    messages = []
    page.on("console", lambda message: messages.append(message.text))

    password_step(page, live_server, administrator)
    assert "/account/second-factor/set-up/" in page.url
    assert page.get_by_role("heading", name="Set up two-step sign-in").is_visible()
    assert page.locator("figure svg").is_visible()  # the QR code, drawn on the server
    manual_key = page.get_by_test_id("manual-key").inner_text()

    # Nothing else is reachable before the second factor is set up; coming back shows a fresh key.
    page.goto(f"{live_server.url}/admin/")
    assert "/account/second-factor/set-up/" in page.url
    assert page.get_by_test_id("manual-key").inner_text() != manual_key
    manual_key = page.get_by_test_id("manual-key").inner_text()
    page.get_by_label("Your password").fill(TEST_PASSWORD)

    page.get_by_label("Code from your app").fill("000000" if app_code(manual_key) != "000000" else "111111")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    assert page.get_by_role("alert").is_visible()
    time.sleep(1.1)  # django-otp slows down guessing after a wrong code
    page.get_by_label("Code from your app").fill(app_code(manual_key))
    page.get_by_label("Your password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    assert page.get_by_role("heading", name="Your backup codes").is_visible()
    assert page.locator(".backup-codes li").count() == 10
    backup_code = page.locator(".backup-codes li").first.inner_text().strip()  # shown once, stored hashed
    page.get_by_role("link", name="I have kept my codes: continue").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/admin/"  # where they were going before set-up

    page.goto(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Users and roles").is_visible()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    password_step(page, live_server, administrator, path="/account/sign-in/?next=/admin/")
    assert "/account/second-factor/code/" in page.url
    # The code just used cannot be used again; the app's next code (one step of clock drift) can.
    page.get_by_label("Code").fill(app_code(manual_key, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/admin/"
    assert page.get_by_role("link", name="Users").first.is_visible()

    # The back office's own scripts still run under the content security policy.
    page.goto(f"{live_server.url}/admin/partners/user/{administrator.pk}/change/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_boards_from").count() == 1  # built by SelectFilter2.js, so scripts ran
    assert not [text for text in messages if "Content Security Policy" in text]

    # A backup code shown at enrolment signs in once.
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    password_step(page, live_server, administrator, path="/account/sign-in/?next=/admin/")
    page.get_by_label("Code").fill(backup_code)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/admin/"
