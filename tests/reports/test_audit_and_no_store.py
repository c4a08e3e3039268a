"""Who read and who changed each partner return and case study: one audit row per action, with the
person, the address and the record, never the case-study text; every page and download is no-store;
another agency's lead gets a 404 that writes no row about the record and shows nothing of it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from reports.selfreports import services
from reports.selfreports.models import CaseStudy, SelfReport
from tests.reports.factories import DECLARATION, accepted, full_values, section, submitted
from wscb.audit.models import AuditAction, AuditEvent

SECRET = "Jayden, aged 7, of 14 Acacia Avenue"


@pytest.fixture
def study(report_a, lead_a):
    return services.case_study_save(
        report=report_a,
        data={"title": "Early help worked", "text": SECRET, "declaration": "anonymised"},
        by=lead_a,
    )


def events(model=None):
    queryset = AuditEvent.objects.order_by("pk")
    if model is not None:
        queryset = queryset.filter(content_type=ContentType.objects.get_for_model(model))
    return list(queryset.values_list("user__email", "action", "object_id", "detail"))


def assert_no_store(response):
    assert "no-store" in response["Cache-Control"]


def test_a_lead_reading_the_task_list_writes_one_viewed_row_with_address(report_a, lead_a, as_user):
    response = as_user(lead_a).get(reverse("reports:selfreport-tasks", args=[report_a.pk]), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    assert_no_store(response)
    event = AuditEvent.objects.exclude(action=AuditAction.SIGNED_IN).get()
    assert (event.user, event.action, event.object_id, event.ip_address) == (
        lead_a,
        AuditAction.VIEWED,
        str(report_a.pk),
        "10.1.2.3",
    )
    assert event.object_label == str(report_a)


@pytest.mark.parametrize("page", ["selfreport-tasks", "selfreport-detail", "case-study-list"])
def test_every_page_of_a_return_is_no_store_and_audited_as_viewed(page, report_a, lead_a, as_user):
    response = as_user(lead_a).get(reverse(f"reports:{page}", args=[report_a.pk]))
    assert response.status_code == 200
    assert_no_store(response)
    assert events(SelfReport) == [(lead_a.email, AuditAction.VIEWED, str(report_a.pk), "")]


def test_a_section_page_is_no_store_and_audited(report_a, lead_a, as_user):
    core = section(report_a)
    response = as_user(lead_a).get(reverse("reports:selfreport-section", args=[report_a.pk, core.pk]))
    assert_no_store(response)
    assert events(SelfReport) == [(lead_a.email, AuditAction.VIEWED, str(report_a.pk), "")]


@pytest.mark.parametrize("download", ["selfreport-docx", "selfreport-pdf"])
def test_downloading_a_return_is_no_store_and_audited_as_exported(download, report_a, lead_a, as_user):
    response = as_user(lead_a).get(reverse(f"reports:{download}", args=[report_a.pk]))
    assert response.status_code == 200
    assert_no_store(response)
    file_format = download.rsplit("-", 1)[-1]
    assert events(SelfReport) == [
        (lead_a.email, AuditAction.EXPORTED, str(report_a.pk), f"Partner update ({file_format})")
    ]


def test_the_compiled_year_and_its_download_are_no_store_and_audited_once_per_return_shown(
    report_a, report_b, lead_a, lead_b, business_support, board_member, as_user
):
    accepted(report_a, lead_a, business_support)
    accepted(report_b, lead_b, business_support)
    client = as_user(board_member)
    page = client.get(reverse("reports:partner-updates", args=[2016]))
    download = client.get(reverse("reports:partner-updates-docx", args=[2016]))
    assert_no_store(page)
    assert_no_store(download)
    rows = sorted(
        AuditEvent.objects.filter(detail__startswith="Compiled").values_list(
            "user__email", "action", "object_id", "detail"
        )
    )
    label = "Compiled partner updates 2016/17"
    assert rows == sorted(
        (board_member.email, action, str(report.pk), f"{label} ({file_format})")
        for action, file_format in ((AuditAction.VIEWED, "page"), (AuditAction.EXPORTED, "docx"))
        for report in (report_a, report_b)
    )


def test_the_compiled_page_writes_its_audit_rows_in_one_query(
    report_a, report_b, lead_a, lead_b, business_support, board_member, as_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    accepted(report_a, lead_a, business_support)
    accepted(report_b, lead_b, business_support)
    client = as_user(board_member)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("reports:partner-updates", args=[2016])).status_code == 200
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "wscb_auditevent"')]
    assert len(inserts) == 1
    assert AuditEvent.objects.filter(action=AuditAction.VIEWED, detail__startswith="Compiled").count() == 2


def test_the_case_study_delete_confirmation_is_logged_as_a_view_of_the_case_study(study, report_a, lead_a, as_user):
    response = as_user(lead_a).get(reverse("reports:case-study-delete", args=[report_a.pk, study.pk]))
    assert response.status_code == 200
    assert events(CaseStudy) == [(lead_a.email, AuditAction.VIEWED, str(study.pk), "")]
    assert events(SelfReport) == []


def test_saving_a_section_writes_one_changed_row_naming_the_section(report_a, lead_a, as_user):
    core = section(report_a, index=2)
    url = reverse("reports:selfreport-section", args=[report_a.pk, core.pk])
    response = as_user(lead_a).post(url, {"version": 0, "training": "Level 3", "workers_trained": "4"})
    assert response.status_code == 302
    assert events(SelfReport) == [
        (lead_a.email, AuditAction.CHANGED, str(report_a.pk), f"Section saved: {core.heading}. Changed: answers")
    ]


def test_an_invalid_section_save_writes_no_audit_row(report_a, lead_a, as_user):
    core = section(report_a, index=2)
    url = reverse("reports:selfreport-section", args=[report_a.pk, core.pk])
    as_user(lead_a).post(url, {"version": 0, "training": "x", "workers_trained": "many"})
    assert [row[1] for row in events(SelfReport)] == []  # a POST that re-renders the form is not a read


def test_submitting_returning_and_accepting_are_each_one_changed_row(report_a, lead_a, business_support, as_user):
    from tests.reports.factories import fill_all

    fill_all(report_a, lead_a)
    declare = {"declared_name": "Lena", "declared_role": "Lead", "confirm": "on"}
    assert as_user(lead_a).post(reverse("reports:selfreport-submit", args=[report_a.pk]), declare).status_code == 302
    support = as_user(business_support)
    support.post(reverse("reports:selfreport-return", args=[report_a.pk]), {"message": "More please"})
    services.report_submit(report=report_a, by=lead_a, declaration=DECLARATION)
    support.post(reverse("reports:selfreport-accept", args=[report_a.pk]))
    assert events(SelfReport) == [
        (lead_a.email, AuditAction.CHANGED, str(report_a.pk), "Submitted. Changed: status"),
        (business_support.email, AuditAction.CHANGED, str(report_a.pk), "Returned for changes. Changed: status"),
        (business_support.email, AuditAction.CHANGED, str(report_a.pk), "Accepted. Changed: status"),
    ]


def test_a_case_study_create_view_change_and_delete_each_write_one_row_without_its_text(report_a, lead_a, as_user):
    client = as_user(lead_a)
    data = {"title": "Early help worked", "text": SECRET, "declaration": "anonymised", "confirm": "on"}
    assert client.post(reverse("reports:case-study-create", args=[report_a.pk]), data).status_code == 302
    study = CaseStudy.objects.get()
    detail = reverse("reports:case-study-detail", args=[report_a.pk, study.pk])
    assert_no_store(client.get(detail))
    edit = reverse("reports:case-study-update", args=[report_a.pk, study.pk])
    assert_no_store(client.get(edit))
    client.post(edit, {**data, "text": SECRET + " (changed)", "version": study.version})
    client.post(reverse("reports:case-study-delete", args=[report_a.pk, study.pk]))
    assert not CaseStudy.objects.exists()
    pk = str(study.pk)
    assert events(CaseStudy) == [
        (lead_a.email, AuditAction.CREATED, pk, ""),
        (lead_a.email, AuditAction.VIEWED, pk, ""),
        (lead_a.email, AuditAction.VIEWED, pk, ""),
        (lead_a.email, AuditAction.CHANGED, pk, "Changed: text"),
        (lead_a.email, AuditAction.DELETED, pk, ""),
    ]
    for event in AuditEvent.objects.all():
        assert "Jayden" not in f"{event.detail} {event.object_label}"
        assert "Early help" not in event.object_label  # named by number, not by title
    assert AuditEvent.objects.filter(action=AuditAction.CREATED).get().object_label == (
        f"Case study #{pk} in {report_a}"
    )


def test_business_support_reading_and_publishing_a_case_study_is_audited(study, report_a, business_support, as_user):
    submitted(report_a, study.created_by)
    client = as_user(business_support)
    client.get(reverse("reports:case-study-detail", args=[report_a.pk, study.pk]))
    client.post(reverse("reports:case-study-publish", args=[report_a.pk, study.pk]), {"publish": "yes"})
    assert events(CaseStudy) == [
        (business_support.email, AuditAction.VIEWED, str(study.pk), ""),
        (
            business_support.email,
            AuditAction.CHANGED,
            str(study.pk),
            "Marked for publication. Changed: is_for_publication",
        ),
    ]


@pytest.mark.parametrize(
    "page",
    [
        "selfreport-tasks",
        "selfreport-detail",
        "selfreport-docx",
        "selfreport-pdf",
        "case-study-list",
        "case-study-create",
    ],
)
def test_another_agencys_lead_gets_404_no_audit_row_about_the_return_and_nothing_of_it(
    page, report_a, study, lead_b, as_user
):
    response = as_user(lead_b).get(reverse(f"reports:{page}", args=[report_a.pk]))
    assert response.status_code == 404
    body = response.content.decode()
    assert "Jayden" not in body and "Early help" not in body and report_a.partner.name not in body
    assert events(SelfReport) == [] and events(CaseStudy) == []


@pytest.mark.parametrize("page", ["case-study-detail", "case-study-update", "case-study-delete"])
def test_another_agencys_lead_cannot_read_a_case_study_and_leaves_no_viewed_row(page, report_a, study, lead_b, as_user):
    response = as_user(lead_b).get(reverse(f"reports:{page}", args=[report_a.pk, study.pk]))
    assert response.status_code == 404
    assert "Jayden" not in response.content.decode()
    assert events(CaseStudy) == []


def test_another_agencys_lead_cannot_change_a_section_and_no_changed_row_is_written(report_a, lead_b, as_user):
    core = section(report_a)
    url = reverse("reports:selfreport-section", args=[report_a.pk, core.pk])
    response = as_user(lead_b).post(url, {"version": 0, **full_values(report_a, core)})
    assert response.status_code == 404
    assert events(SelfReport) == []


def test_a_double_clicked_submit_submits_once_with_one_audit_row(report_a, lead_a, as_user):
    from reports.selfreports.models import Transition
    from tests.reports.factories import fill_all

    fill_all(report_a, lead_a)
    client = as_user(lead_a)
    url = reverse("reports:selfreport-submit", args=[report_a.pk])
    declare = {"declared_name": "Lena", "declared_role": "Lead", "confirm": "on"}
    first, second = client.post(url, declare), client.post(url, declare, follow=True)
    assert first.status_code == 302
    assert "Not submitted. This update is submitted" in second.content.decode()
    assert Transition.objects.filter(report=report_a, to_status="submitted").count() == 1
    assert [row[1:] for row in events(SelfReport) if row[1] == AuditAction.CHANGED] == [
        (AuditAction.CHANGED, str(report_a.pk), "Submitted. Changed: status")
    ]
