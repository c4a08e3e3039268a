"""The report as files: a standalone HTML document, a PDF (WeasyPrint, A4) and a Word document."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from reports.annual import charts
from reports.annual.assembly import AnnualReport
from reports.annual.markdown import markdown_blocks

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render_html(report: AnnualReport, *, for_print: bool = False) -> str:
    """The whole report as one HTML document with its own styles (print stylesheet included)."""
    return render_to_string("annual/report_document.html", {"report": report, "for_print": for_print})


def render_pdf(report: AnnualReport) -> tuple[bytes, int]:
    """(PDF bytes, number of pages). A4, page numbers in the footer, contents with page numbers."""
    from weasyprint import HTML

    document = HTML(string=render_html(report, for_print=True), base_url=None).render()
    return document.write_pdf(), len(document.pages)


# --- Word ---------------------------------------------------------------------------------------


def render_docx(report: AnnualReport) -> bytes:
    """Headings, paragraphs, tables and charts (as PNG images) in a .docx."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)
    title = document.add_heading(report.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if report.version:
        document.add_paragraph(f"Version {report.version}, published {report.generated_at:%d/%m/%Y}.")
    else:
        document.add_paragraph(f"Draft produced {report.generated_at:%d/%m/%Y %H:%M}.")
    document.add_heading("Contents", level=1)
    for section in report.all_sections:
        indent = "    " if section.level == 2 else ""
        document.add_paragraph(f"{indent}{section.heading}")
    for section in report.sections:
        _docx_section(document, section, level=1)
        for child in section.children:
            _docx_section(document, child, level=2)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_section(document, section, *, level: int) -> None:
    if level == 1:
        document.add_page_break()
    document.add_heading(section.heading, level=level)
    if section.is_missing and section.template == "annual/sections/not_available.html":
        _notice(document, section)
        return
    writer = _WRITERS.get(section.key, _docx_narrative_only)
    writer(document, section)


def _notice(document, section) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(f"Not yet available. {section.reason}")
    run.italic = True


def _docx_markdown(document, text: str) -> None:
    for kind, content in markdown_blocks(text):
        if kind == "heading":
            document.add_heading(content, level=3)
        elif kind == "bullet":
            document.add_paragraph(content, style="List Bullet")
        elif kind == "quote":
            document.add_paragraph(content, style="Quote")
        else:
            document.add_paragraph(content)


def _docx_narrative_only(document, section) -> None:
    narrative = section.data
    if narrative is None or not narrative.is_written:
        _notice(document, section)
        return
    _docx_markdown(document, narrative.body)
    if narrative.signed_by:
        document.add_paragraph(narrative.signed_by).runs[0].bold = True


def _table(document, header: list[str], rows: list[list[str]], caption: str = ""):
    if caption:
        document.add_paragraph(caption).runs[0].bold = True
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    return table


def _docx_context(document, section) -> None:
    data = section.data
    if data.narrative.is_written:
        _docx_markdown(document, data.narrative.body)
    if data.facts:
        _table(
            document,
            ["Fact", "Value", "Source"],
            [[fact.label, f"{fact.display_value} {fact.note}".strip(), fact.source] for fact in data.facts],
            caption=f"The area in {section.data.facts[0].year_label}",
        )
    else:
        _notice(document, section)


def _docx_governance(document, section) -> None:
    if section.data.narrative.is_written:
        _docx_markdown(document, section.data.narrative.body)
    _notice(document, section)


def _docx_strategic(document, section) -> None:
    data = section.data
    if data.narrative.is_written:
        _docx_markdown(document, data.narrative.body)
    for row in data.rows:
        document.add_heading(f"Priority {row.priority.number}: {row.priority.title}", level=3)
        if row.objectives:
            document.add_paragraph("This will be achieved by:")
            for objective in row.objectives:
                document.add_paragraph(objective.text, style="List Bullet")
        document.add_paragraph().add_run("Activity during the year").bold = True
        if row.activity and row.activity.text.strip():
            _docx_markdown(document, row.activity.text)
        else:
            document.add_paragraph("No activity has been written for this priority.").runs[0].italic = True
        evidence = ", ".join(f"{count} {name}" for name, count in row.evidence.items())
        flag = " Little or no evidence is tagged to this priority." if row.evidence_total < data.little_evidence else ""
        document.add_paragraph(f"Evidence tagged to this priority: {evidence}.{flag}")


NOT_AVAILABLE = "\u2013"  # an en dash, as the seed's tables show a missing figure


def _fmt(value, suffix: str = "") -> str:
    return NOT_AVAILABLE if value is None else f"{value}{suffix}"


def _docx_performance(document, section) -> None:
    data = section.data
    if data.narrative.is_written:
        _docx_markdown(document, data.narrative.body)
    for table in data.tables:
        indicator = table.indicator
        document.add_heading(indicator.name, level=3)
        if indicator.description:
            document.add_paragraph(indicator.description)
        rows = [[indicator.numerator_label] + [_fmt(v) for v in table.numerators]]
        rows.append([indicator.denominator_label or "Children aged 0-17"] + [_fmt(v) for v in table.denominators])
        rows.append(
            ["Local" + (" (%)" if not indicator.is_rate else " (per 10,000)")] + [_fmt(v) for v in table.values]
        )
        for name, values in table.comparators:
            if any(v is not None for v in values):
                rows.append([name] + [_fmt(v) for v in values])
        _table(document, [indicator.get_polarity_display(), *table.labels], rows)
        document.add_paragraph(
            f"Direction of travel: {table.direction}. Against England: {table.rag} ({table.rag_reason})."
        )
        png = charts.trend_chart_png(title=indicator.name[:80], labels=table.labels, series=table.chart_series)
        document.add_picture(io.BytesIO(png), width=Cm(15))
        document.add_paragraph(f"Chart: {table.chart_text}").runs[0].italic = True


def _docx_engagement(document, section) -> None:
    data = section.data
    if data.narrative.is_written:
        _docx_markdown(document, data.narrative.body)
    if data.events:
        _table(
            document,
            ["Date", "Audience", "Event", "Reach"],
            [[f"{e.held_on:%d/%m/%Y}", e.get_audience_display(), e.title, _fmt(e.reach)] for e in data.events],
            caption="Engagement events",
        )
    elif not data.narrative.is_written:
        _notice(document, section)


_WRITERS = {
    "context": _docx_context,
    "governance": _docx_governance,
    "strategic_objectives": _docx_strategic,
    "performance": _docx_performance,
    "engagement": _docx_engagement,
}
