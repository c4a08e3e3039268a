"""Report charts are laid out once per set of numbers, and each copy still gets its own ids."""

import re

from reports.annual import charts

ARGS = {"title": "Memo chart", "labels": ["2015/16", "2016/17"], "series": [("Local", [1, 2.5])]}


def test_the_same_numbers_reuse_the_layout_but_not_the_ids():
    charts._trend_chart_svg.cache_clear()
    first = charts.trend_chart_svg(**ARGS)
    second = charts.trend_chart_svg(**ARGS)
    info = charts._trend_chart_svg.cache_info()
    assert (info.hits, info.misses) == (1, 1)
    first_ids = set(re.findall(r'id="(c[0-9a-f]{8})-serie-', first))
    second_ids = set(re.findall(r'id="(c[0-9a-f]{8})-serie-', second))
    assert first_ids and second_ids and first_ids.isdisjoint(second_ids)
    assert re.sub(r"c[0-9a-f]{8}-serie", "X", first) == re.sub(r"c[0-9a-f]{8}-serie", "X", second)


def test_different_numbers_draw_a_different_chart():
    changed = {**ARGS, "series": [("Local", [1, 3.5])]}
    assert charts.trend_chart_svg(**ARGS) != charts.trend_chart_svg(**changed)
    assert "<script" not in charts.trend_chart_svg(**changed)
