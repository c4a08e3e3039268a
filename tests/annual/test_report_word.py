"""The Word file is the same document as the HTML: A4, en-GB, a running header, page numbers in the
footer, a contents field, Heading styles without jumps, every table (by caption) and every text of
the HTML, and the charts as pictures with their words as alternative text."""

import io
import itertools
import re
from collections import Counter

import lxml.html
import pytest
from docx import Document
from docx.oxml.ns import qn

from reports.annual import outputs

pytestmark = pytest.mark.django_db  # the demo is loaded into the test database (see conftest.demo_report)


@pytest.fixture(scope="module")
def files(demo_report):
    return outputs.render_html(demo_report, for_print=True), Document(io.BytesIO(outputs.render_docx(demo_report)))


def _words(text: str) -> list[str]:
    return re.findall(r"[\w£%.,'\u2019&/-]+", text.replace("\u2013", "-"))


def test_the_page_is_a4_with_an_en_gb_language(files):
    _html, document = files
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == "en-GB"
    assert document.core_properties.language == "en-GB"
    assert document.core_properties.author == "Wigan Safeguarding Children Board"


def test_the_footer_numbers_the_pages_and_the_header_names_the_report(files):
    _html, document = files
    section = document.sections[0]
    instructions = [node.text.strip() for node in section.footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "Page" in section.footer.paragraphs[0].text
    assert "Annual Report 2016/17" in section.header.paragraphs[0].text
    assert "DRAFT" in section.header.paragraphs[0].text


def test_there_is_a_contents_field_listing_the_sections(files):
    _html, document = files
    body = document.element.body
    toc = [node.text for node in body.iter(qn("w:instrText")) if node.text.strip().startswith("TOC")]
    assert toc and '\\o "1-3"' in toc[0]
    contents = next(
        p for p in document.paragraphs if any("TOC" in (n.text or "") for n in p._p.iter(qn("w:instrText")))
    )
    assert "Partner updates" in contents.text and "Financial report" in contents.text


def test_heading_levels_never_jump(files):
    html, document = files
    html_levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(html_levels))
    levels = [int(p.style.name.split()[-1]) for p in document.paragraphs if p.style.name.startswith("Heading ")]
    assert levels[0] == 1 and len(levels) > 50
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading ")]
    start = headings.index(("Heading 1", "10 Partner updates"))
    end = next(i for i in range(start + 1, len(headings)) if headings[i][0] == "Heading 1")
    partner_headings = [text for style, text in headings[start + 1 : end] if style == "Heading 2"]
    # each partner's update is a heading, not bold text, in the seed's order (SelfReport.report_position)
    assert len(partner_headings) == 11
    assert partner_headings[:3] == [
        "Wigan & Leigh College",
        "Greater Manchester Mental Health NHS Foundation Trust",
        "Inspiring Healthy Lifestyles",
    ]
    assert partner_headings[-1] == "Cheshire and Greater Manchester Community Rehabilitation Company"


def _html_tables(html: str) -> list[str]:
    root = lxml.html.document_fromstring(html)
    return [
        (t.find("caption").text_content().split() if t.find("caption") is not None else []) for t in root.iter("table")
    ]


def _word_tables(document) -> list[list[str]]:
    """The caption paragraph before each Word table (or none), in order."""
    captions, previous = [], None
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            style = previous.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if previous is not None else None
            is_caption = style is not None and style.get(qn("w:val")) == "Caption"
            text = "".join(node.text or "" for node in previous.iter(qn("w:t"))) if is_caption else ""
            captions.append(text.split())
        previous = child if child.tag == qn("w:p") else None
    return captions


def test_word_has_the_same_tables_as_the_html_by_caption(files):
    html, document = files
    html_tables = _html_tables(html)
    assert len(html_tables) >= 41
    assert _word_tables(document) == html_tables
    captions = [" ".join(words) for words in html_tables]
    for needed in (
        "Figures that do not add up (section 7)",  # the training section's reconciliation findings
        "E-learning licences, 2016/17",
        "Training counted rather than booked",
    ):
        assert any(caption.startswith(needed) for caption in captions), needed


def test_word_tables_have_every_column_and_row_of_the_html(files):
    html, document = files
    root = lxml.html.document_fromstring(html)
    for html_table, word_table in zip(root.iter("table"), document.tables, strict=True):
        html_rows = [
            [" ".join(cell.text_content().split()) for cell in row if cell.tag in ("th", "td")]
            for row in html_table.iter("tr")
        ]
        word_rows = [[cell.text for cell in _unique_cells(row)] for row in word_table.rows]
        assert word_rows == html_rows


def _unique_cells(row):
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def test_word_has_every_text_of_the_html(files):
    html, document = files
    root = lxml.html.document_fromstring(html)
    for skipped in root.xpath('//*[contains(@class, "report-cover")] | //nav | //svg | //style | //title'):
        skipped.drop_tree()
    for element in root.body.iter("p", "li", "td", "th", "caption", "h2", "h3", "h4", "h5", "div", "figcaption", "br"):
        element.tail = " " + (element.tail or "")  # a browser shows block elements apart
    html_words = Counter(_words(root.body.text_content()))
    body = document.element.body
    word_text = []
    for paragraph in body.iter(qn("w:p")):
        if any("TOC" in (node.text or "") for node in paragraph.iter(qn("w:instrText"))):
            continue
        word_text.append("".join(node.text or "" for node in paragraph.iter(qn("w:t"))))
    word_words = Counter(_words(" ".join(word_text)))
    missing = html_words - word_words
    assert not missing, f"in the HTML but not in Word: {list(missing.items())[:20]}"


def test_charts_are_pictures_with_their_words_as_alternative_text(files):
    html, document = files
    root = lxml.html.document_fromstring(html)
    svg_titles = [" ".join(title.text_content().split()) for title in root.xpath("//svg/title")]
    pictures = document.element.body.xpath(".//wp:docPr")
    assert len(pictures) == len(svg_titles) == 15  # 13 indicators, the attendance and the e-learning charts
    assert [picture.get("descr") for picture in pictures] == svg_titles
    assert all(picture.get("descr") for picture in pictures)
