"""Finding (High): a second factor could be planted by someone who knows only the password.

The set-up page showed the key of an unconfirmed authenticator and reused that device on every
later visit, so an attacker who opened set-up first learnt the key the real user would later be
shown. Now every visit makes a fresh key (unconfirmed devices are discarded), the confirmation
only works in the session that was shown the key, the password is asked for again, and on
confirmation every other session of that user is signed out.
"""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.partners.factories import TEST_PASSWORD
from tests.wscb.test_two_factor import code_for, password_only

pytestmark = pytest.mark.django_db

SETUP = reverse("two-factor-setup")


def shown_key(page) -> str:
    return page.context["manual_key"]


def test_every_visit_to_the_set_up_page_shows_a_fresh_key(business_support):
    attacker, user = Client(), Client()
    password_only(attacker, business_support)
    attacker_key = shown_key(attacker.get(SETUP))
    attacker.post(reverse("logout"))
    password_only(user, business_support)
    user_key = shown_key(user.get(SETUP))
    assert user_key != attacker_key
    assert shown_key(user.get(SETUP)) != user_key  # reloading the page: another fresh key
    assert TOTPDevice.objects.filter(user=business_support, confirmed=False).count() == 1


def test_the_attackers_key_cannot_be_confirmed_once_the_user_opened_set_up(business_support):
    attacker, user = Client(), Client()
    password_only(attacker, business_support)
    attacker.get(SETUP)
    attacker_device = TOTPDevice.objects.get(user=business_support, confirmed=False)
    password_only(user, business_support)
    user.get(SETUP)
    response = attacker.post(SETUP, {"code": code_for(attacker_device), "password": TEST_PASSWORD})
    assert "codes" not in (response.context or {})
    assert not TOTPDevice.objects.filter(user=business_support, confirmed=True).exists()


def test_a_key_can_be_confirmed_only_in_the_session_that_was_shown_it(business_support):
    shown, other = Client(), Client()
    password_only(shown, business_support)
    password_only(other, business_support)
    shown.get(SETUP)
    device = TOTPDevice.objects.get(user=business_support, confirmed=False)
    response = other.post(SETUP, {"code": code_for(device), "password": TEST_PASSWORD})
    assert "codes" not in (response.context or {})
    assert not TOTPDevice.objects.filter(user=business_support, confirmed=True).exists()


def test_set_up_asks_for_the_password_again(business_support):
    client = Client()
    password_only(client, business_support)
    page = client.get(SETUP)
    assert "Your password" in page.content.decode()
    device = TOTPDevice.objects.get(user=business_support, confirmed=False)
    refused = client.post(SETUP, {"code": code_for(device), "password": "not the password"})
    assert "codes" not in (refused.context or {})
    assert "password is not right" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=business_support, confirmed=True).exists()
    accepted = client.post(SETUP, {"code": code_for(device), "password": TEST_PASSWORD})
    assert len(accepted.context["codes"]) == 10


def test_confirming_signs_out_every_other_session_of_that_user(business_support, lead_a):
    attacker, user, bystander = Client(), Client(), Client()
    password_only(attacker, business_support)
    password_only(bystander, lead_a)
    password_only(user, business_support)
    user.get(SETUP)
    device = TOTPDevice.objects.get(user=business_support, confirmed=False)
    response = user.post(SETUP, {"code": code_for(device), "password": TEST_PASSWORD})
    assert len(response.context["codes"]) == 10
    owners = [session.get_decoded().get("_auth_user_id") for session in Session.objects.all()]
    assert owners.count(str(business_support.pk)) == 1  # only the session that confirmed
    assert str(lead_a.pk) in owners  # other people's sessions are left alone
    assert attacker.get(reverse("home")).status_code == 302
    assert user.get(reverse("home")).status_code == 200
