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
    if section.template == "annual/sections/not_available.html":
        _notice(document, section)
        return
    writer = _WRITERS.get(section.key, _docx_narrative_only)
    writer(document, section)


def _notice(document, section) -> None:
    paragraph = document.add_paragraph()
    label = "Incomplete." if section.status == "incomplete" else "Not yet available."
    run = paragraph.add_run(f"{label} {section.reason}")
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
    if data.facts_in_table:
        _table(
            document,
            ["Fact", "Value", *(["Source"] if data.has_sources else [])],
            [
                [fact.label, f"{fact.display_value} {fact.note}".strip(), *([fact.source] if data.has_sources else [])]
                for fact in data.facts_in_table
            ],
            caption=f"The area in {data.facts_in_table[0].year_label}",
        )
    elif not data.facts:
        _notice(document, section)


def _docx_governance(document, section) -> None:
    data = section.data
    if data.narrative.is_written:
        _docx_markdown(document, data.narrative.body)
    if section.status != "ready":
        _notice(document, section)
    document.add_heading("Key roles", level=3)
    if data.key_roles_narrative is not None and data.key_roles_narrative.is_written:
        _docx_markdown(document, data.key_roles_narrative.body)
    if data.key_roles:
        _table(
            document,
            ["Role", "Held by", "Post", "Agency"],
            [
                [role.role, role.name, role.post or NOT_AVAILABLE, role.agency or NOT_AVAILABLE]
                for role in data.key_roles
            ],
        )
    table = data.attendance
    if table is None or not table.meetings:
        return
    document.add_heading("Attendance", level=3)
    if data.attendance_narrative is not None and data.attendance_narrative.is_written:
        _docx_markdown(document, data.attendance_narrative.body)
    _table(
        document,
        ["Agency", *[f"{meeting.held_on:%d/%m/%y}" for meeting in table.meetings], "Total", "Rate"],
        [
            [
                row.label,
                *[str(cell.attended or NOT_AVAILABLE) for cell in row.cells],
                str(row.total),
                f"{rate.percent}%" if rate and rate.percent is not None else NOT_AVAILABLE,
            ]
            for row, rate in data.rows
        ]
        + [["Total", *[str(total) for total in table.meeting_totals], str(table.total), ""]],
        caption=f"People attending {table.group.name} meetings for each agency, {table.year.label}",
    )
    png = charts.bar_chart_png(
        title=f"People attending {table.group.name} meetings, {table.year.label}",
        labels=[f"{meeting.held_on:%d/%m/%Y}" for meeting in table.meetings],
        values=table.meeting_totals,
    )
    document.add_picture(io.BytesIO(png), width=Cm(15))
    document.add_paragraph(f"Chart: {data.attendance_chart_text}").runs[0].italic = True


def _docx_membership(document, section) -> None:
    if not section.data.members:
        _notice(document, section)
        return
    _table(
        document,
        ["Job title", "Agency", "Status"],
        [[m.post or m.role, m.agency or NOT_AVAILABLE, m.status] for m in section.data.members],
        caption=f"Members of the Board on {section.data.on:%d/%m/%Y}",
    )


def _docx_training(document, section) -> None:
    data = section.data
    if section.status != "ready":
        _notice(document, section)
    report = data.report
    if report is None:
        return
    for name in ("introduction", "cancellations", "schools", "elearning", "sub_group"):
        text = data.texts.get(name)
        if text is not None and text.is_written:
            _docx_markdown(document, text.body)
    summary = report.summary
    rows = []
    for name, label in (("booked", "Booked"), ("attended", "Attended"), ("cancelled", "Cancelled")):
        rows.append(
            [
                label,
                _fmt(getattr(summary.recorded, name)),
                _fmt(getattr(summary.stated, name, None)),
                _fmt(getattr(summary.previous_recorded, name)),
            ]
        )
    rows.append(
        [
            "Did not attend",
            _fmt(summary.recorded.did_not_attend),
            _fmt(getattr(summary.stated, "did_not_attend", None)),
            _fmt(summary.previous_recorded.did_not_attend),
        ]
    )
    year = summary.year
    _table(
        document,
        ["Places", f"{year.label} recorded", f"{year.label} stated", f"{year.previous.label} recorded"],
        rows,
        caption=f"Places on face-to-face courses, {year.label}",
    )
    for table in data.tables:
        _table(
            document,
            ["Course", "Planned", "Delivered", "Places available", "Attended"],
            [
                [row.title, _fmt(row.planned), _fmt(row.delivered), _fmt(row.places_available), _fmt(row.attended)]
                for row in table.rows
            ]
            + [
                [
                    "Total",
                    *[str(table.totals[name]) for name in ("planned", "delivered", "places_available", "attended")],
                ]
            ],
            caption=f"{table.caption}, {year.label}",
        )
    cancellations = report.cancellations
    _table(
        document,
        ["Reason", "Sessions", "Share of planned", "Stated"],
        [[row.label, _fmt(row.count), _fmt(row.share_of_planned, "%"), _fmt(row.stated)] for row in cancellations.rows],
        caption=f"Sessions cancelled by reason, of {cancellations.planned} courses planned",
    )
    elearning = report.elearning
    if elearning.modules:
        _table(
            document,
            ["Module", "Allocated", "Completed"],
            [[m.title, _fmt(m.allocated), str(m.completed)] for m in elearning.modules],
            caption=f"E-learning: {_fmt(elearning.allocated)} licences allocated, {elearning.completed} completed"
            + (f" ({elearning.completion_rate}%)" if elearning.completion_rate is not None else ""),
        )
        png = charts.bar_chart_png(
            title=f"E-learning completions by module, {year.label}",
            labels=[m.title for m in elearning.modules],
            values=[m.completed for m in elearning.modules],
        )
        document.add_picture(io.BytesIO(png), width=Cm(15))
        document.add_paragraph(f"Chart: {data.chart_text}").runs[0].italic = True
    if report.uptake:
        _table(
            document,
            ["Agency", "Booked", "Attended", "Did not attend", "Cancelled", "E-learning completed"],
            [
                [
                    u.name,
                    str(u.booked),
                    str(u.attended),
                    str(u.did_not_attend),
                    str(u.cancelled),
                    str(u.elearning_completed),
                ]
                for u in report.uptake
            ],
            caption=f"Uptake by agency, {year.label}",
        )


def _docx_finance(document, section) -> None:
    from finance.templatetags.money import pounds, signed_pounds

    statement = section.data.statement
    if section.status != "ready":
        _notice(document, section)
    if statement is None or not statement.years_held:
        return
    width = len(statement.years)
    rows = [["Expenditure", *[""] * width]]
    rows += [[row.label, *[pounds(a) for a in row.amounts]] for row in statement.expenditure]
    rows.append(["Total Expenditure", *[pounds(a) for a in statement.total_expenditure]])
    rows.append(["Contribution", *[""] * width])
    rows += [[row.label, *[pounds(a) for a in row.amounts]] for row in statement.income]
    rows.append(["Total Income", *[pounds(a) for a in statement.total_income]])
    rows.append(["Transfer to Reserves", *[pounds(a) for a in statement.transfer_to_reserves]])
    rows.append(["Reserves brought forward", *[pounds(a) for a in statement.opening_reserves]])
    rows.append(["Total Income in Reserve", *[pounds(a) for a in statement.closing_reserves]])
    _table(document, ["£", *[year.label for year in statement.years]], rows, caption="Financial report (actual, £)")
    if statement.differences:
        _table(
            document,
            ["Year", "Figure", "Stated", "Computed", "Difference"],
            [
                [i.year.label, i.label, pounds(i.stated), pounds(i.computed), signed_pounds(i.difference)]
                for i in statement.differences
            ],
            caption="Totals stated elsewhere that differ from the computed ones (£)",
        )


def _docx_partner_updates(document, section) -> None:
    data = section.data
    if section.status != "ready":
        _notice(document, section)
    for number, item in enumerate(data.returns, start=1):
        document.add_heading(f"{number}. {item.partner.name}", level=3)
        if item.wrong_year:
            document.add_paragraph(f"Period covered: {item.wrong_year}").runs[0].italic = True
        for block in item.sections:
            if block.is_empty:
                continue
            document.add_paragraph().add_run(block.section.heading).bold = True
            for line in block.answers:
                if not line.value:
                    continue
                if len(block.answers) > 1:
                    document.add_paragraph().add_run(line.question).italic = True
                for paragraph in line.value.split("\n\n"):
                    document.add_paragraph(paragraph.strip())
        if item.case_studies:
            document.add_paragraph().add_run("Case studies").bold = True
            for study in item.case_studies:
                document.add_paragraph().add_run(study.title).italic = True
                for paragraph in study.text.split("\n\n"):
                    document.add_paragraph(paragraph.strip())


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
        if row.activity_text.strip():
            _docx_markdown(document, row.activity_text)
        else:
            document.add_paragraph("No activity has been written for this priority.").runs[0].italic = True


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
        if data.include_analysis:
            document.add_paragraph(
                f"Portal analysis: direction of travel {table.direction}; against England {table.rag} "
                f"({table.rag_reason})."
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
            [
                [e.date_display, e.get_audience_display(), e.title, e.reach_display or NOT_AVAILABLE]
                for e in data.events
            ],
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
    "training": _docx_training,
    "finance": _docx_finance,
    "partner_updates": _docx_partner_updates,
    "membership": _docx_membership,
}
