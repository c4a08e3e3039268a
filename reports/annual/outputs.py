"""The report as files: a standalone HTML document, a PDF (WeasyPrint, A4) and a Word document."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from reports.annual import document as blocks
from reports.annual.assembly import AnnualReport
from wscb import charts

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render_html(report: AnnualReport, *, for_print: bool = False) -> str:
    """The whole report as one HTML document with its own styles (print stylesheet included)."""
    return render_to_string("annual/report_document.html", {"report": report, "for_print": for_print})


#: Tagged PDF for screen readers (PDF/UA-1: structure tree, language, title shown, fonts embedded).
PDF_VARIANT = "pdf/ua-1"


def render_pdf(report: AnnualReport) -> tuple[bytes, int]:
    """(PDF bytes, number of pages). A4, page numbers in the footer, contents with page numbers;
    tagged (PDF/UA-1) with the language (en-GB), title and author, charts' text as figure
    alternatives."""
    document = layout_pdf(report)
    return document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages)


def layout_pdf(report: AnnualReport):
    """The laid-out WeasyPrint document (its pages and boxes), before it is written as a PDF."""
    from weasyprint import HTML

    return HTML(string=render_html(report, for_print=True), base_url=None).render(pdf_variant=PDF_VARIANT)


# --- Word ---------------------------------------------------------------------------------------
#: One family for every style of the Word file: body, headings, captions, header and footer.
#: (The PDF embeds DejaVu Sans; Word cannot rely on it being installed, and Arial is on every
#: machine that runs Word.)
WORD_FONT = "Arial"
WORD_LANGUAGE = "en-GB"
BLUE = RGBColor(0x1F, 0x4E, 0x79)


def render_docx(report: AnnualReport) -> bytes:
    """The report as Word: A4, en-GB, a cover, a contents field, Heading 1-4 without jumps, every
    block of the report's HTML (``reports.annual.document``), a running header and a footer with
    page numbers (PAGE and NUMPAGES fields), charts as pictures with their text as alternative text."""
    html = render_html(report, for_print=True)
    document = Document()
    _page_setup(document)
    _styles(document)
    _properties(document, report)
    _header_footer(document, report)
    _cover(document, report)
    _contents(document, report)
    _write_blocks(document, blocks.report_blocks(html))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(1.8)
        section.top_margin, section.bottom_margin = Cm(1.8), Cm(2)
        section.header_distance = section.footer_distance = Cm(0.9)
        section.different_first_page_header_footer = True


def _set_font(style_or_run_element, *, name: str = WORD_FONT) -> None:
    """Set every script's font (ascii, hAnsi, cs, eastAsia) and drop theme fonts that override it."""
    r_pr = style_or_run_element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme"):
            del fonts.attrib[attribute]
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), name)


def _set_language(r_pr) -> None:
    language = r_pr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        r_pr.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), WORD_LANGUAGE)


def _styles(document) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    r_pr = r_pr_default.find(qn("w:rPr"))
    _set_language(r_pr)
    normal = styles["Normal"]
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    for style in styles:
        element = getattr(style, "element", None)
        if element is not None and style.type in (1, 2):  # paragraph and character styles
            _set_font(element)
    for level, size in ((1, 16), (2, 13), (3, 11.5), (4, 10.5)):
        heading = styles[f"Heading {level}"]
        heading.font.size, heading.font.color.rgb, heading.font.bold = Pt(size), BLUE, True
        heading.font.italic = False
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.space_before = Pt(10 if level > 1 else 0)
    caption = styles["Caption"]
    caption.font.size, caption.font.bold, caption.font.italic, caption.font.color.rgb = Pt(9), True, False, BLUE
    caption.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.font.size, title.font.color.rgb = Pt(26), BLUE


def _properties(document, report: AnnualReport) -> None:
    properties = document.core_properties
    properties.title = report.title + (" (draft)" if report.is_draft else "")
    properties.author = report.board.name
    properties.language = WORD_LANGUAGE
    properties.subject = f"The annual report of the {report.board.name} for {report.year.label}"
    properties.comments = ""
    properties.keywords = ""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")  # Word fills in the contents' page numbers on opening
    update.set(qn("w:val"), "true")
    settings.append(update)


def _field(paragraph, instruction: str, result: str = "") -> None:
    """A field (PAGE, NUMPAGES, TOC ...) as Word writes one: begin, instruction, separate, result, end."""

    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run(result)
    char("end")


def _header_footer(document, report: AnnualReport) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if report.is_draft:
        mark = header.add_run("DRAFT    ")
        mark.bold, mark.font.color.rgb = True, RGBColor(0xA4, 0x26, 0x2C)
    header.add_run(f"{report.board.name} \u00b7 Annual Report {report.year.label}").font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")
    for run in footer.runs:
        run.font.size = Pt(8)


def _cover(document, report: AnnualReport) -> None:
    for _ in range(6):
        document.add_paragraph()
    document.add_paragraph(report.board.name, style="Title")
    subtitle = document.add_paragraph(style="Subtitle")
    subtitle.add_run(f"Annual Report {report.year.label}").font.size = Pt(18)
    document.add_paragraph(f"1 April {report.year.start:%Y} to 31 March {report.year.end:%Y}")
    if report.is_draft:
        mark = document.add_paragraph().add_run("DRAFT")
        mark.bold, mark.font.size, mark.font.color.rgb = True, Pt(22), RGBColor(0xA4, 0x26, 0x2C)
    elif report.version:
        document.add_paragraph(f"Version {report.version}, published {report.generated_at:%d/%m/%Y}")


def _contents(document, report: AnnualReport) -> None:
    """A contents field (Word fills in page numbers when it opens the file); until then it lists
    the section headings."""
    title = document.add_paragraph()
    title.paragraph_format.page_break_before = True
    run = title.add_run("Contents")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(16), BLUE
    paragraph = document.add_paragraph()
    headings = "\n".join(section.heading for section in report.all_sections)
    _field(paragraph, 'TOC \\o "1-3" \\h \\z \\u', "")
    # the field's stored result: the headings, one a line, shown until the field is updated
    result_run = paragraph.runs[-2]
    result_run.text = ""
    for number, line in enumerate(headings.split("\n")):
        if number:
            result_run.add_break()
        result_run.add_text(line)


def _write_blocks(document, items: list) -> None:
    level = 0
    for block in items:
        if isinstance(block, blocks.Heading):
            level = min(block.level, level + 1, 9)  # never a jump from 1 to 3
            paragraph = document.add_heading(block.text, level=level)
            paragraph.paragraph_format.page_break_before = block.starts_page
        elif isinstance(block, blocks.Paragraph):
            _paragraph(document, block)
        elif isinstance(block, blocks.ListBlock):
            for depth, runs in block.items:
                style = "List Number" if block.ordered else "List Bullet"
                if depth:
                    style += f" {min(depth + 1, 3)}"
                _runs(document.add_paragraph(style=style), runs)
        elif isinstance(block, blocks.Table):
            _table(document, block)
        elif isinstance(block, blocks.Chart):
            _chart(document, block)


def _runs(paragraph, runs) -> None:
    for item in runs:
        parts = item.text.split("\n")
        for index, part in enumerate(parts):
            run = paragraph.add_run(part)
            run.bold, run.italic = item.bold or None, item.italic or None
            if index < len(parts) - 1:
                run.add_break(WD_BREAK.LINE)


def _paragraph(document, block) -> None:
    style = {"quote": "Quote"}.get(block.kind)
    paragraph = document.add_paragraph(style=style)
    _runs(paragraph, block.runs)
    if block.kind in ("small", "chart-text"):
        for run in paragraph.runs:
            run.font.size = Pt(8.5)
    if block.kind == "notice":
        paragraph.paragraph_format.left_indent = Cm(0.4)
        for run in paragraph.runs:
            run.italic = True


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _cannot_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _table(document, block) -> None:
    if block.caption:
        document.add_paragraph(block.caption, style="Caption")
    rows = [("header", row) for row in block.header] + [("body", row) for row in block.body]
    rows += [("footer", row) for row in block.footer]
    columns = block.columns
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    widths = _column_widths([cells for _group, cells in rows], columns)
    for word_column, width in zip(table.columns, widths, strict=True):
        word_column.width = width  # the grid (LibreOffice reads it); each cell's width below (Word does)
    for word_row, (group, cells) in zip(table.rows, rows, strict=True):
        _cannot_split(word_row)
        if group == "header":
            _repeat_as_header(word_row)
        column = 0
        for cell in cells:
            target = word_row.cells[column]
            if cell.colspan > 1 and column + cell.colspan <= columns:
                target = target.merge(word_row.cells[column + cell.colspan - 1])
            paragraph = target.paragraphs[0]
            run = paragraph.add_run(cell.text)
            run.font.size = Pt(8.5)
            run.bold = cell.bold or group in ("header", "footer") or None
            if cell.is_number:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if group == "header":
                _shade(target, "DDE7F0")
            column += cell.colspan
        for word_cell, width in zip(word_row.cells, widths, strict=True):
            word_cell.width = width
    document.add_paragraph().paragraph_format.space_after = Pt(2)


#: The text width of an A4 page between the margins.
TEXT_WIDTH_CM = 21.0 - 2 * 1.8


CHARACTER_CM, CELL_PADDING_CM = 0.19, 0.45  # a bold character at the tables' 8.5 pt, and Word's cell margins


def _column_widths(rows: list, columns: int) -> list:
    """Widths that share the page by what each column holds: never narrower than its longest word
    (no word, number or date is broken), and labels get room for a few words a line."""
    shortest, wanted = [1.0] * columns, [1.0] * columns
    for cells in rows:
        column = 0
        for cell in cells:
            if cell.colspan == 1 and column < columns:
                word = max((len(part) for part in cell.text.split()), default=0)
                shortest[column] = max(shortest[column], word * CHARACTER_CM + CELL_PADDING_CM)
                wanted[column] = max(wanted[column], min(len(cell.text), 34) * CHARACTER_CM + CELL_PADDING_CM)
            column += cell.colspan
    wanted = [max(w, s) for w, s in zip(wanted, shortest, strict=True)]
    if sum(wanted) <= TEXT_WIDTH_CM:
        widths = [w * TEXT_WIDTH_CM / sum(wanted) for w in wanted]
    elif sum(shortest) < TEXT_WIDTH_CM:
        spare = TEXT_WIDTH_CM - sum(shortest)
        extra = [w - s for w, s in zip(wanted, shortest, strict=True)]
        widths = [s + e * spare / sum(extra) for s, e in zip(shortest, extra, strict=True)]
    else:
        widths = [s * TEXT_WIDTH_CM / sum(shortest) for s in shortest]
    return [Cm(width) for width in widths]


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _chart(document, block) -> None:
    document.add_picture(io.BytesIO(charts.png(block.spec)), width=Cm(16))
    picture = document.paragraphs[-1]
    picture.paragraph_format.keep_with_next = True
    properties = picture._p.xpath(".//wp:docPr")[0]
    properties.set("descr", block.alt)
    properties.set("title", block.spec.title)
