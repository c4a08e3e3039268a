"""Each dashboard panel's figures as a table (headers, rows) for the CSV and XLSX downloads."""

from __future__ import annotations

from reports.dashboards import reporting

PANELS = {
    "indicators": "Headline indicators",
    "attendance": "Attendance",
    "training": "Training",
    "finance": "Finance",
    "returns": "Partner updates",
    "actions": "Meeting actions",
}


def _indicators(board, year, for_user, today):
    headers = ["Indicator", "Latest value", "Previous year", "England", "Direction of travel", "RAG", "Reason"]
    rows = [
        [h.name, h.latest, h.previous, h.england, h.direction, h.rag, h.rag_reason]
        for h in reporting.headline_indicators(board=board, year=year, with_charts=False)
    ]
    return headers, rows


def _attendance(board, year, for_user, today):
    headers = [
        "Group",
        "Agency",
        "Expected",
        "Present",
        "Deputised",
        "Apologies",
        "Absent",
        "Rate %",
        "Below threshold",
    ]
    panel = reporting.attendance_panel(board=board, year=year)
    rows = [
        [
            group.group.name,
            rate.label,
            rate.expected,
            rate.present,
            rate.deputised,
            rate.apologies,
            rate.absent,
            rate.percent,
            "Yes" if rate.is_below_threshold else "No",
        ]
        for group in panel.groups
        for rate in group.rates
    ]
    return headers, rows


def _training(board, year, for_user, today):
    panel = reporting.training_panel(board=board, year=year)
    places, before = panel.places, panel.summary.previous_headline
    headers = ["Measure", year.label, year.previous.label]
    rows = [
        ["Places booked", places.booked, before.booked],
        ["Attended", places.attended, before.attended],
        ["Did not attend", places.did_not_attend, before.did_not_attend],
        ["Did not attend rate %", panel.did_not_attend_rate, panel.previous_did_not_attend_rate],
        ["E-learning licences allocated", panel.elearning.allocated, panel.previous_elearning.allocated],
        ["E-learning completed", panel.elearning.completed, panel.previous_elearning.completed],
        ["E-learning completion rate %", panel.elearning.completion_rate, panel.previous_elearning.completion_rate],
    ]
    return headers, rows


def _finance(board, year, for_user, today):
    panel = reporting.finance_panel(board=board, year=year, for_user=for_user)
    headers = ["Measure", "Budget", "Actual"]
    rows = [["Income to date", None, panel.income]]
    rows += [[f"Expenditure: {row.category}", row.budget, row.actual] for row in panel.budget.rows]
    total = panel.budget.total
    rows.append(["Total expenditure", total.budget, total.actual])
    rows.append(["Opening reserves", None, panel.opening_reserves])
    rows.append(["Closing reserves", None, panel.closing_reserves])
    rows += [[f"Contribution outstanding: {row.partner}", row.agreed, row.outstanding] for row in panel.outstanding]
    return headers, rows


def _returns(board, year, for_user, today):
    panel = reporting.returns_panel(board=board, year=year, today=today)
    headers = ["Status", "Agencies"]
    rows = [[status.label, status.count] for status in panel.statuses]
    rows += [["Overdue: " + report.partner.name, 1] for report in panel.overdue]
    return headers, rows


def _actions(board, year, for_user, today):
    panel = reporting.actions_panel(board=board, today=today)
    headers = ["Owner agency", "Open", "Overdue"]
    rows = [[name, open_, overdue] for name, _pk, open_, overdue in panel.by_agency]
    rows.append(["Total", panel.open, panel.overdue])
    return headers, rows


BUILDERS = {
    "indicators": _indicators,
    "attendance": _attendance,
    "training": _training,
    "finance": _finance,
    "returns": _returns,
    "actions": _actions,
}


def panel_table(*, panel: str, board, year, for_user, today):
    return BUILDERS[panel](board, year, for_user, today)
