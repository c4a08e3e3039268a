"""One update as Word and PDF; a year's accepted updates compiled in agency order for section 10."""

import io

from django.urls import reverse
from docx import Document

from reports.selfreports import services
from reports.selfreports.models import CaseStudy
from reports.selfreports.reporting import compiled_partner_updates
from tests.partners.factories import PartnerFactory, PartnerLeadFactory
from tests.reports.factories import YEAR, accepted, open_round, report_for, section


def _docx_text(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)


def test_one_update_downloads_as_word_with_its_answers(report_a, lead_a, as_user):
    services.section_save(
        report=report_a, section=section(report_a), values={"policies": "Reviewed in May."}, version=0, by=lead_a
    )
    response = as_user(lead_a).get(reverse("reports:selfreport-docx", args=[report_a.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = _docx_text(response.content)
    assert "Agency A Trust" in text
    assert "a. Policies and guidance" in text
    assert "Reviewed in May." in text


def test_one_update_downloads_as_pdf(report_a, lead_a, business_support, as_user):
    accepted(report_a, lead_a, business_support)
    response = as_user(business_support).get(reverse("reports:selfreport-pdf", args=[report_a.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_compiled_year_has_only_accepted_updates_in_agency_order_with_published_case_studies(
    board, report_a, report_b, lead_a, lead_b, business_support, as_user
):
    accepted(report_b, lead_b, business_support)
    accepted(report_a, lead_a, business_support)
    hidden = CaseStudy.objects.create(report=report_a, title="Not for publication", text="x", declaration="anonymised")
    CaseStudy.objects.create(
        report=report_b, title="Published story", text="y", declaration="anonymised", is_for_publication=True
    )
    documents = compiled_partner_updates(board=board, year=YEAR)
    assert [d.partner.short_name for d in documents] == ["Agency A", "Agency B"]
    assert [s.title for s in documents[1].case_studies] == ["Published story"]
    assert documents[0].case_studies == []
    response = as_user(business_support).get(reverse("reports:partner-updates-docx", args=[2016]))
    text = _docx_text(response.content)
    assert text.index("Agency A Trust") < text.index("Agency B Police")
    assert "Published story" in text and hidden.title not in text


def test_an_update_still_in_progress_is_not_compiled(board, report_a, lead_a):
    services.section_save(report=report_a, section=section(report_a), values={"policies": "x"}, version=0, by=lead_a)
    assert compiled_partner_updates(board=board, year=YEAR) == []


def test_compiling_uses_a_fixed_number_of_queries_whatever_the_number_of_agencies(
    board, business_support, django_assert_max_num_queries
):
    from wscb.periods import ReportingYear

    def build(count, year):
        pairs = []
        for _ in range(count):
            agency = PartnerFactory()
            pairs.append((agency, PartnerLeadFactory(partner=agency)))
        round_ = open_round(board=board, agencies=[agency for agency, _ in pairs], by=business_support, year=year)
        for agency, lead in pairs:
            accepted(report_for(round_, agency), lead, business_support)
        return year

    for year, count in ((build(2, ReportingYear(2016)), 2), (build(6, ReportingYear(2017)), 6)):
        with django_assert_max_num_queries(9):
            documents = compiled_partner_updates(board=board, year=year)
        assert len(documents) == count
