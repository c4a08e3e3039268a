"""Sections 3, 7, 9, 10 and 12 come from the meetings, training, finance and partner-update
records through those apps' reporting functions; the readiness check lists their problems."""

import re
from decimal import Decimal

from django.urls import reverse

from reports.annual import outputs
from reports.annual.assembly import build_report
from reports.annual.readiness import check_readiness
from reports.annual.sections.base import INCOMPLETE, READY
from reports.selfreports.models import SelfReport
from wscb import charts


def _sections(board, year):
    report = build_report(board=board, year=year)
    return report, {section.key: section for section in report.all_sections}


def test_governance_shows_key_roles_and_the_attendance_table_and_chart(full_board, year):
    _report, sections = _sections(full_board, year)
    governance = sections["governance"]
    assert governance.status == READY
    data = governance.data
    assert [(role.role, role.name) for role in data.key_roles] == [("Independent Chair", "Dr Paula Chair")]
    assert [meeting.held_on.isoformat() for meeting in data.attendance.meetings] == ["2016-05-02", "2016-05-09"]
    # Agency A sent apologies to the first meeting: 1 of 2 attended (50%); Agency B attended both.
    rows = {row.label: (row.total, rate.percent) for row, rate in data.rows}
    assert rows["Agency A"] == (1, Decimal("50.0"))
    assert rows["Agency B"] == (2, Decimal("100.0"))
    assert data.attendance.meeting_totals == [2, 3]
    assert "<svg" in data.attendance_chart_svg
    assert data.attendance_chart_text.endswith("02/05/2016: 2 people; 09/05/2016: 3 people.")


def test_membership_lists_each_member_with_post_agency_and_status(full_board, year):
    _report, sections = _sections(full_board, year)
    members = sections["membership"].data.members
    assert sections["membership"].status == READY
    assert [(m.post, m.agency, m.status) for m in members] == [
        ("Independent Chair", "", "Full"),
        ("Director, Agency A", "Agency A Trust", "Full"),
        ("Director, Agency B", "Agency B Police", "Full"),
    ]


def _finding_messages(report, kind_words):
    return [item.message for item in check_readiness(report).items if item.group.endswith(kind_words)]


def test_training_shows_the_course_tables_and_its_findings_reach_the_readiness_check(full_board, year):
    report, sections = _sections(full_board, year)
    training = sections["training"]
    assert training.status == READY
    table_one = training.data.report.tables["agreed"]
    assert [(row.title, row.planned, row.delivered, row.attended) for row in table_one.rows] == [
        ("Safeguarding course 0", 2, 0, 2)
    ]
    messages = [finding.message for finding in training.findings]
    stated = "Places attended: stated as 999 (Training database); the bookings recorded give 2 (difference +997)."
    assert stated in messages
    # Its two attendees are booked on sessions that are not marked delivered: a row that cannot be right.
    assert any(message.startswith("Safeguarding course 0 (Table One") for message in messages)
    in_readiness = _finding_messages(report, "stated differently in two places")
    assert any(message.startswith(stated) for message in in_readiness)


def test_finance_shows_the_statement_and_stated_totals_that_differ(full_board, year):
    report, sections = _sections(full_board, year)
    finance = sections["finance"]
    assert finance.status == READY
    statement = finance.data.statement
    assert [year.label for year in statement.years] == ["2014/15", "2015/16", "2016/17"]
    assert statement.total_income[-1] == Decimal("10200.00")
    assert statement.total_expenditure[-1] == Decimal("1000.00")
    [finding] = [finding for finding in finance.findings if finding.check == "finance_totals_against_lines"]
    assert finding.message == "Total income, 2016/17: stated as £10,201; the lines give £10,200 (difference +£1)."
    items = [item for item in check_readiness(report).items if item.group.endswith("against their parts")]
    assert any(item.message.startswith(finding.message) and item.fix_url == "/finance/" for item in items)


def test_partner_updates_show_only_accepted_returns_and_publishable_content(full_board, year, agency_b):
    report, sections = _sections(full_board, year)
    updates = sections["partner_updates"]
    assert updates.status == INCOMPLETE  # Agency B's return is not accepted
    assert [document.partner.name for document in updates.data.returns] == ["Agency A Trust"]
    html = outputs.render_html(report)
    section_10 = html[html.index('id="section-partner-updates"') : html.index('id="section-next-year"')]
    assert "Answer to policies" in section_10
    assert "Published story" in section_10
    assert "Unpublished story" not in section_10
    assert "Private review comment" not in section_10
    assert "Agency B Police" not in section_10

    pending = SelfReport.objects.get(partner=agency_b)
    item = next(item for item in check_readiness(report).items if item.group == "Partner returns")
    assert item.message == "Agency B Police: the 2016/17 return is not accepted (not started)."
    assert item.fix_url == reverse("reports:selfreport-detail", args=[pending.pk])


def test_evidence_counts_courses_partner_answers_and_published_case_studies(full_board, year):
    _report, sections = _sections(full_board, year)
    rows = {row.priority.number: row.evidence for row in sections["strategic_objectives"].data.rows}
    # Priority 1: one course, Agency A's answer, the published case study (not the unpublished one).
    assert (rows[1]["training courses"], rows[1]["partner answers"], rows[1]["case studies"]) == (1, 1, 1)
    assert (rows[2]["training courses"], rows[2]["partner answers"], rows[2]["case studies"]) == (0, 1, 0)
    assert "actions" not in " ".join(rows[1])
    assert "meeting actions are not counted" in sections["strategic_objectives"].data.not_counted[0]


def test_the_readiness_check_warns_when_finance_training_income_is_not_the_training_charges(full_board, year):
    report, sections = _sections(full_board, year)
    finance = sections["finance"].data
    assert (finance.training_income_recorded, finance.training_charges) == (Decimal("200.00"), Decimal("30.00"))
    item = next(item for item in check_readiness(report).items if "Training income" in item.message)
    assert item.message.startswith(
        "Training income, 2016/17: £200 in the finance statement; the training charges recorded come to £30 "
        "(difference +£170)."
    )
    assert item.fix_url == reverse("annual:training-income", args=[2016])


def test_the_word_file_has_the_apps_tables_and_charts(full_board, year, tmp_path):
    from io import BytesIO

    from docx import Document

    document = Document(BytesIO(outputs.render_docx(build_report(board=full_board, year=year))))
    first_cells = [table.rows[0].cells[0].text for table in document.tables]
    for header in ("Role", "Agency", "Places", "Course", "Reason", "£", "Job title"):
        assert header in first_cells
    statement = next(table for table in document.tables if table.rows[0].cells[0].text == "£")
    total_income = next(row for row in statement.rows if row.cells[0].text == "Total Income")
    assert [cell.text for cell in total_income.cells] == ["Total Income", "0", "0", "10,200"]
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    partner_updates = headings.index(("Heading 1", "10 Partner updates"))
    assert headings[partner_updates + 1] == ("Heading 2", "Agency A Trust")  # the accepted return, as a heading
    assert len(document.inline_shapes) == 13 + 1  # the indicators' charts and the attendance chart


def test_the_attendance_chart_is_one_column_per_meeting_however_many_agencies(full_board, year):
    from meetings.charts import attendance_chart
    from meetings.reporting import board_attendance
    from tests.annual.app_records import more_agencies

    table = board_attendance(year, full_board).table
    few = attendance_chart(table)
    table.rows = table.rows + [
        type(table.rows[0])(agency.short_name, agency.pk, table.rows[0].cells) for agency in more_agencies(25)
    ]
    many = attendance_chart(table)
    # The agencies are the table's rows; the chart is the people at each meeting, in one colour.
    assert few.labels == many.labels == ("02/05/2016", "09/05/2016")
    assert few.values == (2.0, 3.0) and many.values == tuple(float(total) for total in table.meeting_totals)
    svg = charts.svg(many)
    assert "Extra" not in svg
    # A rect's colour is its own fill or, for a run of bars of one colour, their group's.
    bar_colours = set(re.findall(r'<rect\b[^>]*\bfill="(#[0-9a-f]+)"', svg)) | set(
        re.findall(r'<g fill="(#[0-9a-f]+)"><rect\b', svg)
    )
    assert bar_colours == {"#ffffff", charts.COLOURS[0]}  # the background and one colour for every column
