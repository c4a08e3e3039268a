"""A small trend chart for one indicator (``wscb.charts``: SVG, no script), for the dashboard."""

from wscb import charts


def small_trend_svg(*, title: str, labels: list[str], series: list[tuple[str, list]]) -> str:
    """A compact line chart (local and comparators); the page shows a table beside it as its text."""
    return charts.svg(charts.line_chart(title=title, labels=labels, series=series, width=420, height=260))
