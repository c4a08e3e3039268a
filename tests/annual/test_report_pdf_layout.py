"""The demo's PDF as a designer would check it, read from WeasyPrint's layout boxes: no table row
split across pages, totals once, header rows repeated, captions with their tables, indicators two
to a page, no page but a section's last under 40% full, one font family."""

import io
import re

import pytest
from pypdf import PdfReader

from reports.annual import outputs
from tests.annual import pdf_layout

pytestmark = pytest.mark.django_db  # the demo is loaded into the test database (see conftest.demo_report)


@pytest.fixture(scope="module")
def laid_out(demo_report):
    document = outputs.layout_pdf(demo_report)
    return document, pdf_layout.page_facts(document)


@pytest.fixture(scope="module")
def pdf(laid_out):
    return laid_out[0].write_pdf(pdf_variant=outputs.PDF_VARIANT)


def test_no_table_row_is_split_across_pages(laid_out):
    _document, facts = laid_out
    assert sum(len(page.body_rows) for page in facts) > 300  # the report's tables were all measured
    assert pdf_layout.split_rows(facts) == 0


def test_no_page_but_the_last_of_a_section_is_under_40_percent_full(laid_out):
    _document, facts = laid_out
    assert pdf_layout.underfilled_pages(facts, threshold=0.4) == []


def test_total_rows_are_printed_once_and_header_rows_on_every_page_of_a_table(laid_out):
    document, facts = laid_out
    assert sum(len(page.footer_rows) for page in facts) >= 5  # the tables' total rows were measured
    assert pdf_layout.repeated_footers(facts) == 0
    # a table with a header row whose body runs over several pages shows the header on each of them
    tables = pdf_layout.tables_by_page(document)
    long_tables = [pages for pages in tables.values() if len(pages["body"]) > 1 and pages["header"]]
    assert long_tables, "the demo has tables longer than a page"
    for pages in long_tables:
        assert pages["body"] <= pages["header"]


def test_every_caption_is_on_the_page_where_its_table_starts(laid_out):
    tables = pdf_layout.tables_by_page(laid_out[0])
    captioned = [pages for pages in tables.values() if pages["caption"]]
    assert len(captioned) > 30
    for pages in captioned:
        first = min(pages["body"] | pages["header"])
        assert pages["caption"] == {first}


def test_indicators_are_laid_out_two_to_a_page(laid_out):
    per_page = pdf_layout.indicators_by_page(laid_out[0])
    counts = [len(indicators) for _page, indicators in sorted(per_page.items())]
    assert sum(counts) == 13
    assert all(count == 2 for count in counts[1:-1]), counts  # the first shares a page with the introduction


def test_body_and_running_header_use_one_font_family(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(re.sub(r"^[A-Z]{6}\+", "", str(font.get_object()["/BaseFont"]).lstrip("/")))
    assert fonts and all(name.startswith("DejaVu-Sans") for name in fonts), fonts
