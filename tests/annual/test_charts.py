"""Indicator trend charts: inline SVG without script for HTML and PDF, a PNG for Word, and words for everyone."""

import io

from PIL import Image

from reports.annual import charts

LABELS = ["2013/14", "2014/15", "2015/16", "2016/17"]
SERIES = [("Local", [73.3, 74.3, 71.2, 65.8]), ("England", [60.0, 60.0, 60.0, 60.0])]


def test_the_svg_chart_has_no_script_and_no_ids_so_several_share_a_page():
    svg = charts.trend_chart_svg(title="Looked after", labels=LABELS, series=SERIES)
    assert svg.startswith("<svg")
    assert "<script" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert " id=" not in svg


def test_the_text_alternative_reads_every_value():
    text = charts.trend_chart_text(labels=LABELS, series=[("Local", [73.3, None, 71.2, 65.8])], suffix=" per 10,000")
    assert text == (
        "Local: 2013/14 73.3 per 10,000, 2014/15 not available, 2015/16 71.2 per 10,000, 2016/17 65.8 per 10,000."
    )


def test_the_png_chart_is_an_image_even_with_a_single_value_or_none():
    sizes = set()
    for series in (SERIES, [("Local", [None, None, None, 91.8])], [("Local", [None] * 4)]):
        png = charts.trend_chart_png(title="Chart", labels=LABELS, series=series)
        sizes.add(Image.open(io.BytesIO(png)).format)
    assert sizes == {"PNG"}
