"""Report charts are laid out once per set of numbers (issue 20 builds on this)."""

from reports.annual import charts
from wscb import charts as engine

ARGS = {"title": "Memo chart", "labels": ["2015/16", "2016/17"], "series": [("Local", [1, 2.5])]}


def test_the_same_numbers_reuse_the_layout():
    engine.layout.cache_clear()
    engine.svg.cache_clear()
    first = charts.trend_chart_svg(**ARGS)
    charts.trend_chart_png(**ARGS)  # the PNG twin reuses the layout too
    second = charts.trend_chart_svg(**ARGS)
    assert first == second
    assert (engine.layout.cache_info().hits, engine.layout.cache_info().misses) == (1, 1)
    assert engine.svg.cache_info().hits == 1


def test_different_numbers_draw_a_different_chart():
    changed = {**ARGS, "series": [("Local", [1, 3.5])]}
    assert charts.trend_chart_svg(**ARGS) != charts.trend_chart_svg(**changed)
    assert "<script" not in charts.trend_chart_svg(**changed)
