"""Section 10 as the seed has it: the returns in the seed's order, under the seed's form headings, with
their lists as lists and nothing lost (the last bullet, the "endorsed by" line, the whole e-mail)."""

import re

import pytest

from partners import demo as partner_demo
from reports import demo
from reports.annual import outputs
from reports.annual.assembly import build_report
from reports.annual.templatetags.annual_tags import annual_answer
from reports.selfreports.reporting import compiled_partner_updates
from wscb.periods import ReportingYear

YEAR = ReportingYear(2016)


@pytest.fixture(scope="module")
def loaded_board(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        board = partner_demo.load(password="demo password for tests")["board"]
        demo.load_for_board(board=board)
        html = outputs.render_html(build_report(board=board, year=YEAR))
        yield board, html[html.index('id="section-partner-updates"') : html.index('id="section-next-year"')]
        transaction.set_rollback(True)


@pytest.fixture
def demo_board(loaded_board, db):
    return loaded_board[0]


@pytest.fixture
def section_10(loaded_board, db):
    return loaded_board[1]


def _update(html: str, agency_slug: str) -> str:
    start = html.index(f'id="partner-{agency_slug}"')
    following = html.find('<div class="partner-update"', start + 1)
    return html[start : following if following > 0 else len(html)]


def test_the_updates_follow_the_positions_the_demo_gives_them(section_10):
    ids = re.findall(r'<div class="partner-update" id="partner-([a-z0-9-]+)">', section_10)
    assert ids == [
        "wigan-leigh-college",
        "gmmh",
        "ihl",
        "walh",
        "wwl-nhs-trust",
        "bridgewater",
        "5bp",
        "wbccg",
        "gmp",
        "probation",
        "crc",
    ]


def test_bullet_lists_stay_lists(section_10):
    college = _update(section_10, "wigan-leigh-college")
    policies = college[college.index("a. Policies and Guidance") :]
    first_list = policies[policies.index("<ul>") : policies.index("</ul>")]
    assert first_list.count("<li>") == 4  # the four policy bullets
    assert "<li>Executive Approval has been given to the engagement with Operation Encompass Protocol." in first_list
    ihl = _update(section_10, "ihl")
    assert "<li>Increased levels of physical activity.</li>" in ihl
    assert "<li>Improved information and advice about the range of community activities for young people.</li>" in ihl


def test_nothing_is_lost_from_the_returns(section_10):
    crc = _update(section_10, "crc")
    assert (
        "<li>Timely communication arrangements with key partners to support effective Safeguarding practice and "
        "information sharing.</li>"
    ) in crc
    wbccg = _update(section_10, "wbccg")
    assert "Reported Endorsed by" in wbccg and "Sally Forshaw, Director of Nursing and Quality" in wbccg
    probation = _update(section_10, "probation")
    assert "Tracey.lloyd@probation.gsi.gov.uk/lisa.dalby@probation.gsi.gov.uk" in probation


def test_homes_answers_are_under_the_headings_they_answer(demo_board):
    documents = {d.partner.short_name: d for d in compiled_partner_updates(board=demo_board, year=YEAR)}
    blocks = {block.section.heading: block for block in documents["WALH"].sections}
    priorities = {line.question: line.value for line in blocks["WSCB Business Priorities"].answers}
    assert priorities["WSCB Business Priorities"].startswith("Homes support WSCB business priorities")
    other = blocks["Any other key safeguarding issues your organisation has responded to in the last 12 months."]
    assert other.answers[0].value.startswith("Homes have assisted with the rehousing")
    assert "YPAG" not in other.answers[0].value


def test_the_seeds_form_wording_heads_each_answer(section_10):
    college = _update(section_10, "wigan-leigh-college")
    assert "<caption>1. Contact Details of Person Completing the Report</caption>" in college
    assert "2. Safeguarding in Your Organisation: 2.1 Core Safeguarding Board Member Responsibilities" in college
    assert "c. Safeguarding Training; including information on number of workers trained" in college
    assert "What does your organisation view as a future challenge to safeguarding children" in college


def test_an_answer_is_escaped_text_with_its_own_paragraphs_and_lists():
    html = annual_answer("First <b>line</b>\nsecond line\n\n- one\n- two\n  continued\n\n1. first\n2. second")
    assert html == (
        "<p>First &lt;b&gt;line&lt;/b&gt;<br>second line</p><ul><li>one</li><li>two continued</li></ul>"
        "<ol><li>first</li><li>second</li></ol>"
    )
