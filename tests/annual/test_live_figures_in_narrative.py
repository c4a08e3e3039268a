"""Live figures in narrative: ``{{ name }}`` prints the report's figure, safely; typed numbers are listed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.annual import placeholders
from reports.annual.assembly import build_report
from reports.annual.markdown import render_markdown
from reports.annual.models import NarrativeSection
from reports.annual.placeholders import Figure
from reports.annual.readiness import BLOCKING, WARNING, check_readiness
from tests.annual.factories import NarrativeFactory

FIGURES = {
    "training.places_attended": Figure("training.places_attended", 1711, "Attended"),
    "elearning.stated_completion_rate": Figure("elearning.stated_completion_rate", Decimal("87.5"), "Rate", "percent"),
    "finance.total_income": Figure("finance.total_income", Decimal("271024.00"), "Income", "money"),
    "training.stated.booked": Figure("training.stated.booked", None, "Booked"),
    "board.name": Figure("board.name", "<script>alert(1)</script> *bold*", "A name", "text"),
    "priorities.list": Figure("priorities.list", ["Governance", "Early *help*"], "Priorities", "list"),
}


def test_a_placeholder_prints_the_figure_formatted():
    text = "{{ training.places_attended }} attended; {{elearning.stated_completion_rate}} completed"
    assert placeholders.resolve(text, FIGURES) == "1,711 attended; 87.5% completed"
    assert placeholders.resolve("Income {{ finance.total_income }}.", FIGURES) == "Income £271,024."


def test_a_figure_that_is_not_recorded_says_so_and_an_unknown_name_is_visible():
    assert placeholders.resolve("{{ training.stated.booked }} booked", FIGURES) == "not recorded booked"
    assert placeholders.resolve("{{ no.such }}", FIGURES) == "\\[no figure: no.such\\]"
    assert placeholders.names_used("{{ a.b }} and {{ c }} and {{ a.b }}") == ["a.b", "c"]


def test_a_list_figure_alone_on_its_line_becomes_a_numbered_list():
    html = render_markdown(placeholders.resolve("Our priorities:\n\n{{ priorities.list }}\n", FIGURES))
    assert "<ol>" in html and "<li>Governance</li>" in html
    assert "Early *help*" in html  # the value's Markdown characters are printed, not obeyed


@pytest.mark.parametrize(
    "text, printed",
    [
        ("{{ board.name }}", "&lt;script&gt;alert(1)&lt;/script&gt; *bold*"),
        ("{{ 7 + 7 }}", "{{ 7 + 7 }}"),
        ("{% load static %}{% debug %}", "{% load static %}{% debug %}"),
        ("{{ settings.SECRET_KEY }}", "{{ settings.SECRET_KEY }}"),
        ("{{ request.user.password }}", "[no figure: request.user.password]"),
        ("{{ board.name|safe }}", "{{ board.name|safe }}"),
    ],
)
def test_user_text_is_never_template_code_and_values_cannot_inject_html(text, printed, settings):
    html = render_markdown(placeholders.resolve(text, FIGURES))
    assert printed in html
    assert "<script" not in html
    assert settings.SECRET_KEY not in html


def test_only_names_resolve_not_filters_or_expressions():
    assert placeholders.resolve("{{ board.name|safe }}", FIGURES) == "{{ board.name|safe }}"
    assert placeholders.malformed("{{ board.name|safe }} {{ a b }} {{ ok.name }}") == [
        "{{ board.name|safe }}",
        "{{ a b }}",
    ]


def test_typed_numbers_are_found_but_not_years_dates_list_numbers_or_placeholders():
    text = (
        "1. In 2016/17 we trained 1,471 staff and 57 schools (over 83% of settings) on 16/3/17.\n"
        "- The 2017 conference, 1st April 2016, cost £1,500 and {{ training.places_attended }} came."
    )
    assert [number.number for number in placeholders.typed_numbers(text)] == ["1,471", "57", "83%", "£1,500"]
    found = placeholders.typed_numbers("Working Together 2015 and 2016-2017, section 47")
    assert [number.number for number in found] == ["47"]
    assert found[0].context == "…ng Together 2015 and 2016-2017, section 47"


def test_the_report_resolves_the_demo_texts_placeholders(seeded_board, year):
    report = build_report(board=seeded_board, year=year)
    context = report.section("context").data.narrative
    assert "{{" in context.source and "{{" not in context.body
    assert "67,900 children and young people in the Borough" in context.body
    assert "Wigan is ranked 85th most deprived local authority in England" in context.body
    assert "<ol>" in context.html and "Refresh, improve and strengthen the governance" in context.html
    summary = report.section("executive_summary").data
    assert "progress against all 6 of its strategic objectives" in summary.body


def test_facts_the_text_names_are_not_repeated_in_a_table(seeded_board, year):
    data = build_report(board=seeded_board, year=year).section("context").data
    assert data.facts and data.facts_in_table == []


def test_the_readiness_check_lists_typed_numbers_and_unknown_names(board, year):
    NarrativeFactory(board=board, kind=NarrativeSection.Kind.NEXT_YEAR, body="We trained 1,300 drivers. {{ no.such }}")
    items = check_readiness(build_report(board=board, year=year)).items
    [typed] = [item for item in items if item.group == "Numbers typed into the text"]
    assert typed.level == WARNING and "1,300" in typed.message and "/narrative/next_year/" in typed.fix_url
    [unknown] = [item for item in items if item.group == "Live figures in the text"]
    assert unknown.level == BLOCKING and "no.such" in unknown.message


def test_the_editor_lists_the_figures_with_this_years_values(as_user, business_support, seeded_board):
    response = as_user(business_support).get(reverse("annual:narrative-edit", args=[2016, "context"]))
    assert response.status_code == 200
    names = {figure.name: figure.display for figure in response.context["figures"]}
    assert names["context.child_population"] == "67,900"
    assert "<code>context.child_population</code>" in response.content.decode()


def test_the_editor_refuses_a_name_with_no_figure_and_broken_braces(as_user, business_support, board):
    url = reverse("annual:narrative-edit", args=[2016, "next_year"])
    response = as_user(business_support).post(url, {"body": "We did {{ no.such.figure }}.", "version": 0})
    assert response.status_code == 400
    assert "There is no figure called no.such.figure" in response.content.decode()
    response = as_user(business_support).post(url, {"body": "We did {{ report.year|upper }}.", "version": 0})
    assert response.status_code == 400
    assert not NarrativeSection.objects.filter(board=board, kind="next_year").exists()
    response = as_user(business_support).post(url, {"body": "Towards {{ report.next_year }}.", "version": 0})
    assert response.status_code == 302


def test_the_activity_editor_checks_names_too(as_user, business_support, seeded_board):
    priority = seeded_board.priorities.get(number=1)
    url = reverse("annual:activity-edit", args=[2016, priority.pk])
    assert as_user(business_support).post(url, {"text": "{{ nope }}", "version": 0}).status_code in (400, 409)
    response = as_user(business_support).get(url)
    assert "priorities.count" in {figure.name for figure in response.context["figures"]}
