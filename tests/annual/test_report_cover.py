"""The cover names the board and the year; a draft says DRAFT, a published version does not."""

from reports.annual import outputs
from reports.annual.assembly import build_report


def _cover(html: str) -> str:
    return html[html.index('<header class="report-cover">') : html.index("</header>")]


def test_a_draft_cover_has_the_board_the_year_and_a_draft_mark(seeded_board, year):
    html = outputs.render_html(build_report(board=seeded_board, year=year))
    cover = _cover(html)
    assert seeded_board.name in cover and "Annual Report 2016/17" in cover
    assert "1 April 2016 to 31 March 2017" in cover
    assert ">DRAFT<" in cover
    assert "draft produced" not in html.lower()  # the cover once said "Draft produced ..."


def test_a_published_cover_has_no_draft_mark(seeded_board, year):
    report = build_report(board=seeded_board, year=year)
    report.is_draft, report.version = False, 2
    cover = _cover(outputs.render_html(report))
    assert "DRAFT" not in cover
    assert "Version 2, published" in cover
