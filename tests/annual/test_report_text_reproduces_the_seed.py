"""Acceptance: the demo's report reproduces the seed's text, section by section.

For each of the seed's sections (``seed_text.SECTIONS``: the running text of the foreword, sections
1-4, 6 with its LADO, early help, child death and case review parts, 7, 8, each of the eleven partner
updates of section 10, and 11; tables, charts and page footers left out), at least 95% of the seed's
words must be inside a run of six consecutive words that the report's section also has (whitespace
and punctuation ignored). The failure message lists the passages the report lacks.
"""

import io

import pytest
from django.core.management import call_command

from reports.annual import outputs
from reports.annual.assembly import build_report
from tests.annual import seed_text
from wscb.periods import ReportingYear

THRESHOLD = 0.95

#: The module's fixture reads the database: the marker makes pytest-django create the test database.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_report_texts(django_db_setup, django_db_blocker):
    """The text of each part of the demo's 2016/17 report (HTML, as published), by element id."""
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
    return seed_text.element_texts(html)


@pytest.mark.parametrize("section", seed_text.SECTIONS, ids=[section.name for section in seed_text.SECTIONS])
def test_the_report_has_at_least_95_percent_of_the_seeds_words_in_each_section(demo_report_texts, section):
    assert section.anchor in demo_report_texts, f"the report has no element {section.anchor!r}"
    share, missing = seed_text.coverage(seed_text.seed_text(section), demo_report_texts[section.anchor])
    lacking = "\n".join(f"  - {passage[:200]}" for passage in missing)
    assert share >= THRESHOLD, f"{section.name}: {share:.1%} of the seed's words; missing:\n{lacking}"


def test_the_measure_fails_a_report_that_loses_a_paragraph():
    """The comparison is not trivially satisfied: dropping one paragraph of the foreword fails it."""
    section = seed_text.SECTIONS[0]
    seed = seed_text.seed_text(section)
    paragraphs = [paragraph for paragraph in seed.split("\n \n") if paragraph.strip()]
    shortened = "\n".join(paragraphs[:1] + paragraphs[2:])
    assert seed_text.coverage(seed, seed)[0] == 1.0
    assert seed_text.coverage(seed, shortened)[0] < THRESHOLD
    assert seed_text.coverage(seed, "")[0] == 0.0


def test_six_word_runs_ignore_whitespace_and_punctuation_but_not_word_order():
    seed = "The Board, in 2016/17, held 6 meetings and published its annual report."
    assert seed_text.coverage(seed, "the board in 201617 held 6 meetings and published its annual report")[0] == 1.0
    assert seed_text.coverage(seed, "report annual its published and meetings 6 held 201617 in board the")[0] == 0.0
