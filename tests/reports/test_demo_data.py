"""The demo: the seed's eleven 2016/17 returns, compiled for section 10, the wrong-year one flagged."""

import pytest
from django.urls import reverse

from partners import demo as partner_demo
from reports import demo
from reports.selfreports.models import Answer, CaseStudy, FormTemplate, SelfReport
from reports.selfreports.reporting import compiled_partner_updates
from wscb.periods import ReportingYear

#: In the seed's order (section 10), which the demo sets as each return's position in the report.
SEED_AGENCIES = [
    "Wigan & Leigh College",
    "Greater Manchester Mental Health NHS Foundation Trust",
    "Inspiring Healthy Lifestyles",
    "Wigan and Leigh Homes",
    "Wrightington, Wigan and Leigh NHS Foundation Trust",
    "Bridgewater Community Healthcare NHS Foundation Trust",
    "North West Boroughs Healthcare NHS Foundation Trust",
    "Wigan Borough Clinical Commissioning Group",
    "Greater Manchester Police",
    "National Probation Service",
    "Cheshire and Greater Manchester Community Rehabilitation Company",
]


@pytest.fixture
def demo_board(db):
    board = partner_demo.load(password="demo password for tests")["board"]
    demo.load_for_board(board=board)
    return board


def test_the_compiled_2016_17_updates_hold_all_eleven_returns_in_the_seeds_order(demo_board):
    documents = compiled_partner_updates(board=demo_board, year=ReportingYear(2016))
    assert [document.partner.name for document in documents] == SEED_AGENCIES


def test_the_police_return_for_2015_16_is_flagged_as_the_wrong_year(demo_board):
    documents = {d.partner.short_name: d for d in compiled_partner_updates(board=demo_board, year=ReportingYear(2016))}
    assert "01/04/2015 to 31/03/2016" in documents["GMP"].wrong_year
    assert "2015/16" in documents["GMP"].wrong_year
    assert [name for name, document in documents.items() if document.wrong_year] == ["GMP"]


def test_the_returns_keep_their_text_section_by_section_and_skipped_sections_stay_blank(demo_board):
    documents = {d.partner.short_name: d for d in compiled_partner_updates(board=demo_board, year=ReportingYear(2016))}

    def answers(agency, heading):
        block = next(block for block in documents[agency].sections if block.section.heading.startswith(heading))
        return {line.question: line.value for line in block.answers}

    college = answers("Wigan & Leigh College", "2. Safeguarding in Your Organisation")
    assert college["a. Policies and Guidance"].startswith(
        "- The safeguarding team ensures that all legislative changes are reviewed"
    )
    wwl = answers("WWL NHS Trust", "2. Safeguarding in Your Organisation")
    assert wwl["d. Child Sexual Exploitation"] == ""  # WWL skipped CSE and relettered the rest
    assert wwl["e. Audits/Evaluation/Quality Assurance/Performance Management of Safeguarding Practice; including any "
               "lessons learned from Serious Case Reviews, Local Case Reviews and Local Learning Reviews"].startswith(
        "During the time frame of this report WWLFT"
    )  # fmt: skip
    priorities = answers("IHL", "WSCB Business Priorities")
    assert len(priorities) == 7  # one answer per priority, and one to the heading as a whole (unanswered)
    assert priorities[next(q for q in priorities if q.startswith("3."))] == "As above."
    contact = list(answers("IHL", "1. Contact Details").values())
    assert contact[:2] == ["Janet Bergman", "Safeguarding Lead, Inspiring Healthy Lifestyles"]


def test_the_seeds_case_studies_are_loaded_and_marked_for_publication(demo_board):
    studies = CaseStudy.objects.filter(report__round__board=demo_board)
    assert studies.count() == 6
    assert set(studies.values_list("is_for_publication", flat=True)) == {True}
    assert studies.filter(title="Case Study \u2013 Anna aged 11", report__partner__short_name="GMP").exists()


def test_loading_the_demo_twice_changes_nothing(demo_board):
    counts = (
        SelfReport.objects.count(),
        Answer.objects.count(),
        CaseStudy.objects.count(),
        FormTemplate.objects.count(),
    )
    demo.load_for_board(board=demo_board)
    assert (
        SelfReport.objects.count(),
        Answer.objects.count(),
        CaseStudy.objects.count(),
        FormTemplate.objects.count(),
    ) == counts
    # the seed's eleven 2016/17 returns and the 2017/18 form; the current year's form and its open round
    assert SelfReport.objects.filter(round__start_year=2016).count() == 11 and counts[0] == 22 and counts[3] == 3


def test_the_compiled_page_shows_the_eleven_agencies_to_a_board_member(demo_board, as_user):
    from partners.models import User

    member = User.objects.get(email="board@demo.test")
    response = as_user(member).get(reverse("reports:partner-updates", args=[2016]))
    assert response.status_code == 200
    assert len(response.context["documents"]) == 11
    assert response.content.decode().count("wrong period") == 1
