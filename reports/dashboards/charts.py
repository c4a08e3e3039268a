"""A small trend chart for one indicator: pygal SVG with no script, for the dashboard."""

import re
import uuid

import pygal

from reports.annual.charts import STYLE


def small_trend_svg(*, title: str, labels: list[str], series: list[tuple[str, list]]) -> str:
    """A compact line chart (local and comparators); the page shows a table beside it as its text."""
    chart = pygal.Line(
        style=STYLE,
        width=360,
        height=200,
        js=[],
        disable_xml_declaration=True,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        dots_size=3,
        explicit_size=False,
        title=title,
        include_x_axis=False,
        show_y_guides=True,
    )
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, [float(value) if value is not None else None for value in values])
    svg = chart.render(is_unicode=True)
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.DOTALL)
    prefix = uuid.uuid4().hex[:8]
    return re.sub(r'id="activate-serie-(\d+)"', rf'id="d{prefix}-serie-\1"', svg)
