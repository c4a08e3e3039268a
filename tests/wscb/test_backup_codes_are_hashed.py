"""Backup codes are stored only as keyed digests (ASVS 2.6.2): the database never holds a code as
typed; a code works once, a wrong one fails, and new codes end the old ones. Codes stored in clear
before this change are hashed by a data migration and keep working."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from tests.conftest import verified_device
from tests.partners.factories import TEST_PASSWORD
from wscb.accounts.two_factor import backup_code_digest, backup_code_verify, backup_codes_create

pytestmark = pytest.mark.django_db

VERIFY = reverse("two-factor-verify")


def password_only(user) -> Client:
    client = Client()
    client.post(reverse("login"), {"username": user.email, "password": TEST_PASSWORD})
    return client


def stored_values() -> list[str]:
    return list(StaticToken.objects.values_list("token", flat=True))


def test_the_token_table_never_holds_a_code_as_typed(administrator, business_support):
    codes = backup_codes_create(user=administrator) + backup_codes_create(user=business_support)
    stored = stored_values()
    assert len(codes) == len(stored) == 20
    for code in codes:
        assert all(code not in value and code.upper() not in value for value in stored)
    assert all(len(value) == 16 for value in stored)


def test_the_same_code_for_two_people_is_stored_differently(administrator, business_support):
    mine = StaticDevice.objects.create(user=administrator, name="Backup codes", confirmed=True)
    theirs = StaticDevice.objects.create(user=business_support, name="Backup codes", confirmed=True)
    assert backup_code_digest(mine.pk, "abcdefgh") != backup_code_digest(theirs.pk, "abcdefgh")


def test_the_digest_depends_on_the_secret_key(administrator, settings):
    device = StaticDevice.objects.create(user=administrator, name="Backup codes", confirmed=True)
    before = backup_code_digest(device.pk, "abcdefgh")
    settings.SECRET_KEY = "another secret key of fifty characters or more for this test"
    assert backup_code_digest(device.pk, "abcdefgh") != before


def test_a_code_signs_in_once_and_a_wrong_code_fails(administrator):
    verified_device(administrator)
    codes = backup_codes_create(user=administrator)
    client = password_only(administrator)
    assert client.post(VERIFY, {"code": "zzzzzzzz"}).status_code == 200  # wrong: still on the step
    StaticDevice.objects.filter(user=administrator).update(throttling_failure_count=0)
    spaced = f"{codes[3][:4].upper()} {codes[3][4:]}"
    assert client.post(VERIFY, {"code": spaced}).status_code == 302
    assert StaticToken.objects.filter(device__user=administrator).count() == 9
    again = password_only(administrator)
    reused = again.post(VERIFY, {"code": codes[3]})
    assert reused.status_code == 200
    assert "not valid" in reused.content.decode()


def test_regenerating_ends_the_old_codes(administrator, as_user):
    old = backup_codes_create(user=administrator)
    response = as_user(administrator).post(reverse("two-factor-backup-codes"))
    new = response.context["codes"]
    assert set(new).isdisjoint(old)
    device = StaticDevice.objects.get(user=administrator)
    assert not any(backup_code_verify(device, code) for code in old[:3])
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    assert backup_code_verify(device, new[0]) is True
    assert backup_code_verify(device, new[0]) is False  # once only


def test_the_new_codes_are_shown_once_and_never_again(administrator, as_user):
    client = as_user(administrator)
    codes = client.post(reverse("two-factor-backup-codes")).context["codes"]
    overview = client.get(reverse("two-factor")).content.decode()
    assert "10" in overview
    assert not any(code in overview for code in codes)


def test_the_migration_hashes_codes_stored_in_clear_and_they_still_work(administrator):
    migration = importlib.import_module("wscb.migrations.0003_hash_backup_codes")
    device = StaticDevice.objects.create(user=administrator, name="Backup codes", confirmed=True)
    device.token_set.create(token="abcdefgh")
    device.token_set.create(token="ijklmnop")
    migration.hash_plain_codes(apps, None)
    migration.hash_plain_codes(apps, None)  # a second run leaves digests alone
    assert sorted(stored_values()) == sorted(
        [backup_code_digest(device.pk, "abcdefgh"), backup_code_digest(device.pk, "ijklmnop")]
    )
    assert "abcdefgh" not in stored_values()
    assert backup_code_verify(device, "ABCD EFGH") is True
    assert backup_code_verify(device, "abcdefgh") is False
