"""Publishing freezes the report as numbered versions; readers open published versions only."""

from decimal import Decimal

from django.urls import reverse

from finance import services as finance_services
from reports.annual import services
from reports.annual.models import IndicatorValue, NarrativeSection, PublishedReport
from tests.annual.factories import IndicatorFactory, IndicatorValueFactory, NarrativeFactory
from tests.finance.factories import ExpenditureLineFactory


def _publish(client):
    return client.post(reverse("annual:publish", args=[2016]), {"confirm": "on"})


def test_publishing_stores_html_pdf_and_word_as_version_one(as_user, business_support, board, run_jobs):
    NarrativeFactory(board=board, body="Frozen foreword words")
    response = _publish(as_user(business_support))
    assert response.status_code == 302
    assert not PublishedReport.objects.exists()  # the request records the intent; a worker lays it out
    run_jobs()
    published = PublishedReport.objects.get()
    assert (published.number, published.year_start, published.published_by) == (1, 2016, business_support)
    assert "Frozen foreword words" in published.html
    assert bytes(published.pdf).startswith(b"%PDF")
    assert bytes(published.docx).startswith(b"PK")
    assert published.page_count >= 2


def _finance_statement_html(html: str) -> str:
    return html[html.index('class="report-table finance-statement"') :][:6000]


def test_a_published_version_does_not_change_when_the_records_change(as_user, business_support, board, year):
    narrative = NarrativeFactory(board=board, body="Original words")
    indicator = IndicatorFactory(board=board, name="Plans reviewed in time")
    value = IndicatorValueFactory(indicator=indicator, numerator=134, denominator=146)
    line = ExpenditureLineFactory(
        finance_year__board=board, category__name="Professional Fees", amount=Decimal("25266.00")
    )
    first = services.report_publish(board=board, year=year, by=business_support)
    frozen_html, frozen_pdf, frozen_docx = first.html, bytes(first.pdf), bytes(first.docx)
    assert "91.8" in frozen_html
    assert "25,266" in _finance_statement_html(frozen_html)

    NarrativeSection.objects.filter(pk=narrative.pk).update(body="Changed words")
    IndicatorValue.objects.filter(pk=value.pk).update(numerator=100)
    finance_services.expenditure_line_update(
        line=line, version=line.version, by=business_support, amount=Decimal("99999.00")
    )

    first.refresh_from_db()
    assert (first.html, bytes(first.pdf), bytes(first.docx)) == (frozen_html, frozen_pdf, frozen_docx)
    served = as_user(business_support).get(reverse("annual:published", args=[first.pk])).content.decode()
    assert "Original words" in served and "Changed words" not in served
    assert "25,266" in _finance_statement_html(served) and "99,999" not in served
    pdf = as_user(business_support).get(reverse("annual:published-file", args=[first.pk, "pdf"])).content
    assert pdf == frozen_pdf

    second = services.report_publish(board=board, year=year, by=business_support)
    assert second.number == 2
    assert "Changed words" in second.html and "68.5" in second.html
    assert "99,999" in _finance_statement_html(second.html) and "25,266" not in second.html


def test_board_members_and_partner_leads_read_published_versions_but_not_drafts(
    as_user, business_support, board_member, lead_a, board, run_jobs
):
    NarrativeFactory(board=board)
    _publish(as_user(business_support))
    run_jobs()
    published = PublishedReport.objects.get()
    for user in (board_member, lead_a):
        client = as_user(user)
        index = client.get(reverse("annual:index")).content.decode()
        assert reverse("annual:published-file", args=[published.pk, "pdf"]) in index
        assert reverse("annual:draft", args=[2016]) not in index
        pdf = client.get(reverse("annual:published-file", args=[published.pk, "pdf"]))
        assert pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")
        assert client.get(reverse("annual:draft", args=[2016])).status_code == 403
        assert _publish(client).status_code == 403
    assert PublishedReport.objects.count() == 1


def test_publishing_without_confirming_publishes_nothing(as_user, business_support, board):
    response = as_user(business_support).post(reverse("annual:publish", args=[2016]), {})
    assert response.status_code == 400
    assert not PublishedReport.objects.exists()


def test_the_word_file_downloads_as_an_attachment(as_user, board_member, board):
    from tests.annual.factories import PublishedReportFactory

    published = PublishedReportFactory(board=board, number=3)
    response = as_user(board_member).get(reverse("annual:published-file", args=[published.pk, "docx"]))
    assert response["Content-Disposition"] == f'attachment; filename="{published.file_stem()}.docx"'
    assert response.content == b"PK frozen"
