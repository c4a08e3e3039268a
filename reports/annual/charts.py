"""Charts for the report: pygal SVG for HTML and PDF, a Pillow PNG twin for Word.

Every chart comes with a text alternative built from the same numbers.
"""

import functools
import io
import re
import uuid

import pygal
from PIL import Image, ImageDraw, ImageFont
from pygal.style import Style

SERIES_COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000")
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222222",
    foreground_strong="#000000",
    foreground_subtle="#666666",
    colors=SERIES_COLOURS,
    font_family="DejaVu Sans, Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=15,
    value_font_size=11,
)


def trend_chart_svg(*, title: str, labels: list[str], series: list[tuple[str, list]]) -> str:
    """A line chart as inline SVG (no script, no XML declaration): ``series`` is [(name, values)]."""
    key = tuple(
        (name, tuple(float(value) if value is not None else None for value in values)) for name, values in series
    )
    svg = _trend_chart_svg(title, tuple(labels), key)
    # pygal repeats its legend ids in every chart; make them unique so several charts share a page.
    prefix = uuid.uuid4().hex[:8]
    return re.sub(r'id="activate-serie-(\d+)"', rf'id="c{prefix}-serie-\1"', svg)


@functools.lru_cache(maxsize=512)
def _trend_chart_svg(title: str, labels: tuple, series: tuple) -> str:
    """pygal's layout is half the time of the whole report page, and a chart depends only on its
    numbers: each worker keeps the last few hundred (a memo of a pure function, nothing shared)."""
    chart = pygal.Line(
        style=STYLE,
        width=720,
        height=300,
        js=[],
        disable_xml_declaration=True,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=4,
        dots_size=3,
        print_values=False,
        explicit_size=False,
        title=title,
        include_x_axis=False,
    )
    chart.x_labels = list(labels)
    for name, values in series:
        chart.add(name, list(values))
    svg = chart.render(is_unicode=True)
    # Its inline config script is only for the interactive tooltips, which the report does not use.
    return re.sub(r"<script\b.*?</script>", "", svg, flags=re.DOTALL)


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


def _font(size: int):
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def trend_chart_png(*, title: str, labels: list[str], series: list[tuple[str, list]]) -> bytes:
    """The same line chart drawn with Pillow, for Word (which cannot show SVG everywhere)."""
    width, height = 1200, 520
    left, right, top, bottom = 90, 30, 60, 130
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font, small = _font(24), _font(20)
    draw.text((left, 15), title[:90], fill="black", font=font)
    values = [float(v) for _, vals in series for v in vals if v is not None]
    if not values or not labels:
        draw.text((left, height // 2), "No figures to chart.", fill="black", font=font)
        return _png(image)
    low, high = min(values), max(values)
    span = (high - low) or max(abs(high), 1.0)
    low = max(0.0, low - span * 0.1) if low >= 0 else low - span * 0.1
    high = high + span * 0.1
    plot_w, plot_h = width - left - right, height - top - bottom

    def y_of(value):
        return top + plot_h - (value - low) / (high - low) * plot_h

    for step in range(5):
        value = low + (high - low) * step / 4
        y = y_of(value)
        draw.line((left, y, left + plot_w, y), fill="#dddddd", width=1)
        draw.text((5, y - 12), f"{value:.1f}", fill="#444444", font=small)
    count = len(labels)

    def x_of(index):
        return left + (plot_w * (index + 0.5) / count)

    for index, label in enumerate(labels):
        draw.text((x_of(index) - 40, top + plot_h + 10), label, fill="#222222", font=small)
    for number, (name, vals) in enumerate(series):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        points = [(x_of(i), y_of(float(v))) for i, v in enumerate(vals) if v is not None]
        if len(points) > 1:
            draw.line(points, fill=colour, width=4)
        for x, y in points:
            draw.ellipse((x - 6, y - 6, x + 6, y + 6), fill=colour)
        legend_x = left + number * 270
        draw.rectangle((legend_x, height - 50, legend_x + 24, height - 26), fill=colour)
        draw.text((legend_x + 32, height - 52), name[:22], fill="black", font=small)
    return _png(image)


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def bar_chart_png(*, title: str, labels: list[str], values: list[int]) -> bytes:
    """A horizontal bar chart drawn with Pillow, for Word: one bar per label with its value."""
    row, left, top = 44, 420, 70
    width, height = 1200, top + row * max(len(labels), 1) + 30
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font, small = _font(24), _font(20)
    draw.text((20, 15), title[:90], fill="black", font=font)
    if not labels:
        draw.text((20, top), "No figures to chart.", fill="black", font=font)
        return _png(image)
    high = max(max(values), 1)
    plot_w = width - left - 90
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + index * row
        draw.text((20, y + 8), label[:34], fill="#222222", font=small)
        draw.rectangle((left, y + 6, left + plot_w * value / high, y + row - 6), fill=SERIES_COLOURS[0])
        draw.text((left + plot_w * value / high + 8, y + 8), str(value), fill="#222222", font=small)
    return _png(image)
