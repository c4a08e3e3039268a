"""Files out: one update as Word or PDF, and the round tracker as a spreadsheet."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Font

from reports.selfreports.reporting import ReportDocument

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that a spreadsheet would run as a formula gets a leading quote (OWASP formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _add_document(doc, document: ReportDocument, *, heading_level: int = 1) -> None:
    report = document.report
    doc.add_heading(f"{report.partner.name}", level=heading_level)
    if document.wrong_year:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"Note: {document.wrong_year}").bold = True
    for block in document.sections:
        doc.add_heading(block.section.heading, level=heading_level + 1)
        if block.is_empty:
            doc.add_paragraph("Not answered.")
            continue
        for line in block.answers:
            if len(block.answers) > 1:
                doc.add_paragraph().add_run(line.question).bold = True
            for paragraph in (line.value or "Not answered.").split("\n\n"):
                doc.add_paragraph(paragraph.strip())
    if document.case_studies:
        doc.add_heading("Case studies", level=heading_level + 1)
        for study in document.case_studies:
            doc.add_heading(study.title, level=heading_level + 2)
            for paragraph in study.text.split("\n\n"):
                doc.add_paragraph(paragraph.strip())


def report_docx(document: ReportDocument) -> bytes:
    doc = Document()
    doc.core_properties.title = str(document.report)
    doc.add_heading(f"Partner annual update {document.report.round.year.label}", level=0)
    _add_document(doc, document)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def compiled_docx(documents: list[ReportDocument], *, title: str) -> bytes:
    doc = Document()
    doc.core_properties.title = title
    doc.add_heading(title, level=0)
    for document in documents:
        _add_document(doc, document)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def report_pdf(document: ReportDocument) -> bytes:
    from weasyprint import HTML

    html = render_to_string("reports/selfreport_pdf.html", {"document": document, "report": document.report})
    return HTML(string=html).write_pdf()


TRACKER_HEADERS = ["Agency", "Status", "Sections completed", "Sections in form", "Last change", "Overdue"]


def tracker_xlsx(rows, *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tracker"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    sheet.append(TRACKER_HEADERS)
    for row in rows:
        last = timezone.localtime(row.last_change).strftime("%d/%m/%Y %H:%M") if row.last_change else ""
        sheet.append(
            [
                safe_cell(row.report.partner.name),
                row.report.get_status_display(),
                row.sections_completed,
                row.sections_total,
                last,
                "Yes" if row.is_overdue else "No",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
