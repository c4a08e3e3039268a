"""Before submitting, the lead checks every answer (with a Change link per section) and declares."""

from django.urls import reverse
from django.utils import timezone

from reports.selfreports import services
from reports.selfreports.models import SelfReport
from tests.reports.factories import DECLARATION, fill_all, section

DECLARE = {"declared_name": "Lena Lead-A", "declared_role": "Designated safeguarding lead", "confirm": "on"}


def test_the_check_page_shows_each_answer_with_a_change_link_to_its_section(report_a, lead_a, as_user):
    fill_all(report_a, lead_a)
    page = as_user(lead_a).get(reverse("reports:selfreport-check", args=[report_a.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Answer to policies" in html
    core = section(report_a)
    assert reverse("reports:selfreport-section", args=[report_a.pk, core.pk]) in html
    assert 'Change<span class="visually-hidden"> ' in html
    assert 'name="declared_name"' in html and 'name="declared_endorsed_by"' in html


def test_the_task_list_sends_the_lead_to_check_their_answers_instead_of_submitting_at_once(report_a, lead_a, as_user):
    fill_all(report_a, lead_a)
    html = as_user(lead_a).get(reverse("reports:selfreport-tasks", args=[report_a.pk])).content.decode()
    assert reverse("reports:selfreport-check", args=[report_a.pk]) in html
    assert f'action="{reverse("reports:selfreport-submit", args=[report_a.pk])}"' not in html


def test_submitting_without_the_declaration_is_refused(report_a, lead_a, as_user):
    fill_all(report_a, lead_a)
    response = as_user(lead_a).post(reverse("reports:selfreport-submit", args=[report_a.pk]), follow=True)
    report_a.refresh_from_db()
    assert report_a.status == SelfReport.Status.IN_PROGRESS
    assert "Give your name" in response.content.decode()


def test_submitting_with_the_declaration_records_name_role_date_and_endorsement(report_a, lead_a, as_user):
    fill_all(report_a, lead_a)
    response = as_user(lead_a).post(
        reverse("reports:selfreport-submit", args=[report_a.pk]), {**DECLARE, "declared_endorsed_by": "Dr Dee Rector"}
    )
    assert response.status_code == 302
    report_a.refresh_from_db()
    assert report_a.status == SelfReport.Status.SUBMITTED
    assert (report_a.declared_name, report_a.declared_role, report_a.declared_endorsed_by) == (
        "Lena Lead-A",
        "Designated safeguarding lead",
        "Dr Dee Rector",
    )
    assert report_a.declared_on == timezone.localdate()
    detail = as_user(lead_a).get(reverse("reports:selfreport-detail", args=[report_a.pk])).content.decode()
    assert "Dr Dee Rector" in detail and "Designated safeguarding lead" in detail


def test_the_declaration_needs_the_confirmation_ticked(report_a, lead_a, as_user):
    fill_all(report_a, lead_a)
    data = {key: value for key, value in DECLARE.items() if key != "confirm"}
    response = as_user(lead_a).post(reverse("reports:selfreport-submit", args=[report_a.pk]), data)
    assert response.status_code == 200
    assert "Confirm the declaration" in response.content.decode()
    report_a.refresh_from_db()
    assert report_a.status == SelfReport.Status.IN_PROGRESS


def test_the_service_refuses_a_blank_declaration(report_a, lead_a):
    import pytest

    fill_all(report_a, lead_a)
    with pytest.raises(services.SelfReportError, match="Give your name"):
        services.report_submit(report=report_a, by=lead_a, declaration=services.Declaration(name=" ", role="Lead"))
    services.report_submit(report=report_a, by=lead_a, declaration=DECLARATION)
    report_a.refresh_from_db()
    assert report_a.status == SelfReport.Status.SUBMITTED
