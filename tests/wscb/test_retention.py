"""Retention: apps register what expires; apply_retention lists it and, with --apply, deletes or
anonymises it, writing an audit row with counts only. The boundary day is kept."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q
from freezegun import freeze_time

from partners.models import Partner, User
from wscb.audit.models import AuditAction, AuditEvent
from wscb.ops import retention
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_registry(monkeypatch):
    """Each test starts with no rules, whatever the apps have registered."""
    monkeypatch.setattr(retention, "_registry", {})
    monkeypatch.setattr(retention, "_copy_keepers", {})


def run(*args) -> str:
    """The command as cron runs it: with --apply, without the question (--no-input)."""
    out = StringIO()
    call_command("apply_retention", *args, *(["--no-input"] if "--apply" in args else []), stdout=out)
    return out.getvalue()


def test_with_nothing_registered_it_lists_nothing_and_changes_nothing(agency_a):
    assert "No retention rules are registered" in run("--apply")
    assert Partner.objects.filter(pk=agency_a.pk).exists()
    assert not AuditEvent.objects.exists()


def test_the_default_period_is_six_years_after_the_reporting_year(settings):
    assert retention.retain_until_after_year(ReportingYear(2016)) == date(2023, 3, 31)
    settings.RETENTION_YEARS = 2
    assert retention.retain_until_after_year(ReportingYear(2016)) == date(2019, 3, 31)


@pytest.fixture
def partner_rule(agency_a, agency_b):
    # agency A's records belong to 2016/17 (kept until 31/03/2023); agency B's to 2017/18 (31/03/2024).
    years = {agency_a.pk: ReportingYear(2016), agency_b.pk: ReportingYear(2017)}
    return retention.retention_register(
        model=Partner,
        description="Partner agencies (test)",
        retain_until=lambda partner: (
            retention.retain_until_after_year(years[partner.pk]) if partner.pk in years else None
        ),
    )


def test_listing_shows_ids_and_dates_but_changes_nothing(partner_rule, agency_a, agency_b):
    with freeze_time("2023-06-01"):
        output = run()
    assert f"partners.partner #{agency_a.pk}: retain until 31/03/2023" in output
    assert f"#{agency_b.pk}" not in output
    assert "Agency A Trust" not in output  # no content, only ids
    assert "Nothing changed" in output
    assert Partner.objects.filter(pk=agency_a.pk).exists()


def test_on_the_boundary_day_the_record_is_kept_and_the_day_after_it_goes(partner_rule, agency_a, agency_b):
    with freeze_time("2023-03-31"):
        run("--apply")
    assert Partner.objects.filter(pk=agency_a.pk).exists()
    assert not AuditEvent.objects.exists()
    with freeze_time("2023-04-01"):
        output = run("--apply")
    assert "1 record(s) dealt with" in output
    assert not Partner.objects.filter(pk=agency_a.pk).exists()
    assert Partner.objects.filter(pk=agency_b.pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_APPLIED)
    assert event.detail == "partners.partner: 1 deleted (expired before 01/04/2023)"
    assert event.object_label == "" and "Agency" not in event.detail


def test_applying_twice_does_nothing_the_second_time(partner_rule, agency_a):
    with freeze_time("2024-06-01"):
        run("--apply")
        assert "Nothing to do." in run("--apply")
    assert AuditEvent.objects.filter(action=AuditAction.RETENTION_APPLIED).count() == 1


def test_a_rule_can_anonymise_instead_of_deleting(lead_a, lead_b):
    def anonymise(user):
        user.full_name = "Former user"
        user.email = f"removed-{user.pk}@invalid.example"
        user.is_active = False
        user.save()

    retention.retention_register(
        model=User,
        description="People who left (test)",
        retain_until=lambda user: date(2020, 1, 1) if user.pk == lead_a.pk else None,
        action="anonymise",
        anonymise=anonymise,
        done=Q(full_name="Former user"),
    )
    with freeze_time("2021-01-01"):
        run("--apply")
        assert "0 expired" in run()
    lead_a.refresh_from_db()
    lead_b.refresh_from_db()
    assert (lead_a.full_name, lead_a.is_active) == ("Former user", False)
    assert lead_b.full_name == "Ben Lead-B"
    assert AuditEvent.objects.get(action=AuditAction.RETENTION_APPLIED).detail.startswith("partners.user: 1 anonymised")


def test_a_date_field_rule_filters_in_the_database(lead_a, lead_b):
    from wscb.accounts.models import UserSession

    with freeze_time("2020-05-01 12:00"):
        old = UserSession.objects.create(user=lead_a, key_hash="old")
    with freeze_time("2020-05-02 00:30"):
        new = UserSession.objects.create(user=lead_b, key_hash="new")
    retention.retention_register(model=UserSession, description="Session records", date_field="created_at")
    with freeze_time("2020-05-02 12:00"):
        output = run("--apply")
    assert f"wscb.usersession #{old.pk}: retain until 01/05/2020" in output
    assert list(UserSession.objects.values_list("pk", flat=True)) == [new.pk]


def test_a_rule_must_say_how_to_date_and_what_to_do():
    with pytest.raises(ValueError):
        retention.retention_register(model=Partner, description="x")
    with pytest.raises(ValueError):
        retention.retention_register(model=Partner, description="x", date_field="a", retain_until=lambda p: None)
    with pytest.raises(ValueError):
        retention.retention_register(model=Partner, description="x", date_field="a", action="anonymise")


def test_a_bad_today_is_explained():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="31/03/2024"):
        run("--today", "2024-03-31")


def test_today_can_be_given_to_check_a_future_run(partner_rule, agency_a):
    assert f"#{agency_a.pk}" in run("--today", "01/04/2023")
