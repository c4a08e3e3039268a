"""Small trend charts for the indicators (``wscb.charts``: SVG, no script), for the dashboard."""

from wscb import charts


def small_trend(*, title: str, labels: list[str], series: list[tuple[str, list]]):
    """The spec of a compact line chart (local and comparators); the page shows a table beside it
    as its text."""
    return charts.line_chart(title=title, labels=labels, series=series, width=420, height=260)


def small_trend_svgs(specs) -> list[str]:
    """The page's charts, laid out once per set of numbers across processes (``charts.svgs``); a
    page needs no spec for Word."""
    return charts.svgs(specs, with_spec=False)
