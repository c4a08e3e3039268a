"""Finding (Low): a locked account answered in about 71 ms against 880 ms for a wrong password (so
"locked" was visible), and anyone could lock the administrator out for 15 minutes with 10 wrong
passwords. Now a locked answer does the same password hashing as a wrong password, and the lock is on
the account and the address together, so a stranger elsewhere cannot lock a named person out."""

import pytest
from django.contrib.auth import hashers
from django.urls import reverse

from tests.partners.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER, OFFICE = "203.0.113.9", "198.51.100.7"


def attempt(client, email, password, address):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address)


def hashing_done(monkeypatch, action) -> int:
    """How many passwords the hasher worked out while ``action`` ran (the time a sign-in answer takes)."""
    calls = []
    hasher = hashers.get_hasher()
    original = type(hasher).encode

    def counted(self, password, salt, *args, **kwargs):
        calls.append(1)
        return original(self, password, salt, *args, **kwargs)

    monkeypatch.setattr(type(hasher), "encode", counted)
    action()
    return len(calls)


def test_a_locked_answer_hashes_the_password_like_a_wrong_password_does(client, lead_a, lead_b, monkeypatch):
    wrong = hashing_done(monkeypatch, lambda: attempt(client, lead_b.email, "not it", ATTACKER))
    for _ in range(10):
        attempt(client, lead_a.email, "not it", ATTACKER)
    locked = hashing_done(monkeypatch, lambda: attempt(client, lead_a.email, TEST_PASSWORD, ATTACKER))
    assert wrong == locked == 1


def test_a_stranger_elsewhere_cannot_lock_a_named_person_out(client, lead_a, administrator):
    for _ in range(10):
        attempt(client, administrator.email, "guessing", ATTACKER)
    assert attempt(client, administrator.email, TEST_PASSWORD, ATTACKER).status_code == 200  # locked there
    from django.test import Client

    assert attempt(Client(), administrator.email, TEST_PASSWORD, OFFICE).status_code == 302  # not from the office


def test_one_persons_typos_do_not_lock_everyone_behind_the_same_address(client, lead_a, lead_b):
    for _ in range(10):
        attempt(client, lead_a.email, "typo", OFFICE)
    from django.test import Client

    assert attempt(Client(), lead_b.email, TEST_PASSWORD, OFFICE).status_code == 302
