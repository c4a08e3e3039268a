"""Rules every assembled report keeps, checked on the demo's report, a report with the other apps'
records and an empty year: no empty or duplicated headings, no internal wording, no empty table."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from reports.annual import outputs
from reports.annual.assembly import build_report
from wscb.periods import ReportingYear

#: Words that belong to the portal's workings or its test data, never to a board's report.
INTERNAL_WORDING = re.compile(
    r"\b(seed|seed's|demo|evidence tagged|module not named in the seed|fixture)\b|\(section \d+ of the seed\)",
    re.IGNORECASE,
)
EMPTY_CELLS = {"", "\u2013", "-", "not recorded"}


class _Outline(HTMLParser):
    """Headings in order with their level and parent section, and every table's cells."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str, str]] = []  # (level, text, id of the enclosing section)
        self.after_heading: list[bool] = []  # whether content followed each heading before the next one
        self.tables: list[tuple[str, list[str]]] = []  # (caption, data cells)
        self.text: list[str] = []
        self._sections: list[str] = []
        self._stack: list[str] = []
        self._heading: list[str] | None = None
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("svg", "style", "script") or attributes.get("aria-hidden") == "true":
            self._hidden += 1
            self._stack.append("hidden:" + tag)
            return
        self._stack.append(tag)
        if tag in ("section", "div") and attributes.get("id"):
            self._sections.append(attributes["id"])
            self._stack[-1] = tag + ":section"
        if re.fullmatch(r"h[2-6]", tag):
            self._heading = []
        elif tag == "table":
            self.tables.append(("", []))
        elif tag == "caption":
            self._caption = []
        elif tag == "td":
            self._cell = []
        elif tag in ("p", "li", "table", "figure") and self.after_heading:
            self.after_heading[-1] = True

    def handle_endtag(self, tag):
        while self._stack:
            top = self._stack.pop()
            if top.startswith("hidden:"):
                self._hidden -= 1
            if top.endswith(":section"):
                self._sections.pop()
            if top.split(":")[-1] == tag or top == tag or top.startswith(tag):
                break
        if re.fullmatch(r"h[2-6]", tag) and self._heading is not None:
            self.headings.append((int(tag[1]), " ".join("".join(self._heading).split()), self._section()))
            self.after_heading.append(False)
            self._heading = None
        elif tag == "caption" and self._caption is not None:
            _caption, cells = self.tables[-1]
            self.tables[-1] = (" ".join("".join(self._caption).split()), cells)
            self._caption = None
        elif tag == "td" and self._cell is not None:
            self.tables[-1][1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def _section(self) -> str:
        return self._sections[-1] if self._sections else ""

    def handle_data(self, data):
        if self._hidden:
            return
        self.text.append(data)
        for collector in (self._heading, self._cell, self._caption):
            if collector is not None:
                collector.append(data)
        if data.strip() and self._heading is None and self.after_heading:
            self.after_heading[-1] = True


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html[html.index('<article class="annual-report"') :])
    return parser


#: The module's fixture reads the database: the marker makes pytest-django create the test database.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_html(django_db_setup, django_db_blocker):
    import os

    from django.db import transaction

    from partners.models import Board

    with django_db_blocker.unblock(), transaction.atomic():
        os.environ.setdefault("DEMO_PASSWORD", "demo password for tests")
        call_command("load_demo", stdout=io.StringIO())
        report = build_report(board=Board.objects.get(short_name="WSCB"), year=ReportingYear(2016))
        report.is_draft = False
        html = outputs.render_html(report)
        transaction.set_rollback(True)
    return html


@pytest.fixture(params=["demo", "other apps", "empty year"])
def report_html(request):
    if request.param == "demo":
        return request.getfixturevalue("demo_html")
    board = request.getfixturevalue("full_board" if request.param == "other apps" else "board")
    return outputs.render_html(build_report(board=board, year=ReportingYear(2016)))


def test_no_heading_is_empty_or_followed_straight_by_another_of_its_level(report_html):
    parsed = outline(report_html)
    assert all(text for _, text, _ in parsed.headings)
    for index, ((level, text, _), followed) in enumerate(zip(parsed.headings, parsed.after_heading, strict=True)):
        following = parsed.headings[index + 1][0] if index + 1 < len(parsed.headings) else 0
        assert followed or following > level, f"heading {text!r} has nothing under it"


def test_no_heading_repeats_within_its_section(report_html):
    parsed = outline(report_html)
    seen: dict[tuple[str, str], int] = {}
    for _, text, section in parsed.headings:
        key = (section, text.casefold())
        seen[key] = seen.get(key, 0) + 1
    assert [key for key, count in seen.items() if count > 1] == []


def test_no_table_has_only_empty_cells(report_html):
    for caption, cells in outline(report_html).tables:
        assert not cells or any(cell.casefold() not in EMPTY_CELLS for cell in cells), caption


def test_no_internal_wording_reaches_the_report(report_html):
    text = " ".join("".join(outline(report_html).text).split())
    assert INTERNAL_WORDING.findall(text) == []
    assert "Evidence tagged to this priority" not in text


def test_the_governance_headings_are_each_there_once(demo_html):
    headings = [text for _, text, _ in outline(demo_html).headings]
    assert headings.count("Key roles") == 1 and headings.count("Attendance") == 1
    assert "Arrangements" not in headings


def test_the_guard_catches_what_it_is_for():
    broken = (
        '<article class="annual-report"><section id="s"><h2>Title</h2><h2>Next</h2><p>x</p>'
        "<h3>Twice</h3><p>a</p><h3>Twice</h3><p>b</p><table><caption>Empty</caption><tr><td>\u2013</td>"
        "<td>not recorded</td></tr></table><p>Module not named in the seed's chart</p></section></article>"
    )
    parsed = outline(broken)
    assert parsed.after_heading[0] is False  # "Title" has nothing under it
    assert [text for _, text, _ in parsed.headings].count("Twice") == 2
    assert all(cell.casefold() in EMPTY_CELLS for cell in parsed.tables[0][1])
    assert INTERNAL_WORDING.search(" ".join(parsed.text))
