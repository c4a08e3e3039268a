"""The public reads published reports without signing in, at a stable address per board and year;
drafts have no public address; case studies and contact details are in the public files only
where business support marked them for publication."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from reports.annual import services
from reports.annual.models import PublishedReport
from reports.selfreports.models import Answer, SelfReport
from tests.annual.factories import NarrativeFactory, PublishedReportFactory
from tests.partners.factories import BoardFactory


def _address(board, name="public:report", **kwargs):
    return reverse(name, kwargs={"board_slug": board.short_name.lower(), "year": "2016-17", **kwargs})


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def published(full_board, year, business_support):
    return services.report_publish(board=full_board, year=year, by=business_support)


def test_anyone_reads_a_published_version_its_pdf_and_word_without_signing_in(published, full_board):
    anonymous = Client()
    page = anonymous.get(_address(full_board))
    assert page.status_code == 200
    html = page.content.decode()
    assert f"{full_board.name}" in html and "Annual Report 2016/17" in html
    assert _address(full_board, "public:version-file", number=1, fmt="pdf") in html
    pdf = anonymous.get(_address(full_board, "public:report-file", fmt="pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content == bytes(published.pdf)
    docx = anonymous.get(_address(full_board, "public:report-file", fmt="docx"))
    assert docx.status_code == 200 and docx.content == bytes(published.docx)
    assert docx["Content-Disposition"] == f'attachment; filename="{published.file_stem()}.docx"'


def test_the_address_stays_the_same_and_shows_the_latest_version(published, full_board, year, business_support):
    second = services.report_publish(board=full_board, year=year, by=business_support)
    anonymous = Client()
    latest = anonymous.get(_address(full_board)).content.decode()
    assert "Version 2, published" in latest
    first = anonymous.get(_address(full_board, "public:version", number=1)).content.decode()
    assert "This is version 1" in first and _address(full_board) in first
    assert anonymous.get(_address(full_board, "public:version-file", number=2, fmt="pdf")).content == bytes(second.pdf)
    assert anonymous.get(_address(full_board, "public:version", number=3)).status_code == 404


def test_the_public_list_shows_every_published_year_with_its_files(published, full_board):
    PublishedReportFactory(board=full_board, year_start=2015, number=1)
    response = Client().get(reverse("public:board-reports", kwargs={"board_slug": "wscb"}))  # from "WSCB"
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Annual report 2016/17") < html.index("Annual report 2015/16")
    assert _address(full_board, "public:version-file", number=1, fmt="docx") in html


def test_a_draft_has_no_public_address(board):
    NarrativeFactory(board=board, year_start=2016, body="Draft words")
    anonymous = Client()
    for name, extra in (
        ("public:report", {}),
        ("public:report-file", {"fmt": "pdf"}),
        ("public:report-file", {"fmt": "docx"}),
    ):
        assert anonymous.get(_address(board, name, **extra)).status_code == 404
    assert not PublishedReport.objects.exists()


def test_unknown_inactive_or_mistyped_addresses_are_not_found(published, full_board):
    anonymous = Client()
    assert anonymous.get(reverse("public:board-reports", kwargs={"board_slug": "nobody"})).status_code == 404
    assert anonymous.get(_address(full_board).replace("2016-17", "2016-18")).status_code == 404
    other = BoardFactory(name="Zeta Safeguarding Partnership", short_name="ZSP")
    assert anonymous.get(_address(other)).status_code == 404  # another board's year: nothing published
    type(full_board).objects.filter(pk=full_board.pk).update(is_active=False)
    assert anonymous.get(_address(full_board)).status_code == 404


def test_a_case_study_not_marked_for_publication_is_absent_from_every_public_file(published, full_board):
    anonymous = Client()
    html = anonymous.get(_address(full_board)).content.decode()
    pdf = _pdf_text(anonymous.get(_address(full_board, "public:report-file", fmt="pdf")).content)
    docx = _docx_text(anonymous.get(_address(full_board, "public:report-file", fmt="docx")).content)
    for text in (html, pdf, docx):
        assert "Published story" in text
        assert "Unpublished story" not in text


def test_contact_details_are_published_only_where_marked(full_board, year, business_support):
    report = SelfReport.objects.filter(round__board=full_board, status=SelfReport.Status.ACCEPTED).first()
    name = Answer.objects.filter(entry__report=report, key="contact_name").values_list("value", flat=True).first()
    assert name, "the accepted return names its contact"
    unmarked = services.report_publish(board=full_board, year=year, by=business_support)
    assert name not in unmarked.html and name not in _docx_text(bytes(unmarked.docx))
    SelfReport.objects.filter(pk=report.pk).update(contact_is_for_publication=True)
    marked = services.report_publish(board=full_board, year=year, by=business_support)
    assert name in marked.html and name in _docx_text(bytes(marked.docx))


def test_public_pages_link_to_nothing_behind_sign_in(published, full_board):
    html = Client().get(_address(full_board)).content.decode()
    for private in ("/report/", "/reports/", "/admin/", "/account/", "/sign-in/", "/dashboard/", "/meetings/"):
        assert f'href="{private}' not in html
    assert "csrfmiddlewaretoken" not in html


def test_the_public_namespace_is_the_only_place_anonymous_visitors_are_served(db):
    from tests.permission_matrix import all_entries

    open_to_anonymous = {entry.name for entry in all_entries() if entry.expect.get("anonymous") == 200}
    sign_in_pages = {
        "login",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
    }
    # The training catalogue and sign-up (no sign-in to browse or sign up), and the pages an e-mailed
    # signed link opens (the link is the permission): each named, so a new open page is a decision.
    learning_pages = {
        "learning:catalogue",
        "learning:session",
        "learning:session-ics",
        "learning:sign-up",
        "learning:sign-up-done",
        "learning:cancel-link",
        "learning:approval",
    }
    assert open_to_anonymous - sign_in_pages - learning_pages == {
        name for name in open_to_anonymous if name.startswith("public:")
    }
    assert {name for name in open_to_anonymous if name.startswith("public:")} >= {"public:report", "public:report-file"}
