"""Your sessions: see where you are signed in, end one or all others; disabling a user ends all theirs."""

import hashlib

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.partners.factories import TEST_PASSWORD
from wscb.accounts.models import UserSession
from wscb.accounts.sessions import sessions_end_all
from wscb.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def browser(user, agent, address="192.0.2.1") -> Client:
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def is_signed_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


def sessions_of(user):
    return Session.objects.filter(
        session_key__in=[
            s.session_key for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
        ]
    )


def test_signing_in_keeps_a_record_with_only_a_hash_of_the_session_key(lead_a):
    client = browser(lead_a, "Firefox on Windows", "198.51.100.4")
    record = UserSession.objects.get(user=lead_a)
    key = client.session.session_key
    assert record.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in record.key_hash
    assert (record.user_agent, record.ip_address) == ("Firefox on Windows", "198.51.100.4")


def test_the_page_lists_this_and_other_sessions(lead_a):
    browser(lead_a, "Old laptop")
    client = browser(lead_a, "Office PC")
    response = client.get(reverse("sessions"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Old laptop" in html and "Office PC" in html
    current = [record for record in response.context["sessions"] if record.is_current]
    assert [record.user_agent for record in current] == ["Office PC"]


def test_ending_another_session_asks_first_then_signs_that_browser_out(lead_a):
    old = browser(lead_a, "Old laptop")
    client = browser(lead_a, "Office PC")
    record = UserSession.objects.get(user_agent="Old laptop")
    url = reverse("session-end", args=[record.pk])
    assert "End this session?" in client.get(url).content.decode()
    assert is_signed_in(old)
    response = client.post(url)
    assert response.url == reverse("sessions")
    assert not is_signed_in(old)
    assert is_signed_in(client)
    assert not UserSession.objects.filter(pk=record.pk).exists()
    assert AuditEvent.objects.filter(user=lead_a, action=AuditAction.SESSIONS_ENDED).count() == 1


def test_the_current_session_and_other_peoples_sessions_cannot_be_ended_there(lead_a, lead_b):
    client = browser(lead_a, "Office PC")
    other_person = browser(lead_b, "Their PC")
    mine = UserSession.objects.get(user=lead_a)
    theirs = UserSession.objects.get(user=lead_b)
    assert client.post(reverse("session-end", args=[mine.pk])).status_code == 404
    assert client.post(reverse("session-end", args=[theirs.pk])).status_code == 404
    assert is_signed_in(other_person)


def test_ending_all_other_sessions_keeps_this_one(lead_a):
    others = [browser(lead_a, f"Browser {n}") for n in range(3)]
    client = browser(lead_a, "Office PC")
    response = client.post(reverse("sessions-end-others"))
    assert response.status_code == 302
    assert not any(is_signed_in(other) for other in others)
    assert is_signed_in(client)
    assert list(UserSession.objects.filter(user=lead_a).values_list("user_agent", flat=True)) == ["Office PC"]


def test_signing_out_forgets_the_record(lead_a):
    client = browser(lead_a, "Office PC")
    client.post(reverse("logout"))
    assert not UserSession.objects.filter(user=lead_a).exists()


def test_the_record_follows_the_session_when_the_password_change_rotates_the_key(lead_a):
    client = browser(lead_a, "Office PC")
    new_password = "lantern orchard pebble violin"
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    client.get(reverse("home"))
    record = UserSession.objects.get(user=lead_a)
    assert record.key_hash == hashlib.sha256(client.session.session_key.encode()).hexdigest()


def test_disabling_a_user_in_the_back_office_ends_all_their_sessions_at_once(as_user, administrator, lead_b, board):
    sessions = [browser(lead_b, f"Browser {n}") for n in range(2)]
    assert sessions_of(lead_b).count() == 2
    data = {
        "email": lead_b.email,
        "full_name": lead_b.full_name,
        "role": "partner_lead",
        "partner": lead_b.partner_id,
        "boards": [board.pk],
        # is_active left out: the box is unticked
    }
    response = as_user(administrator).post(reverse("admin:partners_user_change", args=[lead_b.pk]), data)
    assert response.status_code == 302
    assert sessions_of(lead_b).count() == 0
    assert not UserSession.objects.filter(user=lead_b).exists()
    assert not any(is_signed_in(client) for client in sessions)
    assert "is_active" in AuditEvent.objects.get(action=AuditAction.ROLE_CHANGED).detail


def test_the_service_ends_sessions_made_before_records_were_kept(lead_a, as_user):
    client = as_user(lead_a)
    UserSession.objects.all().delete()
    assert sessions_end_all(user=lead_a) == 1
    assert not is_signed_in(client)


def test_an_administrator_can_sign_someone_out_everywhere_after_confirming(as_user, administrator, lead_b):
    target = browser(lead_b, "Their PC")
    client = as_user(administrator)
    url = reverse("admin:partners_user_changelist")
    page = client.post(url, {"action": "sign_out_everywhere", "_selected_action": [lead_b.pk]})
    assert "Sign out everywhere?" in page.content.decode()
    assert is_signed_in(target)
    client.post(url, {"action": "sign_out_everywhere", "_selected_action": [lead_b.pk], "confirmed": "yes"})
    assert not is_signed_in(target)
    assert is_signed_in(client)
    assert AuditEvent.objects.filter(action=AuditAction.SESSIONS_ENDED, object_id=str(lead_b.pk)).count() == 1


def test_sessions_that_have_timed_out_are_not_listed(lead_a):
    from datetime import timedelta

    from django.utils import timezone

    client = browser(lead_a, "Office PC")
    UserSession.objects.create(
        user=lead_a, key_hash="idle", user_agent="Idle tablet", last_seen_at=timezone.now() - timedelta(minutes=45)
    )
    UserSession.objects.create(
        user=lead_a, key_hash="old", user_agent="Day-old laptop", created_at=timezone.now() - timedelta(hours=13)
    )
    html = client.get(reverse("sessions")).content.decode()
    assert "Office PC" in html
    assert "Idle tablet" not in html and "Day-old laptop" not in html
    assert UserSession.objects.filter(user=lead_a).count() == 1
