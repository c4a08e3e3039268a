"""Backup and restore drill: back up, wipe, restore, and find every record and file identical."""

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from partners.models import KeyObjective, Partner, StrategicPriority
from tests.conftest import verified_device
from wscb.accounts.models import UserSession
from wscb.audit.models import AuditAction, AuditEvent
from wscb.audit.services import audit_record


def fingerprint() -> dict[str, tuple[int, str]]:
    """Per table: row count and a SHA-256 of every row in primary-key order."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        rows = list(model._base_manager.order_by("pk").values_list())
        tables[model._meta.db_table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return tables


def media_snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    (root / "minutes" / "2017").mkdir(parents=True)
    (root / "minutes" / "2017" / "a1b2c3.pdf").write_bytes(b"%PDF-1.4 minutes of the board" + bytes(range(256)))
    (root / "impact" / "report.docx").parent.mkdir()
    (root / "impact" / "report.docx").write_bytes(b"PK\x03\x04 impact report")
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def seeded(transactional_db, cast, media_root):
    priority = StrategicPriority.objects.create(
        board=cast.board, plan_period="2015-18", first_year=2015, last_year=2017, number=1, title="Governance"
    )
    KeyObjective.objects.create(priority=priority, order=1, text="Hold partners to account")
    verified_device(cast.administrator)
    audit_record(user=cast.lead_a, action=AuditAction.VIEWED, obj=cast.agency_a)
    audit_record(action=AuditAction.SIGN_IN_FAILED, label="nobody@example.org")
    UserSession.objects.create(user=cast.lead_a, key_hash="a" * 64, user_agent="Firefox")
    return cast


def test_backup_wipe_and_restore_gives_back_every_record_and_file(seeded, media_root, tmp_path):
    before = fingerprint()
    files_before = media_snapshot(media_root)
    rows_before = sum(count for count, _ in before.values())
    assert rows_before > 20 and len(files_before) == 2

    out = StringIO()
    call_command("backup", output=str(tmp_path / "backup"), stdout=out)
    assert "uploaded files" in out.getvalue()
    expected_file = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert (tmp_path / "backup" / expected_file).stat().st_size > 0

    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert Partner.objects.count() == 0 and AuditEvent.objects.count() == 0
    assert media_snapshot(media_root) == {}

    call_command("restore", str(tmp_path / "backup"), no_input=True, stdout=StringIO())

    after = fingerprint()
    mismatched = sorted(table for table in before if before[table] != after.get(table))
    assert mismatched == []
    assert len(after) == len(before)
    assert media_snapshot(media_root) == files_before
    # Sequences came back too: new rows do not collide with restored ones.
    assert Partner.objects.create(name="After restore", short_name="AR", sector="other").pk > seeded.agency_b.pk
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED, user_label="nobody@example.org").exists()


def test_a_backup_is_never_written_over_another(seeded, tmp_path):
    target = tmp_path / "existing"
    target.mkdir()
    (target / "something").write_text("keep me")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", output=str(target), stdout=StringIO())
    assert (target / "something").read_text() == "keep me"


def test_a_damaged_backup_is_refused_and_nothing_is_changed(seeded, media_root, tmp_path):
    call_command("backup", output=str(tmp_path / "backup"), stdout=StringIO())
    (tmp_path / "backup" / "media" / "impact" / "report.docx").write_bytes(b"tampered")
    before = fingerprint()
    with pytest.raises(CommandError, match="do not match"):
        call_command("restore", str(tmp_path / "backup"), no_input=True, stdout=StringIO())
    assert fingerprint() == before
    assert (media_root / "impact" / "report.docx").read_bytes() == b"PK\x03\x04 impact report"


def test_restore_asks_before_replacing_everything(seeded, tmp_path, monkeypatch):
    call_command("backup", output=str(tmp_path / "backup"), stdout=StringIO())
    Partner.objects.create(name="Added later", short_name="AL", sector="other")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(tmp_path / "backup"), stdout=StringIO())
    assert Partner.objects.filter(short_name="AL").exists()


def test_a_directory_that_is_not_a_backup_is_refused(transactional_db, tmp_path):
    with pytest.raises(CommandError, match="does not hold a portal backup"):
        call_command("restore", str(tmp_path), no_input=True, stdout=StringIO())
