"""Start pages: a lead's open update waits for them; business support's queue links to the tracker."""

from django.urls import reverse

from tests.reports.factories import accepted, submitted


def test_a_leads_open_update_is_waiting_for_them(report_a, lead_a, as_user):
    page = as_user(lead_a).get(reverse("home")).content.decode()
    assert reverse("reports:selfreport-tasks", args=[report_a.pk]) in page
    assert "Annual update 2016/17" in page and "due by 31/05/2017" in page


def test_a_submitted_update_no_longer_waits(report_a, lead_a, as_user):
    submitted(report_a, lead_a)
    page = as_user(lead_a).get(reverse("home")).content.decode()
    assert reverse("reports:selfreport-tasks", args=[report_a.pk]) not in page
    assert "Nothing is waiting for you" in page


def test_another_agencys_update_never_shows_on_a_leads_start_page(report_b, lead_a, as_user):
    page = as_user(lead_a).get(reverse("home")).content.decode()
    assert reverse("reports:selfreport-tasks", args=[report_b.pk]) not in page


def test_business_support_sees_updates_waiting_for_review_and_the_tracker(
    report_a, report_b, lead_a, lead_b, business_support, as_user
):
    submitted(report_a, lead_a)
    accepted(report_b, lead_b, business_support)
    page = as_user(business_support).get(reverse("home")).content.decode()
    assert "1 partner update is waiting for review (2016/17)" in page
    assert f'href="{reverse("reports:round-detail", args=[report_a.round_id])}">1 partner update' in page


def test_the_update_list_is_scoped(report_a, report_b, lead_a, lead_b, business_support, board_member, as_user):
    def listed(user):
        return {r.partner.short_name for r in as_user(user).get(reverse("reports:selfreport-list")).context["reports"]}

    assert listed(lead_a) == {"Agency A"}
    assert listed(business_support) == {"Agency A", "Agency B"}
    assert listed(board_member) == set()
    accepted(report_b, lead_b, business_support)
    assert listed(board_member) == {"Agency B"}
