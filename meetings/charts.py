"""Attendance charts drawn by ``wscb.charts`` (SVG, so they print in the PDF too), with a text alternative.

One bar per meeting: the people attending it. The agencies' own figures are in the table beside the
chart, not in a colour per agency (27 near-identical colours tell a reader nothing).
"""

from __future__ import annotations

from meetings.reporting import AttendanceTable
from wscb import charts


def attendance_chart(table: AttendanceTable):
    """The spec of the attendance chart, or None when there are no meetings."""
    if not table.meetings or not table.rows:
        return None
    labels = [meeting.held_on.strftime("%d/%m/%Y") for meeting in table.meetings]
    return charts.bar_chart(
        title=f"People attending {table.group.name} meetings, {table.year.label}",
        labels=labels,
        values=table.meeting_totals,
        horizontal=False,
        height=230,
        description=(
            f"People attending each {table.group.name} meeting in {table.year.label}: "
            + "; ".join(f"{label}: {total} people" for label, total in zip(labels, table.meeting_totals, strict=True))
            + "."
        ),
    )


def attendance_chart_svg(table: AttendanceTable) -> str:
    """A column per meeting (people attending, deputies included), as inline SVG; "" without meetings.
    Laid out once per set of numbers across processes and servers (``wscb.charts.svgs``)."""
    spec = attendance_chart(table)
    return charts.svgs([spec])[0] if spec else ""
