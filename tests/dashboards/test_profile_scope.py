"""Who sees which profile, and that no draft update content or case study reaches these pages."""

import pytest
from django.urls import reverse

from reports.selfreports.models import CaseStudy
from tests.reports.factories import accepted, fill_all, open_round, report_for

pytestmark = pytest.mark.django_db

SECRET_DRAFT = "Answer to "  # every answer fill_all writes starts with this
CASE_TITLE = "Sibling group moved out of area"


def profile(agency):
    return reverse("dashboards:agency-profile", args=[agency.pk])


def test_a_partner_lead_sees_their_own_profile(as_user, lead_a, agency_a):
    response = as_user(lead_a).get(profile(agency_a))
    assert response.status_code == 200
    assert response.context["agency"] == agency_a


def test_a_partner_lead_gets_404_for_another_agencys_profile(as_user, lead_a, agency_b):
    assert as_user(lead_a).get(profile(agency_b)).status_code == 404


def test_a_partner_lead_may_not_open_the_dashboard(as_user, lead_a):
    assert as_user(lead_a).get(reverse("dashboards:dashboard")).status_code == 403


def test_board_members_and_business_support_see_every_agencys_profile(
    as_user, board_member, business_support, agency_a, agency_b
):
    for user in (board_member, business_support):
        for agency in (agency_a, agency_b):
            assert as_user(user).get(profile(agency)).status_code == 200


def test_the_profile_index_lists_only_the_leads_own_agency(as_user, lead_a, agency_a, agency_b):
    agencies = list(as_user(lead_a).get(reverse("dashboards:profile-index")).context["agencies"])
    assert agencies == [agency_a]


def test_the_pages_are_read_only(as_user, board_member, agency_a):
    client = as_user(board_member)
    assert client.post(reverse("dashboards:dashboard")).status_code == 405
    assert client.post(profile(agency_a)).status_code == 405


@pytest.fixture
def updates(board, agency_a, agency_b, lead_a, lead_b, business_support):
    """Agency A's update is a submitted draft with a case study; agency B's is accepted, also with one."""
    round_ = open_round(board=board, agencies=[agency_a, agency_b], by=business_support)
    draft = report_for(round_, agency_a)
    fill_all(draft, lead_a)
    done = accepted(report_for(round_, agency_b), lead_b, business_support)
    for report, lead in ((draft, lead_a), (done, lead_b)):
        CaseStudy.objects.create(
            report=report,
            title=CASE_TITLE,
            text="A very private story about a child.",
            declaration=CaseStudy.Declaration.ANONYMISED,
            is_for_publication=True,
            created_by=lead,
        )
    return draft, done


def test_a_board_member_sees_no_draft_content_and_no_case_studies_anywhere(
    as_user, board_member, agency_a, agency_b, updates
):
    draft, done = updates
    client = as_user(board_member)
    pages = [
        client.get(reverse("dashboards:dashboard"), {"year": "2016/17"}),
        client.get(profile(agency_a), {"year": "2016/17"}),
        client.get(profile(agency_b), {"year": "2016/17"}),
        client.get(reverse("dashboards:profile-index")),
    ]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert SECRET_DRAFT not in html
        assert CASE_TITLE not in html
        assert "private story" not in html
    profile_a = pages[1].content.decode()
    assert "In progress" in profile_a
    assert "Shown once accepted" in profile_a
    assert reverse("reports:selfreport-detail", args=[draft.pk]) not in profile_a
    # The accepted update is linked (its page shows accepted content only).
    assert reverse("reports:selfreport-detail", args=[done.pk]) in pages[2].content.decode()


def test_business_support_gets_a_link_to_a_draft_update(as_user, business_support, agency_a, updates):
    draft, _done = updates
    html = as_user(business_support).get(profile(agency_a), {"year": "2016/17"}).content.decode()
    assert reverse("reports:selfreport-detail", args=[draft.pk]) in html
    assert CASE_TITLE not in html


def test_an_overdue_update_is_flagged_on_the_dashboard_and_the_profile(
    as_user, board_member, board, agency_a, business_support
):
    from datetime import date

    round_ = open_round(board=board, agencies=[agency_a], by=business_support, deadline=date(2017, 5, 31))
    client = as_user(board_member)
    dashboard = client.get(reverse("dashboards:dashboard"), {"year": "2016/17"}).content.decode()
    assert "overdue-returns" in dashboard and agency_a.name in dashboard
    page = client.get(profile(agency_a), {"year": "2016/17"}).content.decode()
    assert "Overdue" in page
    assert round_.reports.get().status == "not_started"
