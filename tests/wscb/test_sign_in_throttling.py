"""After 10 failed sign-ins an account is locked for the cool-off, with the same generic message."""

from datetime import timedelta

import pytest
from django.urls import reverse
from freezegun import freeze_time

from tests.partners.factories import TEST_PASSWORD
from tests.wscb.test_sign_in import without_csrf_token

pytestmark = pytest.mark.django_db
GENERIC = "did not match an account"


def attempt(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def fail_times(client, email, times):
    for _ in range(times):
        response = attempt(client, email, "not the right password")
        assert GENERIC in response.content.decode()


def test_nine_failures_do_not_lock_the_account(client, lead_a):
    fail_times(client, lead_a.email, 9)
    assert attempt(client, lead_a.email, TEST_PASSWORD).status_code == 302


def test_after_ten_failures_even_the_right_password_is_refused_with_the_same_message(client, lead_a):
    fail_times(client, lead_a.email, 10)
    response = attempt(client, lead_a.email, TEST_PASSWORD)
    assert response.status_code == 200
    assert GENERIC in response.content.decode()
    assert "locked" not in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_account_so_other_people_can_still_sign_in(client, lead_a, lead_b):
    fail_times(client, lead_a.email, 10)
    assert attempt(client, lead_b.email, TEST_PASSWORD).status_code == 302


def test_an_unknown_address_locks_the_same_way_so_lockouts_reveal_nothing(client, lead_a):
    fail_times(client, "nobody@example.org", 10)
    locked_unknown = attempt(client, "nobody@example.org", TEST_PASSWORD).content.decode()
    fail_times(client, lead_a.email, 10)
    locked_real = attempt(client, lead_a.email, TEST_PASSWORD).content.decode()
    assert without_csrf_token(locked_unknown.replace("nobody@example.org", lead_a.email)) == without_csrf_token(
        locked_real
    )


def test_a_locked_page_is_the_same_as_a_wrong_password_page(client, lead_a, lead_b):
    wrong = attempt(client, lead_b.email, "not the right password").content.decode()
    fail_times(client, lead_a.email, 10)
    locked = attempt(client, lead_a.email, TEST_PASSWORD).content.decode()
    assert without_csrf_token(wrong.replace(lead_b.email, lead_a.email)) == without_csrf_token(locked)


def test_changing_the_case_of_the_address_does_not_dodge_the_lock(client, lead_a):
    fail_times(client, lead_a.email.upper(), 10)
    assert attempt(client, lead_a.email, TEST_PASSWORD).status_code == 200


def test_the_account_opens_again_after_the_cool_off(client, lead_a, settings):
    with freeze_time() as clock:
        fail_times(client, lead_a.email, 10)
        assert attempt(client, lead_a.email, TEST_PASSWORD).status_code == 200
        clock.tick(settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
        assert attempt(client, lead_a.email, TEST_PASSWORD).status_code == 200
        clock.tick(settings.AXES_COOLOFF_TIME + timedelta(minutes=1))
        assert attempt(client, lead_a.email, TEST_PASSWORD).status_code == 302


def test_the_limit_is_ten_failures_within_the_configured_window(settings):
    assert settings.AXES_FAILURE_LIMIT == 10
    assert timedelta(minutes=5) <= settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
