"""Server-side SVG charts (pygal), so they print in the PDF too; each has a text alternative."""

from __future__ import annotations

import pygal
from pygal.style import Style

from meetings.reporting import AttendanceTable

LEGEND_COLUMNS = 3
STYLE = Style(background="white", plot_background="white", font_family="DejaVu Sans, Arial, sans-serif")


def attendance_chart_svg(table: AttendanceTable) -> str:
    """A stacked bar per meeting, one colour per agency: people attending (deputies included)."""
    if not table.meetings or not table.rows:
        return ""
    series = [row for row in table.rows if row.total]
    legend_rows = -(-len(series) // LEGEND_COLUMNS)
    chart = pygal.StackedBar(
        style=STYLE,
        height=360 + 24 * legend_rows,  # room for every agency in the legend
        legend_at_bottom=True,
        legend_at_bottom_columns=LEGEND_COLUMNS,
        truncate_legend=30,
        x_title="Meeting date",
        y_title="People attending",
        disable_xml_declaration=True,
        explicit_size=False,
        js=[],
        title=f"Attendance at {table.group.name} meetings, {table.year.label}",
    )
    chart.x_labels = [meeting.held_on.strftime("%d/%m/%Y") for meeting in table.meetings]
    for row in series:
        chart.add(row.label, [cell.attended or None for cell in row.cells])
    return chart.render(is_unicode=True)
