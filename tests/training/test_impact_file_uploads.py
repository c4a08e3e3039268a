"""Impact reports uploaded in the back office: checked by content, stored under a generated name,
the replaced file removed from disk, served no-store, never from a media URL."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.training.factories import CourseFactory, CoursePlanFactory
from training.admin import CoursePlanForm

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\nimpact\n"


@pytest.fixture
def plan(board, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return CoursePlanFactory(course=CourseFactory(board=board, title="WRAP"), has_impact_report=True)


def form_for(plan, upload):
    data = {
        "start_year": plan.start_year,
        "programme": plan.programme,
        "position": plan.position,
        "courses_planned": plan.courses_planned,
        "are_figures_recorded": "on" if plan.are_figures_recorded else "",
        "has_impact_report": "on",
        "impact_summary": "",
        "evaluation_score": "",
        "evaluation_responses": "",
    }
    return CoursePlanForm(data, {"impact_file": upload}, instance=plan)


def test_an_upload_gets_a_generated_name_and_replaces_the_old_file_on_disk(
    plan, settings, django_capture_on_commit_callbacks
):
    form = form_for(plan, SimpleUploadedFile("Impact for Jayden.pdf", PDF, "application/pdf"))
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        form.save()
    first = plan.impact_file.name
    assert first.startswith("training/impact/") and "Jayden" not in first and first.endswith(".pdf")
    form = form_for(plan, SimpleUploadedFile("v2.pdf", PDF + b"v2", "application/pdf"))
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        form.save()
    assert not (settings.MEDIA_ROOT / first).exists()
    assert (settings.MEDIA_ROOT / plan.impact_file.name).read_bytes() == PDF + b"v2"


def test_a_program_renamed_pdf_is_refused(plan):
    form = form_for(plan, SimpleUploadedFile("impact.pdf", b"MZ\x90\x00 a program", "application/pdf"))
    assert not form.is_valid()
    assert "is not a PDF" in str(form.errors["impact_file"])


def test_the_download_is_no_store_and_the_media_url_serves_nothing(plan, board_member, as_user, settings):
    plan.impact_file.save("x.pdf", ContentFile(PDF), save=True)
    client = as_user(board_member)
    response = client.get(reverse("training:impact-file", args=[plan.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == 'attachment; filename="impact-report-WRAP-2016.pdf"'
    assert client.get(settings.MEDIA_URL + plan.impact_file.name).status_code == 404
