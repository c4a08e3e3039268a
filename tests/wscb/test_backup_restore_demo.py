"""Backup drill at the scale of the demo: every app's records (returns, case studies, finance lines,
attendance, training, the annual report, the audit trail) and an uploaded file, backed up, wiped,
restored and compared table by table and row by row."""

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from meetings.models import Meeting
from reports.selfreports.models import CaseStudy, SelfReport
from tests.wscb.test_backup_restore import fingerprint, media_snapshot


@pytest.mark.django_db(transaction=True)
def test_the_whole_demo_comes_back_identical(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("DEMO_PASSWORD", "a demo password for tests")
    call_command("load_demo", stdout=StringIO())
    meeting = Meeting.objects.order_by("pk").first()
    meeting.minutes.save("minutes.pdf", ContentFile(b"%PDF-1.4 demo minutes"), save=True)
    assert SelfReport.objects.exists() and CaseStudy.objects.exists()

    before = fingerprint()
    files_before = media_snapshot(settings.MEDIA_ROOT)
    rows = sum(count for count, _ in before.values())
    call_command("backup", output=str(tmp_path / "backup"), stdout=StringIO())
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(settings.MEDIA_ROOT.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert not SelfReport.objects.exists()

    call_command("restore", str(tmp_path / "backup"), no_input=True, stdout=StringIO())
    after = fingerprint()
    assert sorted(table for table in before if before[table] != after.get(table)) == []
    assert media_snapshot(settings.MEDIA_ROOT) == files_before and len(files_before) == 1
    print(f"backup drill: {rows} records in {len(before)} tables compared, {len(files_before)} file")
    assert rows > 500
