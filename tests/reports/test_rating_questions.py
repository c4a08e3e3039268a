"""Rating questions: a scale the form's author writes, shown with its descriptors, stored as a number."""

import pytest
from django.urls import reverse

from reports.selfreports import services
from reports.selfreports.models import Answer, Question
from reports.selfreports.reporting import report_document
from tests.reports.factories import (
    DECLARATION,
    FOUR,
    add_rating_section,
    fill_all,
    make_form,
    open_round,
    rate,
    rated_round,
    report_for,
)


@pytest.fixture
def rated(board, agency_a, lead_a, business_support):
    round_, ratings = rated_round(board=board, agencies=[agency_a], by=business_support)
    return report_for(round_, agency_a), ratings


def test_the_section_page_shows_each_level_with_its_descriptor(rated, lead_a, as_user):
    report, ratings = rated
    html = as_user(lead_a).get(reverse("reports:selfreport-section", args=[report.pk, ratings.pk])).content.decode()
    assert 'type="radio"' in html and "Amber: partly in place" in html and "Green: fully in place" in html
    assert 'name="leadership--why"' in html


def test_a_rating_is_stored_as_the_levels_number_for_counting(rated, lead_a, as_user):
    report, ratings = rated
    response = as_user(lead_a).post(
        reverse("reports:selfreport-section", args=[report.pk, ratings.pk]),
        {"version": 0, "leadership": "2", "leadership--why": "Half the teams", "training_standard": "3"},
    )
    assert response.status_code == 302
    answer = Answer.objects.get(key="leadership")
    assert (answer.value, answer.rating) == ("2", 2)
    assert Answer.objects.get(key="leadership--why").value == "Half the teams"
    lines = {
        line.key: line.value
        for block in report_document(report=report, for_user=lead_a).sections
        for line in block.answers
    }
    assert lines["leadership"] == "Amber: partly in place"


def test_a_level_outside_the_scale_is_refused(rated, lead_a, as_user):
    report, ratings = rated
    response = as_user(lead_a).post(
        reverse("reports:selfreport-section", args=[report.pk, ratings.pk]), {"version": 0, "leadership": "7"}
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    with pytest.raises(services.SelfReportError, match="choose one of the levels"):
        services.section_save(report=report, section=ratings, values={"leadership": "9"}, version=0, by=lead_a)
    assert not Answer.objects.filter(key="leadership").exists()


def test_a_required_justification_must_be_given_before_submitting(rated, lead_a):
    report, ratings = rated
    fill_all(report, lead_a)
    entry = report.entries.get(section=ratings)
    services.section_save(
        report=report,
        section=ratings,
        values={"leadership": "1", "leadership--why": "", "training_standard": "3", "training_standard--why": "ok"},
        version=entry.version,
        by=lead_a,
    )
    with pytest.raises(services.SelfReportError, match="Self-assessment against standards"):
        services.report_submit(report=report, by=lead_a, declaration=DECLARATION)
    rate(report, ratings, lead_a, {"leadership": "1", "training_standard": "3"})
    services.report_submit(report=report, by=lead_a, declaration=DECLARATION)


def test_a_four_level_scale_with_descriptors(board, agency_a, lead_a, business_support, as_user):
    template = make_form(board)
    section_ = add_rating_section(template, scale=FOUR, keys=("audit",))
    report = report_for(open_round(board=board, agencies=[agency_a], by=business_support, template=template), agency_a)
    html = as_user(lead_a).get(reverse("reports:selfreport-section", args=[report.pk, section_.pk])).content.decode()
    assert "4: outstanding, the standard is met and shared as good practice" in html
    assert [level.label for level in Question.objects.get(key="audit").levels] == ["1", "2", "3", "4"]


def test_a_rating_question_needs_a_scale_of_two_levels_at_least():
    from django.core.exceptions import ValidationError

    question = Question(kind=Question.Kind.RATING, scale="Only one", key="x", text="x")
    with pytest.raises(ValidationError, match="at least two levels"):
        question.clean()
    Question(kind=Question.Kind.RATING, scale="Red\nGreen", key="x", text="x", action_threshold=1).clean()
    with pytest.raises(ValidationError, match="from 1 to 2"):
        Question(kind=Question.Kind.RATING, scale="Red\nGreen", key="x", text="x", action_threshold=3).clean()
