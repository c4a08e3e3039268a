"""Who reads case studies is stated truthfully and enforced the same way on every page and file:
the agency's partner leads and business support; administrators and board members only those marked
for publication, and every read is audited."""

from django.urls import reverse

from reports.selfreports import services
from reports.selfreports.models import CaseStudy
from tests.reports.factories import accepted
from wscb.audit.models import AuditEvent

STORY = "A girl of 12, anonymised, whose school noticed"


def _study(report, lead, *, published=False, by=None):
    study = services.case_study_save(
        report=report,
        data={"title": "Early help", "text": STORY, "declaration": CaseStudy.Declaration.ANONYMISED},
        by=lead,
    )
    if published:
        services.case_study_set_publication(case_study=study, is_for_publication=True, by=by)
    return study


def test_the_page_states_who_can_read_case_studies(report_a, lead_a, as_user):
    html = as_user(lead_a).get(reverse("reports:case-study-list", args=[report_a.pk])).content.decode()
    assert "partner leads and business support can read them" in html
    assert "Administrators and board members see only the case studies business support marks for publication" in html


def test_an_administrator_cannot_open_an_unpublished_case_study(report_a, lead_a, administrator, as_user):
    study = _study(report_a, lead_a)
    response = as_user(administrator).get(reverse("reports:case-study-detail", args=[report_a.pk, study.pk]))
    assert response.status_code == 404


def test_an_administrator_sees_no_unpublished_case_study_on_the_return_or_in_its_pdf(
    report_a, lead_a, administrator, as_user
):
    _study(report_a, lead_a)
    client = as_user(administrator)
    page = client.get(reverse("reports:selfreport-detail", args=[report_a.pk])).content.decode()
    assert STORY not in page and "Early help" not in page
    from reports.selfreports.reporting import report_document

    assert report_document(report=report_a, for_user=administrator).case_studies == []


def test_an_administrator_reads_a_published_case_study_and_the_read_is_audited(
    report_a, lead_a, business_support, administrator, as_user
):
    study = _study(report_a, lead_a, published=True, by=business_support)
    accepted(report_a, lead_a, business_support)
    page = as_user(administrator).get(reverse("reports:selfreport-detail", args=[report_a.pk])).content.decode()
    assert STORY in page
    assert AuditEvent.objects.filter(
        user=administrator, action="viewed", object_id=str(study.pk), content_type__model="casestudy"
    ).exists()


def test_business_support_reads_every_case_study(report_a, lead_a, business_support, as_user):
    study = _study(report_a, lead_a)
    response = as_user(business_support).get(reverse("reports:case-study-detail", args=[report_a.pk, study.pk]))
    assert response.status_code == 200 and STORY in response.content.decode()
