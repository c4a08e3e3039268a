"""The report's indicator trend charts, drawn by ``wscb.charts`` (SVG for HTML and PDF, PNG for Word).

Every chart comes with a text alternative built from the same numbers.
"""

from wscb import charts


def trend_chart(*, title: str, labels: list[str], series: list[tuple[str, list]], suffix: str = ""):
    """The spec of an indicator's line chart: the local values and each comparator by year."""
    return charts.line_chart(title=title, labels=labels, series=series, suffix=suffix, height=270)


def trend_chart_svg(*, title: str, labels: list[str], series: list[tuple[str, list]], suffix: str = "") -> str:
    """A line chart as inline SVG (no script, no ids); laid out once per set of numbers."""
    return charts.svg(trend_chart(title=title, labels=labels, series=series, suffix=suffix))


def trend_chart_svgs(specs) -> list[str]:
    """Several trend charts as inline SVG, each carrying its spec for Word; laid out once per set of
    numbers across processes and servers (``wscb.charts.svgs``)."""
    return charts.svgs(specs)


def trend_chart_text(*, labels: list[str], series: list[tuple[str, list]], suffix: str = "") -> str:
    """The text alternative: each series' values by year, in words."""
    parts = []
    for name, values in series:
        shown = [
            f"{label} {value}{suffix}" if value is not None else f"{label} not available"
            for label, value in zip(labels, values, strict=True)
        ]
        parts.append(f"{name}: " + ", ".join(shown))
    return "; ".join(parts) + "."


def trend_chart_png(*, title: str, labels: list[str], series: list[tuple[str, list]], suffix: str = "") -> bytes:
    """The same chart as a PNG."""
    return charts.png(trend_chart(title=title, labels=labels, series=series, suffix=suffix))
