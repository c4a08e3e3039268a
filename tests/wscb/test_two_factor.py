"""Two-factor sign-in: required for business support and administrators, optional for others.

These tests sign in with a plain client (password only), not the ``as_user`` helper that
completes the second step for the rest of the suite.
"""

import re
import time

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import permission_matrix as matrix
from tests.conftest import verified_device
from tests.partners.factories import TEST_PASSWORD
from wscb.accounts.two_factor import backup_code_digest
from wscb.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

VERIFY = reverse("two-factor-verify")
SETUP = reverse("two-factor-setup")


class RollBack(Exception):
    pass


def code_for(device, *, seconds_ago=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() - seconds_ago
    return f"{totp.token():06d}"


def password_only(client, user):
    return client.post(reverse("login"), {"username": user.email, "password": TEST_PASSWORD})


def signed_in_with_password_only(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_business_support_without_an_authenticator_is_sent_to_set_one_up_after_the_password(client, business_support):
    response = password_only(client, business_support)
    assert response.status_code == 302
    assert response.url.startswith(SETUP)
    assert client.session["_auth_user_id"] == str(business_support.pk)


def test_an_administrator_with_an_authenticator_is_asked_for_a_code_after_the_password(client, administrator):
    verified_device(administrator)
    response = password_only(client, administrator)
    assert response.url.startswith(VERIFY)
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Enter your code" in page.content.decode()


@pytest.mark.parametrize("role", ["business_support", "administrator"])
def test_without_the_second_step_no_page_is_reachable_not_even_the_back_office(role, cast):
    user = getattr(cast, role)
    verified_device(user)
    client = signed_in_with_password_only(user)
    checked = 0
    for entry in matrix.all_entries():
        if entry.name in {"two-factor-verify", "two-factor-setup", "logout"}:
            continue
        try:
            with transaction.atomic():  # each entry's objects are made afresh, then rolled back
                url = (
                    entry.path(cast)
                    if entry.path
                    else reverse(entry.name, kwargs=entry.kwargs(cast) if entry.kwargs else None)
                )
                if entry.query:
                    url = f"{url}?{entry.query}"
                response = getattr(client, entry.method)(url)
                assert response.status_code == 302, f"{entry.id}: {response.status_code}"
                assert response.url.startswith(VERIFY), f"{entry.id} went to {response.url}"
                checked += 1
                raise RollBack
        except RollBack:
            pass
    assert checked > 50  # every page of the portal and the back office, including /admin/
    assert client.get("/admin/").url.startswith(VERIFY)


def test_the_second_step_then_opens_the_portal_and_the_back_office(business_support):
    device = verified_device(business_support)
    client = Client()
    password_only(client, business_support)
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/"})
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(
        user=business_support, action=AuditAction.SIGNED_IN, detail__contains="Second"
    ).exists()


def test_a_code_works_only_once(administrator):
    device = verified_device(administrator)
    code = code_for(device)
    first = Client()
    password_only(first, administrator)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second = Client()
    password_only(second, administrator)
    response = second.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "not valid, has been used already" in response.content.decode()
    assert second.get(reverse("home")).url.startswith(VERIFY)
    failure = AuditEvent.objects.filter(user=administrator, action=AuditAction.SIGN_IN_FAILED).get()
    assert failure.detail == "Wrong second-factor code"


def test_a_code_from_two_time_steps_ago_is_refused(administrator):
    device = verified_device(administrator)
    client = Client()
    password_only(client, administrator)
    assert client.post(VERIFY, {"code": code_for(device, seconds_ago=2 * device.step + 1)}).status_code == 200
    assert "_auth_user_id" in client.session
    assert client.get(reverse("home")).status_code == 302


def test_a_wrong_code_is_refused_with_a_clear_message(administrator):
    verified_device(administrator)
    client = Client()
    password_only(client, administrator)
    response = client.post(VERIFY, {"code": "000000x"})
    assert "not valid" in response.content.decode()


def test_a_backup_code_works_once(administrator):
    verified_device(administrator)
    backup = StaticDevice.objects.create(user=administrator, name="Backup codes", confirmed=True)
    backup.token_set.create(token=backup_code_digest(backup.pk, "abcdefgh"))
    client = Client()
    password_only(client, administrator)
    assert client.post(VERIFY, {"code": "ABCD EFGH"}).status_code == 302
    assert not StaticToken.objects.filter(device=backup).exists()
    again = Client()
    password_only(again, administrator)
    assert again.post(VERIFY, {"code": "abcdefgh"}).status_code == 200


def test_setting_up_shows_a_qr_code_and_backup_codes_and_verifies_the_session(client, business_support):
    password_only(client, business_support)
    page = client.get(SETUP)
    html = page.content.decode()
    assert "<svg" in html and "QR code for your app" in html
    assert "http" not in re.search(r"<svg.*?</svg>", html, re.S).group(0).replace("http://www.w3.org", "")
    device = TOTPDevice.objects.get(user=business_support, confirmed=False)
    wrong = client.post(SETUP, {"code": "123456", "password": TEST_PASSWORD})
    assert "did not match" in wrong.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)  # skip the 1-second throttle
    response = client.post(SETUP, {"code": code_for(device), "password": TEST_PASSWORD})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=business_support).count() == 10
    device.refresh_from_db()
    assert device.confirmed
    assert response["Cache-Control"].count("no-store") == 1
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(user=business_support, action=AuditAction.SECOND_FACTOR_SET_UP).count() == 1


def test_the_password_alone_cannot_replace_an_existing_authenticator(client, administrator):
    verified_device(administrator)
    password_only(client, administrator)
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)
    assert client.post(SETUP, {"code": "123456"}).url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=administrator).count() == 1


def test_a_partner_lead_without_an_authenticator_signs_in_with_the_password_alone(client, lead_a):
    response = password_only(client, lead_a)
    assert response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_a_partner_lead_who_set_one_up_is_asked_for_a_code_too(client, lead_a):
    device = verified_device(lead_a)
    response = password_only(client, lead_a)
    assert response.url.startswith(VERIFY)
    assert client.get(reverse("partners:partner-detail", args=[lead_a.partner_id])).url.startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(device)})
    assert client.get(reverse("home")).status_code == 200


def test_signing_out_is_possible_before_the_second_step(business_support):
    client = signed_in_with_password_only(business_support)
    response = client.post(reverse("logout"))
    assert response.url == resolve_url(settings.LOGOUT_REDIRECT_URL)
    assert "_auth_user_id" not in client.session


def test_backup_codes_can_be_renewed_only_with_a_verified_second_factor(as_user, business_support, lead_a):
    response = as_user(business_support).post(reverse("two-factor-backup-codes"))
    assert len(response.context["codes"]) == 10
    assert as_user(lead_a).post(reverse("two-factor-backup-codes")).url == reverse("two-factor")
    assert not StaticDevice.objects.filter(user=lead_a).exists()


def test_the_overview_page_says_whether_it_is_on(as_user, business_support, lead_a):
    assert "is <strong>on</strong>" in as_user(business_support).get(reverse("two-factor")).content.decode()
    assert "is <strong>off</strong>" in as_user(lead_a).get(reverse("two-factor")).content.decode()


class TestAdministratorReset:
    def test_reset_asks_for_confirmation_first(self, as_user, administrator, lead_b):
        verified_device(lead_b)
        url = reverse("admin:partners_user_changelist")
        response = as_user(administrator).post(url, {"action": "reset_second_factor", "_selected_action": [lead_b.pk]})
        assert response.status_code == 200
        assert "Reset second factor?" in response.content.decode()
        assert TOTPDevice.objects.filter(user=lead_b).exists()

    def test_reset_removes_the_devices_ends_the_sessions_and_is_audited(self, as_user, administrator, lead_b):
        verified_device(lead_b)
        StaticDevice.objects.create(user=lead_b, name="Backup codes", confirmed=True)
        lead_client = as_user(lead_b)
        url = reverse("admin:partners_user_changelist")
        response = as_user(administrator).post(
            url, {"action": "reset_second_factor", "_selected_action": [lead_b.pk], "confirmed": "yes"}
        )
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=lead_b).exists()
        assert not StaticDevice.objects.filter(user=lead_b).exists()
        assert lead_client.get(reverse("home")).status_code == 302
        event = AuditEvent.objects.get(action=AuditAction.SECOND_FACTOR_RESET)
        assert (event.user, event.object_id, event.channel) == (administrator, str(lead_b.pk), "admin")

    def test_business_support_cannot_reset_anyone(self, as_user, business_support, lead_b):
        verified_device(lead_b)
        url = reverse("admin:partners_user_changelist")
        as_user(business_support).post(
            url, {"action": "reset_second_factor", "_selected_action": [lead_b.pk], "confirmed": "yes"}
        )
        assert TOTPDevice.objects.filter(user=lead_b).exists()


def test_the_test_helper_signs_in_with_the_second_step_done(as_user, business_support, administrator):
    assert as_user(business_support).get("/admin/").status_code == 200
    assert as_user(administrator).get(reverse("audit-list")).status_code == 200


def test_a_partner_lead_can_turn_it_off_with_a_current_code(as_user, lead_a):
    device = verified_device(lead_a)
    client = as_user(lead_a)
    url = reverse("two-factor-turn-off")
    assert "Turn off two-step sign-in?" in client.get(url).content.decode()
    assert client.post(url, {"code": "not-a-code"}).status_code == 400
    assert TOTPDevice.objects.filter(user=lead_a).exists()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    assert client.post(url, {"code": code_for(device)}).url == reverse("two-factor")
    assert not TOTPDevice.objects.filter(user=lead_a).exists()
    fresh = Client()
    assert password_only(fresh, lead_a).url == reverse("home")


def test_roles_that_must_use_it_cannot_turn_it_off(as_user, business_support):
    assert as_user(business_support).post(reverse("two-factor-turn-off"), {"code": "123456"}).status_code == 403
    assert TOTPDevice.objects.filter(user=business_support).exists()


def test_the_session_id_changes_again_after_the_second_step(administrator):
    from wscb.accounts.models import UserSession
    from wscb.accounts.sessions import key_hash

    device = verified_device(administrator)
    client = Client()
    password_only(client, administrator)
    after_password = client.session.session_key
    client.post(VERIFY, {"code": code_for(device)})
    assert client.session.session_key != after_password
    assert UserSession.objects.get(user=administrator).key_hash == key_hash(client.session.session_key)


def test_settings_make_the_second_factor_compulsory_for_the_back_office_roles(settings):
    assert set(settings.SECOND_FACTOR_REQUIRED_ROLES) == {"business_support", "administrator"}
    middleware = settings.MIDDLEWARE
    assert middleware.index("django_otp.middleware.OTPMiddleware") > middleware.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )
    assert middleware.index("wscb.accounts.two_factor.SecondFactorRequiredMiddleware") > middleware.index(
        "django_otp.middleware.OTPMiddleware"
    )


def test_moving_to_a_new_phone_needs_a_code_from_the_current_one(as_user, administrator):
    old = verified_device(administrator)
    client = as_user(administrator)
    page = client.get(SETUP)
    assert "Code from your current app" in page.content.decode()
    new = TOTPDevice.objects.get(user=administrator, confirmed=False)
    refused = client.post(SETUP, {"current_code": "999999", "code": code_for(new), "password": TEST_PASSWORD})
    assert "not a valid code from your current app" in refused.content.decode()
    assert TOTPDevice.objects.filter(pk=old.pk).exists()
    TOTPDevice.objects.filter(user=administrator).update(throttling_failure_count=0)
    response = client.post(SETUP, {"current_code": code_for(old), "code": code_for(new), "password": TEST_PASSWORD})
    assert len(response.context["codes"]) == 10
    assert list(TOTPDevice.objects.filter(user=administrator).values_list("pk", flat=True)) == [new.pk]
