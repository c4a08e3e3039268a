"""IDOR: agency B's lead asking for any URL of agency A's update, section, case study, comment or export
gets 404, whatever the method, and nothing changes."""

import pytest
from django.urls import URLPattern, reverse

from reports.selfreports import services
from reports.selfreports.models import CaseStudy, ReviewComment, SelfReport
from reports.selfreports.urls import urlpatterns
from tests.reports.factories import full_values, section

REPORT_URLS = sorted(
    pattern.name
    for pattern in urlpatterns
    if isinstance(pattern, URLPattern)
    and "pk" in pattern.pattern.converters
    and pattern.name.startswith(("selfreport-", "case-study-"))
)


@pytest.fixture
def agency_a_objects(report_a, lead_a, business_support):
    core = section(report_a)
    services.section_save(report=report_a, section=core, values=full_values(report_a, core), version=0, by=lead_a)
    comment = services.comment_add(report=report_a, section=core, text="Please add evidence", by=business_support)
    study = services.case_study_save(
        report=report_a,
        data={"title": "Child A", "text": "Anonymised", "declaration": CaseStudy.Declaration.ANONYMISED},
        by=lead_a,
    )
    return {"report": report_a, "section": core, "comment": comment, "case_study": study}


def _kwargs(name, objects):
    kwargs = {"pk": objects["report"].pk}
    pattern = next(p for p in urlpatterns if p.name == name)
    if "section_pk" in pattern.pattern.converters:
        kwargs["section_pk"] = objects["section"].pk
    if "case_study_pk" in pattern.pattern.converters:
        kwargs["case_study_pk"] = objects["case_study"].pk
    return kwargs


def test_the_idor_list_covers_every_update_url():
    assert len(REPORT_URLS) == 18
    assert "selfreport-comment" in REPORT_URLS and "case-study-publish" in REPORT_URLS


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", REPORT_URLS)
def test_another_agencys_lead_gets_404_for_every_url_of_agency_as_update(
    name, method, agency_a_objects, lead_b, as_user
):
    report = agency_a_objects["report"]
    before = (SelfReport.objects.get(pk=report.pk).status, CaseStudy.objects.count(), ReviewComment.objects.count())
    url = reverse(f"reports:{name}", kwargs=_kwargs(name, agency_a_objects))
    response = getattr(as_user(lead_b), method)(url, {"title": "Hijack", "text": "x", "policies": "x", "version": 1})
    if name in {
        "selfreport-comment",
        "selfreport-review-save",
        "selfreport-return",
        "selfreport-accept",
        "case-study-publish",
    }:
        # Review actions are refused by role before any lookup: still nothing about agency A leaks.
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    assert (
        SelfReport.objects.get(pk=report.pk).status,
        CaseStudy.objects.count(),
        ReviewComment.objects.count(),
    ) == before
    assert agency_a_objects["case_study"].__class__.objects.get(pk=agency_a_objects["case_study"].pk).title == "Child A"


def test_every_update_id_but_their_own_agencys_gives_404_not_403(agency_a_objects, report_b, lead_b, as_user):
    client = as_user(lead_b)
    others = list(SelfReport.objects.exclude(partner=report_b.partner).values_list("pk", flat=True))
    missing = max(SelfReport.objects.values_list("pk", flat=True)) + 1
    assert agency_a_objects["report"].pk in others
    for report_id in [*others, missing]:
        assert client.get(reverse("reports:selfreport-detail", args=[report_id])).status_code == 404
        assert client.get(reverse("reports:selfreport-tasks", args=[report_id])).status_code == 404
    assert client.get(reverse("reports:selfreport-tasks", args=[report_b.pk])).status_code == 200


def test_a_board_member_cannot_open_a_draft_or_a_case_study(agency_a_objects, board_member, as_user):
    client = as_user(board_member)
    report = agency_a_objects["report"]
    study = agency_a_objects["case_study"]
    assert client.get(reverse("reports:selfreport-detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:selfreport-pdf", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:case-study-detail", args=[report.pk, study.pk])).status_code == 403


def test_a_board_member_reads_an_accepted_update_without_its_unpublished_case_studies(
    agency_a_objects, lead_a, business_support, board_member, as_user
):
    from tests.reports.factories import accepted

    report = agency_a_objects["report"]
    services.case_study_save(
        report=report,
        data={"title": "Published one", "text": "Shareable story", "declaration": CaseStudy.Declaration.ANONYMISED},
        by=lead_a,
    )
    published = CaseStudy.objects.get(title="Published one")
    services.case_study_set_publication(case_study=published, is_for_publication=True, by=business_support)
    accepted(report, lead_a, business_support)
    response = as_user(board_member).get(reverse("reports:selfreport-detail", args=[report.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Shareable story" in content
    assert "Child A" not in content
    assert "Please add evidence" not in content
