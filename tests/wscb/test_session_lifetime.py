"""Sessions end after 30 idle minutes and 12 hours after sign-in, however active."""

from datetime import timedelta

import pytest
from django.urls import reverse
from freezegun import freeze_time

from tests.partners.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def signed_in_client(client, user):
    response = client.post(reverse("login"), {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def test_activity_within_thirty_minutes_keeps_the_session(client, board_member):
    with freeze_time() as clock:
        signed_in_client(client, board_member)
        for _ in range(4):
            clock.tick(timedelta(minutes=29))
            assert client.get(reverse("home")).status_code == 200


def test_thirty_one_idle_minutes_end_the_session(client, board_member):
    with freeze_time() as clock:
        signed_in_client(client, board_member)
        clock.tick(timedelta(minutes=31))
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_twelve_hours_after_sign_in_the_session_ends_even_when_active(client, board_member):
    with freeze_time() as clock:
        signed_in_client(client, board_member)
        for _ in range(71):  # every 10 minutes for 11 h 50 min
            clock.tick(timedelta(minutes=10))
            assert client.get(reverse("home")).status_code == 200
        clock.tick(timedelta(minutes=11))  # 12 h 01 min after sign-in
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_the_session_cookie_is_not_kept_after_the_browser_closes(client, board_member, settings):
    signed_in_client(client, board_member)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["expires"]  # a browser-session cookie
