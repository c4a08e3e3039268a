"""The portal's chart engine: axes hold every value, legends are whole, SVG and PNG share one layout."""

import html
import io
import re

import pytest
from PIL import Image

from wscb import charts

YEARS = ("2013/14", "2014/15", "2015/16", "2016/17")


def _line(series, **kwargs):
    return charts.line_chart(title="Re-referrals", labels=YEARS, series=series, suffix="%", **kwargs)


def _ticks(layout):
    """The y-axis tick values: the labels right-aligned at the left of the plot."""
    return [
        float(item.text.replace(",", ""))
        for item in layout.items
        if isinstance(item, charts.Text) and item.anchor == "end"
    ]


@pytest.mark.parametrize(
    "series",
    [
        [("Local", [46.2, 55.0, 60.1, 58.3]), ("England", [47.0, 47.5, 48.0, 48.2])],
        [("Local", [0.4, 0.5, 0.45, 0.41])],
        [("Local", [1200, 1190, 1255, 1249]), ("Statistical neighbours", [1300.5, None, 999, 1000])],
        [("Local", [-3, 2, 5, 0])],
        [("Local", [7, 7, 7, 7])],
    ],
)
def test_the_value_axis_includes_every_value_and_every_comparator(series):
    layout = charts.layout(_line(series))
    ticks = _ticks(layout)
    values = [v for _, vals in series for v in vals if v is not None]
    assert ticks[0] <= min(values) and ticks[-1] >= max(values)
    # every point is drawn inside the plot: between the lowest and the highest gridline
    gridlines = [
        item.points[0][1] for item in layout.items if isinstance(item, charts.Line) and item.stroke == charts.GRID
    ]
    markers = [item.y for item in layout.items if isinstance(item, charts.Marker) and item.size == 4.5]
    assert markers and all(min(gridlines) - 0.01 <= y <= max(gridlines) + 0.01 for y in markers)


def test_bar_axes_start_at_zero_and_reach_past_the_largest_bar():
    layout = charts.layout(charts.bar_chart(title="Completions", labels=["A", "B"], values=[1033, 7]))
    tick_texts = [item.text for item in layout.items if isinstance(item, charts.Text) and item.fill == charts.SUBTLE]
    assert tick_texts[0] == "0" and float(tick_texts[-1].replace(",", "")) >= 1033


def test_legend_names_are_never_cut_and_wrap_onto_more_rows():
    names = ["Local", "Statistical neighbours", "North West", "England"]
    spec = _line([(name, [1, 2, 3, 4]) for name in names], width=360)
    svg = charts.svg(spec)
    for name in names:
        assert f">{name}</text>" in svg
    legend_rows = {item.y for item in charts.layout(spec).items if isinstance(item, charts.Text) and item.text in names}
    assert len(legend_rows) > 1  # a narrow chart puts the legend on several rows instead of truncating


def test_series_differ_by_dash_and_marker_not_only_colour():
    layout = charts.layout(_line([(name, [1, 2, 3, 4]) for name in ("A", "B", "C", "D")]))
    dashes = {item.dash for item in layout.items if isinstance(item, charts.Line) and item.stroke != charts.GRID}
    shapes = {item.shape for item in layout.items if isinstance(item, charts.Marker)}
    assert len(dashes) == 4 and len(shapes) == 4


def test_the_svg_carries_its_text_alternative_as_title_and_no_script_or_style():
    spec = _line([("Local", [1, None, 3, 4])])
    svg = charts.svg(spec)
    assert "<script" not in svg and "<style" not in svg and " id=" not in svg
    title = re.search(r"<title>(.*?)</title>", svg).group(1)
    assert html.unescape(title) == spec.text
    assert "2014/15 not available" in spec.text and "2016/17 4%" in spec.text


def test_the_spec_travels_in_the_svg_and_draws_the_same_png():
    spec = charts.bar_chart(
        title="Attendance, 2016/17", labels=["02/05/2016", "09/05/2016"], values=[2, 3], horizontal=False
    )
    data = html.unescape(re.search(r'data-chart="([^"]*)"', charts.svg(spec)).group(1))
    again = charts.spec_from_svg(data)
    assert again == spec
    image = Image.open(io.BytesIO(charts.png(again)))
    assert image.size == (spec.width * 2, spec.height * 2)


def test_long_bar_labels_wrap_whole_instead_of_being_cut():
    label = "Child sexual exploitation: awareness for everyone working with children and families"
    layout = charts.layout(charts.bar_chart(title="Modules", labels=[label], values=[5]))
    lines = [item.text for item in layout.items if isinstance(item, charts.Text) and item.anchor == "end"]
    assert " ".join(lines) == label


def test_a_chart_without_figures_says_so():
    svg = charts.svg(_line([("Local", [None] * 4)]))
    assert "No figures to chart." in svg
