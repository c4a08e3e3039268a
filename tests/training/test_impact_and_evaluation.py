"""Impact reports and evaluation scores show on the summary, and the report file downloads for readers."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.training.factories import CourseFactory, CoursePlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(board, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan = CoursePlanFactory(
        course=CourseFactory(board=board, title="WRAP"),
        has_impact_report=True,
        impact_summary="Practitioners reported more confident referrals.",
        evaluation_score="4.30",
        evaluation_responses=41,
    )
    plan.impact_file.save("wrap-impact.txt", ContentFile(b"WRAP impact report"), save=True)
    return plan


def test_the_summary_lists_impact_reports_and_evaluation_scores(plan, board_member, as_user):
    response = as_user(board_member).get(reverse("training:summary"), {"year": "2016/17"})
    [row] = response.context["impact_rows"]
    assert (row.title, row.impact_summary, str(row.evaluation_score), row.evaluation_responses) == (
        "WRAP",
        "Practitioners reported more confident referrals.",
        "4.30",
        41,
    )
    assert reverse("training:impact-file", args=[plan.pk]) in response.content.decode()


def test_a_reader_downloads_the_impact_report(plan, board_member, as_user):
    response = as_user(board_member).get(reverse("training:impact-file", args=[plan.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"WRAP impact report"
    assert "attachment" in response["Content-Disposition"]


def test_a_plan_without_a_file_is_not_found(board, board_member, as_user):
    plan = CoursePlanFactory(course=CourseFactory(board=board))
    assert as_user(board_member).get(reverse("training:impact-file", args=[plan.pk])).status_code == 404


def test_a_partner_lead_cannot_download_impact_reports(plan, lead_a, as_user):
    assert as_user(lead_a).get(reverse("training:impact-file", args=[plan.pk])).status_code == 403
