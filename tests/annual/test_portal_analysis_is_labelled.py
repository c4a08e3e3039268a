"""The portal's own judgements (attendance thresholds, quorum, direction of travel, ratings against
England) are printed only when the report's settings say so, and then labelled as the portal's."""

from decimal import Decimal

from reports.annual import outputs
from reports.annual.assembly import build_report
from reports.annual.models import ReportConfiguration
from tests.annual.factories import ComparatorValueFactory, IndicatorFactory, IndicatorValueFactory

JUDGEMENTS = ("not quorate", "were quorate", "attendance threshold", "Direction of travel", "direction of travel")


def _html(board, year, *, include_analysis):
    ReportConfiguration.objects.update_or_create(
        board=board, year_start=year.start_year, defaults={"include_analysis": include_analysis}
    )
    return outputs.render_html(build_report(board=board, year=year))


def _rated_indicator(board):
    indicator = IndicatorFactory(board=board, code="rated", polarity="low", unit="percentage")
    for start, (numerator, england) in {2015: (40, "20.0"), 2016: (30, "21.0")}.items():
        IndicatorValueFactory(indicator=indicator, year_start=start, numerator=numerator, denominator=100)
        ComparatorValueFactory(indicator=indicator, year_start=start, comparator="england", value=Decimal(england))


def test_without_the_setting_the_report_prints_no_judgement_of_its_own(full_board, year):
    _rated_indicator(full_board)
    html = _html(full_board, year, include_analysis=False)
    assert "Portal analysis" not in html
    for words in JUDGEMENTS:
        assert words not in html
    assert 'class="rag ' not in html
    assert ">Rate</th>" not in html  # the attendance rate column is the portal's working too


def test_with_the_setting_each_judgement_is_labelled_as_the_portals(full_board, year):
    _rated_indicator(full_board)
    html = _html(full_board, year, include_analysis=True)
    assert html.count('class="portal-analysis"') >= 2  # governance and each indicator
    assert (
        "Portal analysis</strong> (worked out by the portal from the attendance recorded; not a finding of the Board)"
        in html
    )
    assert "under the group's quorum rule" in html
    rated = html[html.index('id="indicator-rated"') :]
    assert "Portal analysis</strong> (worked out by the portal; not a finding of the Board)" in rated
    assert 'class="rag rag-red">Red</span>' in rated


def test_the_label_uses_the_boards_own_word(full_board, year):
    full_board.term = "Partnership"
    full_board.save()
    html = _html(full_board, year, include_analysis=True)
    assert "not a finding of the Partnership" in html
    assert "not a finding of the Board" not in html


def test_a_repeated_england_value_is_not_rated_even_with_the_analysis_on(seeded_board, year):
    report = build_report(board=seeded_board, year=year)
    lac = next(table for table in report.bundle.indicator_tables if table.indicator.code == "wscb-lac-rate")
    assert lac.rag == "Not rated" and "may not have been updated" in lac.rag_reason
