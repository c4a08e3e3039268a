"""Signing in by e-mail address, signing out, and where each role lands."""

import re

import pytest
from django.urls import reverse

from tests.partners.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, email, password=TEST_PASSWORD, **extra):
    return client.post(reverse("login"), {"username": email, "password": password, **extra})


def test_it_signs_in_with_the_e_mail_address_in_any_case_and_lands_on_the_start_page(client, lead_a):
    response = sign_in(client, "LEAD.A@Example.org")
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == lead_a


def test_it_returns_to_the_page_asked_for_after_signing_in(client, board_member):
    wanted = reverse("partners:partner-list")
    response = client.get(wanted)
    assert response.url == f"{reverse('login')}?next={wanted}"
    response = sign_in(client, board_member.email, next=wanted)
    assert response.url == wanted


def test_it_refuses_a_wrong_password_with_the_generic_message(client, lead_a):
    response = sign_in(client, lead_a.email, "wrong password entirely")
    assert response.status_code == 200
    assert "did not match an account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def without_csrf_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_an_unknown_address_gets_exactly_the_same_page_as_a_wrong_password(client, lead_a):
    wrong_password = sign_in(client, lead_a.email, "wrong password entirely").content.decode()
    unknown = sign_in(client, "nobody@example.org", "wrong password entirely").content.decode()
    assert without_csrf_token(wrong_password.replace(lead_a.email, "nobody@example.org")) == without_csrf_token(unknown)


def test_a_deactivated_account_cannot_sign_in_and_gets_the_generic_message(client, lead_a):
    lead_a.is_active = False
    lead_a.save()
    response = sign_in(client, lead_a.email)
    assert "did not match an account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_deactivated_user_is_signed_out_on_their_next_request(as_user, lead_a):
    client = as_user(lead_a)
    lead_a.is_active = False
    lead_a.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_signing_out_ends_the_session_on_the_server(as_user, board_member):
    client = as_user(board_member)
    session_key = client.session.session_key
    response = client.post(reverse("logout"))
    assert response.url == reverse("login")
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()
    assert client.get(reverse("home")).status_code == 302


def test_signing_out_by_get_is_refused(as_user, board_member):
    assert as_user(board_member).get(reverse("logout")).status_code == 405


def test_the_session_id_changes_when_signing_in(client, lead_a):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    sign_in(client, lead_a.email)
    assert client.session.session_key != before


def test_a_signed_in_user_visiting_the_sign_in_page_is_sent_on(as_user, lead_a):
    assert as_user(lead_a).get(reverse("login")).status_code == 302
