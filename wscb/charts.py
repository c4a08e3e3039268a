"""The portal's charts, drawn by the portal: SVG for pages and the PDF, PNG for Word, from one layout.

A chart is a frozen spec (``LineChart``, ``BarChart``). ``layout(spec)`` works out the axes (every
value and every comparator lies inside them, ticks at round numbers), wraps the legend so no name
is cut, and returns drawing primitives; ``svg(spec)`` and ``png(spec)`` draw the same primitives,
so the two can never disagree. Layout and SVG are memoised per spec (a pure function of the
numbers), and ``svgs(specs)`` keeps a page's drawn charts in Django's cache so that every process
and server lays out each set of numbers once. One theme below (font, colours, dashes, markers)
styles every chart: the SVG carries presentation attributes, grouped so that each is written once
per run of items, and no CSS at all (so no chart repeats another's). Series differ by colour, dash and marker, never by
colour alone. Each chart has a text alternative (``spec.text``): the SVG's ``<title>``, which the
tagged PDF uses as the figure's alternative text, and the Word picture's description. In the
report's documents the SVG root also carries the spec as JSON (``data-chart``) so the Word writer
can draw the PNG twin of a chart it finds in the report's HTML (``spec_from_svg``); pages leave it
out (``for_page``, ``with_spec=False``).
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import itertools
import json
import math
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
FONT_FILES = {
    False: ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",),
    True: ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",),
}
TEXT = "#222222"
SUBTLE = "#595959"
GRID = "#d9d9d9"
#: Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), darkest first.
COLOURS = ("#1f4e79", "#d55e00", "#009e73", "#7a5195", "#cc79a7", "#0072b2")
DASHES = ("", "6 4", "2 3", "8 3 2 3", "4 2", "1 2")
MARKERS = ("circle", "square", "triangle", "diamond", "circle", "square")
TITLE_SIZE, LABEL_SIZE, VALUE_SIZE = 15, 12, 11


# --- specs ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LineChart:
    """Values per label for one or more series, e.g. an indicator and its comparators by year."""

    title: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    suffix: str = ""  # after each value in the text alternative: "%", " per 10,000"
    width: int = 720
    height: int = 300
    description: str = ""  # the text alternative; built from the values when empty
    kind: str = field(default="line", init=False)

    @property
    def text(self) -> str:
        if self.description:
            return self.description
        parts = []
        for name, values in self.series:
            shown = [
                f"{label} {_number(value)}{self.suffix}" if value is not None else f"{label} not available"
                for label, value in zip(self.labels, values, strict=True)
            ]
            parts.append(f"{name}: " + ", ".join(shown))
        return f"{self.title}. " + "; ".join(parts) + "."


@dataclass(frozen=True)
class BarChart:
    """One value per label: horizontal bars (long labels, e.g. modules) or vertical columns (dates)."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    horizontal: bool = True
    suffix: str = ""
    width: int = 720
    height: int = 300  # vertical columns only; horizontal bars grow with the labels
    description: str = ""
    kind: str = field(default="bar", init=False)

    @property
    def text(self) -> str:
        if self.description:
            return self.description
        items = "; ".join(
            f"{label}: {_number(value)}{self.suffix}" for label, value in zip(self.labels, self.values, strict=True)
        )
        return f"{self.title}. {items}."


def line_chart(*, title: str, labels, series, suffix: str = "", width: int = 720, height: int = 300, description=""):
    """A ``LineChart`` from lists (values may be Decimal or None)."""
    return LineChart(
        title=title,
        labels=tuple(labels),
        series=tuple((name, tuple(_float(v) for v in values)) for name, values in series),
        suffix=suffix,
        width=width,
        height=height,
        description=description,
    )


def bar_chart(
    *, title: str, labels, values, horizontal: bool = True, suffix: str = "", height: int = 300, description: str = ""
):
    """A ``BarChart`` from lists."""
    return BarChart(
        title=title,
        labels=tuple(labels),
        values=tuple(_float(v) or 0.0 for v in values),
        horizontal=horizontal,
        suffix=suffix,
        height=height,
        description=description,
    )


def _float(value) -> float | None:
    return None if value is None else float(value)


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


# --- primitives ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: int = LABEL_SIZE
    anchor: str = "start"  # start, middle, end
    bold: bool = False
    fill: str = TEXT


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 1.0
    dash: str = ""


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    shape: str
    fill: str
    size: float = 4.5


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    items: tuple


# --- measuring -----------------------------------------------------------------------------------
@functools.lru_cache(maxsize=16)
def _font(size: int, bold: bool = False):
    for path in FONT_FILES[bold]:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def text_width(text: str, size: int = LABEL_SIZE, bold: bool = False) -> float:
    return _font(size, bold).getlength(text)


def wrap(text: str, width: float, size: int = LABEL_SIZE, bold: bool = False) -> list[str]:
    """Words in lines no wider than ``width`` (a single long word keeps its own line, whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round-number ticks from at or below ``low`` to at or above ``high``."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step + 1e-9) * step
    ticks = [start]
    while ticks[-1] < high - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _tick_label(value: float, ticks: list[float]) -> str:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1
    return f"{value:,.0f}" if float(step).is_integer() else f"{value:,.1f}"


# --- layout --------------------------------------------------------------------------------------
def _title(items: list, title: str, width: int) -> float:
    y = 4.0
    for line in wrap(title, width - 16, TITLE_SIZE, bold=True):
        y += TITLE_SIZE + 5
        items.append(Text(8, y, line, TITLE_SIZE, bold=True))
    return y + 10


def _legend(items: list, names: list[str], top: float, width: int) -> float:
    """Swatches and whole names in rows; returns the height used."""
    x, y, row = 8.0, top + LABEL_SIZE, LABEL_SIZE + 10
    for index, name in enumerate(names):
        entry = 34 + text_width(name) + 18
        if x > 8 and x + entry > width - 8:
            x, y = 8.0, y + row
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        items.append(Line(((x, y - 4), (x + 26, y - 4)), colour, 2.5, dash))
        items.append(Marker(x + 13, y - 4, MARKERS[index % len(MARKERS)], colour, size=4.0))
        items.append(Text(x + 34, y, name))
        x += entry
    return y - top + 8


def _legend_height(names: list[str], width: int) -> float:
    return _legend([], names, 0, width)


@functools.lru_cache(maxsize=512)
def layout(spec) -> Layout:
    """The chart's primitives; pure, so memoised per spec."""
    if isinstance(spec, LineChart):
        return _line_layout(spec)
    if spec.horizontal:
        return _horizontal_bar_layout(spec)
    return _column_layout(spec)


def _line_layout(spec: LineChart) -> Layout:
    width, height = spec.width, spec.height
    items: list = []
    top = _title(items, spec.title, width) + 8
    names = [name for name, _ in spec.series]
    legend_h = _legend_height(names, width)
    values = [v for _, vals in spec.series for v in vals if v is not None]
    if not values or not spec.labels:
        items.append(Text(width / 2, top + 40, "No figures to chart.", anchor="middle"))
        return Layout(width, int(top + 60), tuple(items))
    ticks = nice_ticks(min(values), max(values))
    tick_labels = [_tick_label(t, ticks) for t in ticks]
    left = 12 + max(text_width(label) for label in tick_labels)
    right = width - 16
    plot_bottom = height - legend_h - LABEL_SIZE - 22
    low, high = ticks[0], ticks[-1]

    def y_of(value: float) -> float:
        return plot_bottom - (value - low) / (high - low) * (plot_bottom - top)

    for tick, label in zip(ticks, tick_labels, strict=True):
        y = y_of(tick)
        items.append(Line(((left, y), (right, y)), GRID, 1))
        items.append(Text(left - 6, y + 4, label, anchor="end", fill=SUBTLE))
    count = len(spec.labels)

    def x_of(index: int) -> float:
        return left + (right - left) * (index + 0.5) / count

    for index, label in enumerate(spec.labels):
        items.append(Text(x_of(index), plot_bottom + LABEL_SIZE + 8, label, anchor="middle", fill=SUBTLE))
    for number, (_name, vals) in enumerate(spec.series):
        colour, dash = COLOURS[number % len(COLOURS)], DASHES[number % len(DASHES)]
        run: list[tuple[float, float]] = []
        points = []
        for index, value in enumerate(vals):
            if value is None:
                if len(run) > 1:
                    items.append(Line(tuple(run), colour, 3 if number == 0 else 2, dash))
                run = []
                continue
            point = (x_of(index), y_of(value))
            run.append(point)
            points.append(point)
        if len(run) > 1:
            items.append(Line(tuple(run), colour, 3 if number == 0 else 2, dash))
        items.extend(Marker(x, y, MARKERS[number % len(MARKERS)], colour) for x, y in points)
    _legend(items, names, plot_bottom + LABEL_SIZE + 18, width)
    return Layout(width, height, tuple(items))


def _horizontal_bar_layout(spec: BarChart) -> Layout:
    width = spec.width
    items: list = []
    top = _title(items, spec.title, width)
    if not spec.labels:
        items.append(Text(width / 2, top + 40, "No figures to chart.", anchor="middle"))
        return Layout(width, int(top + 60), tuple(items))
    label_width = min(width * 0.42, max(text_width(label) for label in spec.labels))
    wrapped = [wrap(label, label_width) for label in spec.labels]
    ticks = nice_ticks(0, max(max(spec.values), 1))
    left = 8 + label_width + 10
    right = width - 16 - text_width(_number(max(spec.values)) + spec.suffix, VALUE_SIZE)
    line_h = LABEL_SIZE + 3
    y = top
    rows = []
    for lines in wrapped:
        row_h = max(24, len(lines) * line_h + 8)
        rows.append((y, row_h))
        y += row_h
    plot_bottom = y
    high = ticks[-1]

    def x_of(value: float) -> float:
        return left + value / high * (right - left)

    for tick in ticks:
        x = x_of(tick)
        items.append(Line(((x, top), (x, plot_bottom)), GRID, 1))
        items.append(Text(x, plot_bottom + LABEL_SIZE + 6, _tick_label(tick, ticks), anchor="middle", fill=SUBTLE))
    for (row_y, row_h), lines, value in zip(rows, wrapped, spec.values, strict=True):
        first = row_y + row_h / 2 - (len(lines) - 1) * line_h / 2 + 4
        for offset, line in enumerate(lines):
            items.append(Text(left - 10, first + offset * line_h, line, anchor="end"))
        items.append(Rect(left, row_y + 4, max(x_of(value) - left, 0.5), row_h - 8, COLOURS[0]))
        items.append(Text(x_of(value) + 5, row_y + row_h / 2 + 4, _number(value) + spec.suffix, VALUE_SIZE))
    return Layout(width, int(plot_bottom + LABEL_SIZE + 14), tuple(items))


def _column_layout(spec: BarChart) -> Layout:
    width, height = spec.width, spec.height
    items: list = []
    top = _title(items, spec.title, width) + VALUE_SIZE + 6
    if not spec.labels:
        items.append(Text(width / 2, top + 40, "No figures to chart.", anchor="middle"))
        return Layout(width, int(top + 60), tuple(items))
    ticks = nice_ticks(0, max(max(spec.values), 1))
    tick_labels = [_tick_label(t, ticks) for t in ticks]
    left = 12 + max(text_width(label) for label in tick_labels)
    right = width - 16
    slot = (right - left) / len(spec.labels)
    label_lines = [wrap(label, slot - 6) for label in spec.labels]
    plot_bottom = height - 10 - max(len(lines) for lines in label_lines) * (LABEL_SIZE + 3)
    high = ticks[-1]

    def y_of(value: float) -> float:
        return plot_bottom - value / high * (plot_bottom - top)

    for tick, label in zip(ticks, tick_labels, strict=True):
        items.append(Line(((left, y_of(tick)), (right, y_of(tick))), GRID, 1))
        items.append(Text(left - 6, y_of(tick) + 4, label, anchor="end", fill=SUBTLE))
    for index, (lines, value) in enumerate(zip(label_lines, spec.values, strict=True)):
        x = left + slot * index
        bar_w = min(slot * 0.6, 60)
        centre = x + slot / 2
        items.append(Rect(centre - bar_w / 2, y_of(value), bar_w, max(plot_bottom - y_of(value), 0.5), COLOURS[0]))
        items.append(Text(centre, y_of(value) - 4, _number(value) + spec.suffix, VALUE_SIZE, anchor="middle"))
        for offset, line in enumerate(lines):
            items.append(Text(centre, plot_bottom + LABEL_SIZE + 4 + offset * (LABEL_SIZE + 3), line, anchor="middle"))
    return Layout(width, height, tuple(items))


# --- drawing -------------------------------------------------------------------------------------
def _attr(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _marker_points(marker: Marker) -> list[tuple[float, float]]:
    x, y, s = marker.x, marker.y, marker.size
    if marker.shape == "square":
        return [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    if marker.shape == "triangle":
        return [(x, y - s * 1.2), (x + s * 1.1, y + s * 0.8), (x - s * 1.1, y + s * 0.8)]
    return [(x, y - s * 1.3), (x + s * 1.1, y), (x, y + s * 1.3), (x - s * 1.1, y)]  # diamond


@functools.lru_cache(maxsize=512)
def svg(spec, with_spec: bool = True) -> str:
    """The chart as inline SVG: no script, no ids, its text alternative as ``<title>``.

    Items that share their presentation attributes are grouped (``<g fill=...>``, one ``<path>``
    for all gridlines), so a page of charts carries each attribute once per group, not per item.
    ``with_spec`` puts the spec on the root as ``data-chart`` for the Word writer (the report's
    documents); pages leave it out (``for_page``).
    """
    drawing = layout(spec)
    data = ""
    if with_spec:
        data = f' data-chart="{html.escape(json.dumps(asdict(spec), separators=(",", ":")), quote=True)}"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="portal-chart" viewBox="0 0 {drawing.width} {drawing.height}" '
        f'width="{drawing.width}" height="{drawing.height}" role="img" font-family="{FONT_FAMILY}" '
        f'font-size="{LABEL_SIZE}" fill="{TEXT}"{data}>',
        f"<title>{html.escape(spec.text)}</title>",
        f'<rect width="{drawing.width}" height="{drawing.height}" fill="#ffffff"/>',
    ]
    # Gridlines lie under everything, so they are drawn first, all in one path; then the rest in order.
    grid = [item for item in drawing.items if isinstance(item, Line) and item.stroke == GRID and not item.dash]
    rest = [item for item in drawing.items if not (isinstance(item, Line) and item.stroke == GRID and not item.dash)]
    for style, items in itertools.groupby(grid + rest, key=_style):
        parts.append(_group(style, list(items)))
    parts.append("</svg>")
    return "".join(parts)


def _style(item) -> tuple:
    """The presentation attributes an item shares with its neighbours (a ``<g>``'s attributes)."""
    if isinstance(item, Text):
        attributes = []
        if item.fill != TEXT:
            attributes.append(("fill", item.fill))
        if item.anchor != "start":
            attributes.append(("text-anchor", item.anchor))
        if item.size != LABEL_SIZE:
            attributes.append(("font-size", str(item.size)))
        if item.bold:
            attributes.append(("font-weight", "bold"))
        return ("text", tuple(attributes))
    if isinstance(item, Line):
        attributes = [("fill", "none"), ("stroke", item.stroke), ("stroke-width", _attr(item.width))]
        if item.dash:
            attributes.append(("stroke-dasharray", item.dash))
        return ("line", tuple(attributes))
    return ("shape", (("fill", item.fill),))  # Rect, Marker


def _group(style, items: list) -> str:
    kind, attributes = style
    shared = "".join(f' {name}="{value}"' for name, value in attributes)
    if kind == "line":  # every line of the run in one path
        return f'<path d="{"".join(_path(item.points) for item in items)}"{shared}/>'
    elements = [_element(item) for item in items]
    if not shared:
        return "".join(elements)
    if len(elements) == 1:
        first = elements[0]
        cut = first.index(" ")
        return first[:cut] + shared + first[cut:]
    return f"<g{shared}>{''.join(elements)}</g>"


def _path(points) -> str:
    (x, y), *rest = points
    commands = [f"M{_attr(x)} {_attr(y)}"]
    for next_x, next_y in rest:
        if next_y == y:
            commands.append(f"H{_attr(next_x)}")
        elif next_x == x:
            commands.append(f"V{_attr(next_y)}")
        else:
            commands.append(f"L{_attr(next_x)} {_attr(next_y)}")
        x, y = next_x, next_y
    return "".join(commands)


def _element(item) -> str:
    if isinstance(item, Text):
        return f'<text x="{_attr(item.x)}" y="{_attr(item.y)}">{html.escape(item.text)}</text>'
    if isinstance(item, Rect):
        return f'<rect x="{_attr(item.x)}" y="{_attr(item.y)}" width="{_attr(item.w)}" height="{_attr(item.h)}"/>'
    if item.shape == "circle":
        return f'<circle cx="{_attr(item.x)}" cy="{_attr(item.y)}" r="{_attr(item.size)}"/>'
    points = " ".join(f"{_attr(x)},{_attr(y)}" for x, y in _marker_points(item))
    return f'<polygon points="{points}"/>'


_SPEC_ATTRIBUTE = re.compile(r' data-chart="[^"]*"')


def for_page(markup: str) -> str:
    """``markup`` without the specs its charts carry for the Word writer (a page has no use for them)."""
    return _SPEC_ATTRIBUTE.sub("", markup)


# --- shared between processes and servers ----------------------------------------------------------------
#: Drawn charts this process has already fetched or stored (bounded; the keys say what they are).
_drawn: dict[str, str] = {}
_DRAWN_MAX = 2048
CACHE_TIMEOUT = 30 * 24 * 3600


@functools.cache
def engine_version() -> str:
    """A hash of this module: a new drawing code never reuses charts the old one drew."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def chart_key(spec, with_spec: bool = True) -> str:
    """The cache key of a chart: its numbers, words and options, and the drawing code."""
    fields = json.dumps(asdict(spec), separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(f"{engine_version()}|{int(with_spec)}|{fields}".encode()).hexdigest()


def svgs(specs, *, with_spec: bool = True) -> list[str]:
    """Every chart of a page, laid out once per set of numbers across processes and servers.

    This process's memo first; the rest from Django's cache (one read for all of them, stored
    together under a key made from their own keys); only charts in neither are laid out and drawn,
    then stored. Returns the SVGs in the order of ``specs``.
    """
    specs = list(specs)
    keys = [chart_key(spec, with_spec) for spec in specs]
    missing = {key: spec for key, spec in zip(keys, specs, strict=True) if key not in _drawn}
    if missing:
        from django.core.cache import cache

        bundle = "chart:" + hashlib.sha256("".join(sorted(missing)).encode()).hexdigest()
        stored = cache.get(bundle)
        if not isinstance(stored, dict) or set(stored) != set(missing):
            stored = {key: svg(spec, with_spec) for key, spec in missing.items()}
            cache.set(bundle, stored, CACHE_TIMEOUT)
        if len(_drawn) + len(stored) > _DRAWN_MAX:
            _drawn.clear()
        _drawn.update(stored)
    return [_drawn[key] for key in keys]


def _dashed(points, dash: str, scale: float):
    """Split a polyline into the drawn segments of its dash pattern (Pillow has no dashes)."""
    pattern = [float(v) * scale for v in dash.split()]
    index, left, drawing = 0, pattern[0], True
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = math.hypot(x2 - x1, y2 - y1)
        position = 0.0
        while position < length:
            step = min(left, length - position)
            if drawing:
                t1, t2 = position / length, (position + step) / length
                yield (x1 + (x2 - x1) * t1, y1 + (y2 - y1) * t1), (x1 + (x2 - x1) * t2, y1 + (y2 - y1) * t2)
            position += step
            left -= step
            if left <= 1e-9:
                index = (index + 1) % len(pattern)
                left, drawing = pattern[index], not drawing


def png(spec, *, scale: float = 2.0) -> bytes:
    """The same primitives drawn with Pillow (for Word), ``scale`` times the SVG's size."""
    drawing = layout(spec)
    image = Image.new("RGB", (int(drawing.width * scale), int(drawing.height * scale)), "white")
    draw = ImageDraw.Draw(image)
    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for item in drawing.items:
        if isinstance(item, Text):
            font = _font(int(item.size * scale), item.bold)
            draw.text(
                (item.x * scale, item.y * scale), item.text, fill=item.fill, font=font, anchor=anchors[item.anchor]
            )
        elif isinstance(item, Line):
            points = [(x * scale, y * scale) for x, y in item.points]
            width = max(1, round(item.width * scale))
            if item.dash:
                for start, end in _dashed(points, item.dash, scale):
                    draw.line((start, end), fill=item.stroke, width=width)
            else:
                draw.line(points, fill=item.stroke, width=width, joint="curve")
        elif isinstance(item, Rect):
            draw.rectangle(
                (item.x * scale, item.y * scale, (item.x + item.w) * scale, (item.y + item.h) * scale), fill=item.fill
            )
        elif isinstance(item, Marker):
            if item.shape == "circle":
                r = item.size * scale
                draw.ellipse(
                    (item.x * scale - r, item.y * scale - r, item.x * scale + r, item.y * scale + r), fill=item.fill
                )
            else:
                draw.polygon([(x * scale, y * scale) for x, y in _marker_points(item)], fill=item.fill)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def spec_from_svg(data: str):
    """The spec an SVG of ours carries in ``data-chart`` (already unescaped by the HTML parser)."""
    fields = json.loads(data)
    kind = fields.pop("kind")
    if kind == "line":
        fields["labels"] = tuple(fields["labels"])
        fields["series"] = tuple((name, tuple(values)) for name, values in fields["series"])
        return LineChart(**fields)
    fields["labels"], fields["values"] = tuple(fields["labels"]), tuple(fields["values"])
    return BarChart(**fields)
