"""Evidence files attached to answers: checked like every upload (a macro document, a renamed program
and a PDF with JavaScript are refused), stored under generated names, listed on the answer and in
business support's review, downloaded only by the agency's leads and business support (audited; another
agency's lead gets a 404), and deleted with their stored files by retention."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from reports.selfreports.models import Evidence
from tests.reports.factories import submitted
from wscb.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PDF_WITH_JAVASCRIPT = b"%PDF-1.4\n1 0 obj\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n%%EOF\n"


def _docx(extra=None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _url(report):
    return reverse("reports:evidence-list", args=[report.pk])


def _attach(client, report, name="Audit of Jayden's file.pdf", content=PDF, key="policies"):
    return client.post(_url(report), {"key": key, "file": SimpleUploadedFile(name, content)})


def test_a_lead_attaches_a_pdf_to_an_answer_under_a_generated_name_audited(report_a, lead_a, as_user):
    response = _attach(as_user(lead_a), report_a)
    assert response.status_code == 302
    item = Evidence.objects.get()
    assert (item.key, item.original_name, item.size) == ("policies", "Audit of Jayden's file.pdf", len(PDF))
    assert item.file.name.startswith(f"evidence/{report_a.round.board_id}/") and "Jayden" not in item.file.name
    event = AuditEvent.objects.get(action=AuditAction.CREATED, object_id=str(item.pk))
    assert "Jayden" not in event.object_label


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("policy.docx", _docx({"word/vbaProject.bin": "macro"}), "macros"),
        ("evidence.pdf", b"MZ\x90\x00" + b"\x00" * 200, "not a PDF"),
        ("evidence.pdf", PDF_WITH_JAVASCRIPT, "JavaScript"),
        ("run.exe", b"MZ\x90\x00" + b"\x00" * 200, ""),
    ],
    ids=["macro document", "renamed program", "pdf with javascript", "program"],
)
def test_active_or_disguised_files_are_refused(report_a, lead_a, as_user, name, content, message):
    response = _attach(as_user(lead_a), report_a, name=name, content=content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert not Evidence.objects.exists()


def test_the_question_must_be_one_of_the_forms(report_a, lead_a, as_user):
    response = _attach(as_user(lead_a), report_a, key="no_such_question")
    assert response.status_code == 200 and not Evidence.objects.exists()


@pytest.fixture
def attached(report_a, lead_a, as_user):
    assert _attach(as_user(lead_a), report_a).status_code == 302
    return Evidence.objects.get()


def _download(item):
    return reverse("reports:evidence-download", args=[item.report_id, item.pk])


def test_the_download_is_for_the_agencys_leads_and_business_support_only_and_audited(
    attached, lead_a, lead_b, business_support, board_member, administrator, as_user
):
    response = as_user(lead_a).get(_download(attached))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"] and response["Content-Type"] == "application/pdf"
    assert as_user(business_support).get(_download(attached)).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.EXPORTED, object_id=str(attached.pk)).count() == 2
    assert as_user(lead_b).get(_download(attached)).status_code == 404
    assert as_user(board_member).get(_download(attached)).status_code == 403
    assert as_user(administrator).get(_download(attached)).status_code == 403


def test_another_agencys_evidence_is_not_found_even_under_its_own_return(attached, report_b, lead_b, as_user):
    """lead_b asks for agency A's file through agency B's own return: still a 404."""
    url = reverse("reports:evidence-download", args=[report_b.pk, attached.pk])
    assert as_user(lead_b).get(url).status_code == 404


def test_the_file_is_listed_on_the_answer_and_in_business_supports_review(
    attached, report_a, lead_a, business_support, as_user
):
    check = as_user(lead_a).get(reverse("reports:selfreport-check", args=[report_a.pk])).content.decode()
    assert _download(attached) in check and "Audit of Jayden&#x27;s file.pdf" in check
    submitted(report_a, lead_a)
    review = as_user(business_support).get(reverse("reports:selfreport-detail", args=[report_a.pk])).content.decode()
    assert _download(attached) in review and "Evidence files (1)" in review


def test_once_submitted_the_lead_can_no_longer_attach_or_remove(attached, report_a, lead_a, as_user):
    submitted(report_a, lead_a)
    client = as_user(lead_a)
    assert _attach(client, report_a, name="late.pdf").status_code == 403
    delete = reverse("reports:evidence-delete", args=[report_a.pk, attached.pk])
    assert client.post(delete).status_code == 302
    assert Evidence.objects.count() == 1


def test_the_lead_removes_a_file_after_confirming_and_the_stored_file_goes(
    attached, report_a, lead_a, as_user, settings, django_capture_on_commit_callbacks
):
    stored = settings.MEDIA_ROOT / attached.file.name
    assert stored.exists()
    client = as_user(lead_a)
    delete = reverse("reports:evidence-delete", args=[report_a.pk, attached.pk])
    assert "Remove the file" in client.get(delete).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete).status_code == 302
    assert not Evidence.objects.exists() and not stored.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETED, object_id=str(attached.pk)).exists()


def test_retention_deletes_the_evidence_and_its_file_with_the_returns_case_studies(
    attached, report_a, settings, django_capture_on_commit_callbacks
):
    from freezegun import freeze_time

    stored = settings.MEDIA_ROOT / attached.file.name
    assert attached.retain_until == date(2023, 3, 31)
    with freeze_time("2023-03-31"), django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", "--apply", "--no-input", stdout=io.StringIO())
    assert Evidence.objects.count() == 1 and stored.exists()
    with freeze_time("2023-04-01"), django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", "--apply", "--no-input", stdout=io.StringIO())
    assert not Evidence.objects.exists() and not stored.exists()
