"""Password rules, change and reset."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.partners.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("password", ["elevenchars", "password1234", "123456789012345"])
def test_short_common_or_numeric_passwords_are_rejected(password, lead_a):
    with pytest.raises(ValidationError):
        validate_password(password, user=lead_a)


@pytest.mark.parametrize("password", ["twelve chars", "a much longer passphrase of plain words" * 3])
def test_long_passphrases_without_composition_rules_are_accepted(password, lead_a):
    validate_password(password, user=lead_a)


def test_changing_the_password_needs_the_current_one_and_keeps_this_session(as_user, lead_a):
    client = as_user(lead_a)
    refused = client.post(
        reverse("password_change"),
        {"old_password": "not it", "new_password1": "river otter lantern", "new_password2": "river otter lantern"},
    )
    assert refused.status_code == 200
    assert "There is a problem" in refused.content.decode()
    done = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "river otter lantern", "new_password2": "river otter lantern"},
    )
    assert done.url == reverse("password_change_done")
    assert client.get(reverse("home")).status_code == 200
    lead_a.refresh_from_db()
    assert lead_a.check_password("river otter lantern")


def test_changing_the_password_signs_out_other_sessions(as_user, lead_a):
    other_device = as_user(lead_a)
    client = as_user(lead_a)
    client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "river otter lantern", "new_password2": "river otter lantern"},
    )
    assert other_device.get(reverse("home")).status_code == 302


def test_reset_sends_a_single_use_link_and_says_the_same_for_unknown_addresses(client, lead_a):
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    known = client.post(reverse("password_reset"), {"email": lead_a.email})
    assert unknown.url == known.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [lead_a.email]
    link = re.search(r"http://testserver(/account/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "harbour moss kettle", "new_password2": "harbour moss kettle"})
    assert done.url == reverse("password_reset_complete")
    again = client.get(link, follow=True)
    assert "not valid" in again.content.decode()


def test_reset_links_expire_within_an_hour(settings):
    assert settings.PASSWORD_RESET_TIMEOUT <= 3600
