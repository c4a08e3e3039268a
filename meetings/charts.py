"""Server-side SVG charts (pygal), so they print in the PDF too; each has a text alternative."""

from __future__ import annotations

import functools

import pygal
from pygal.style import Style

from meetings.reporting import AttendanceTable

LEGEND_COLUMNS = 3
STYLE = Style(background="white", plot_background="white", font_family="DejaVu Sans, Arial, sans-serif")


def attendance_chart_svg(table: AttendanceTable) -> str:
    """A stacked bar per meeting, one colour per agency: people attending (deputies included)."""
    if not table.meetings or not table.rows:
        return ""
    return _stacked_bar_svg(
        title=f"Attendance at {table.group.name} meetings, {table.year.label}",
        labels=tuple(meeting.held_on.strftime("%d/%m/%Y") for meeting in table.meetings),
        series=tuple(
            (row.label, tuple(cell.attended or None for cell in row.cells)) for row in table.rows if row.total
        ),
    )


@functools.lru_cache(maxsize=256)
def _stacked_bar_svg(*, title: str, labels: tuple, series: tuple) -> str:
    """pygal's layout costs more than the rest of the page; the chart depends only on these numbers,
    so each worker keeps the last few hundred (a memo of a pure function: nothing shared to go stale)."""
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
        title=title,
    )
    chart.x_labels = list(labels)
    for label, values in series:
        chart.add(label, list(values))
    return chart.render(is_unicode=True)
