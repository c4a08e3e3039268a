"""The report's settings: section numbers, the portal's analysis, the checks printed, partner update order."""

from django.urls import reverse

from reports.annual import reconciliation
from reports.annual.assembly import build_report
from reports.annual.models import ReportConfiguration
from reports.annual.readiness import check_readiness
from wscb.audit.models import AuditEvent

URL = reverse("annual:settings", args=[2016])


def _post(client, **changes):
    """Post the settings form as opened now (the stored version), with ``changes``."""
    stored = ReportConfiguration.objects.filter(year_start=2016).first()
    data = {
        "version": stored.version if stored else 0,
        "numbering": "automatic",
        "shown_checks": reconciliation.CHECK_NAMES,
        **changes,
    }
    return client.post(URL, data)


def test_business_support_sees_the_settings_the_demo_sets(as_user, business_support, seeded_board):
    response = as_user(business_support).get(URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["numbering"] == "custom"
    assert form.initial["number_performance"] == "6" and form.initial["number_lado"] == ""
    assert form.initial["include_analysis"] is False
    assert set(form.initial["shown_checks"]) == set(reconciliation.CHECK_NAMES)


def test_numbers_set_here_are_the_reports_and_automatic_numbering_restores_1_2_3(
    as_user, business_support, board, year
):
    client = as_user(business_support)
    response = _post(client, numbering="custom", number_executive_summary="1", number_context="2", number_lado="2.1")
    assert response.status_code == 302
    numbers = {section.key: section.number for section in build_report(board=board, year=year).all_sections}
    assert (numbers["executive_summary"], numbers["context"], numbers["lado"], numbers["governance"]) == (
        "1",
        "2",
        "2.1",
        "",
    )
    response = _post(client, numbering="automatic")
    assert response.status_code == 302
    numbers = {section.key: section.number for section in build_report(board=board, year=year).all_sections}
    assert (numbers["foreword"], numbers["executive_summary"], numbers["performance"], numbers["lado"]) == (
        "",
        "1",
        "5",
        "5.1",
    )
    assert AuditEvent.objects.filter(content_type__model="reportconfiguration", action="changed").count() == 2


def test_a_number_given_twice_or_not_a_number_is_refused(as_user, business_support, board):
    client = as_user(business_support)
    response = _post(client, numbering="custom", number_context="2", number_governance="2", number_training="seven")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Context already has the number 2." in content
    assert "Use digits, with dots between levels" in content
    assert not ReportConfiguration.objects.exists()
    assert _post(client, numbering="custom").status_code == 400  # nothing numbered


def test_two_people_saving_the_settings_get_a_conflict_message(as_user, business_support, administrator, board):
    assert _post(as_user(administrator), include_analysis="on").status_code == 302
    response = _post(as_user(business_support), version=0)  # opened before the first save
    assert response.status_code == 409
    assert "Someone else saved these settings" in response.content.decode()
    assert ReportConfiguration.objects.get(board=board).include_analysis is True


def test_a_hidden_check_stays_on_the_readiness_page_but_leaves_the_report(as_user, business_support, full_board, year):
    report = build_report(board=full_board, year=year)
    assert report.section("finance").findings
    shown = [name for name in reconciliation.CHECK_NAMES if name != "finance_totals_against_lines"]
    assert _post(as_user(business_support), shown_checks=shown).status_code == 302
    report = build_report(board=full_board, year=year)
    assert not [f for f in report.section("finance").findings if f.check == "finance_totals_against_lines"]
    messages = [item.message for item in check_readiness(report).items]
    assert any(message.startswith("Total income, 2016/17") and "not printed" in message for message in messages)


def test_partner_updates_follow_the_positions_and_print_the_labels(as_user, business_support, full_board, year):
    from reports.selfreports.models import SelfReport

    accepted = SelfReport.objects.get(round__board=full_board, status=SelfReport.Status.ACCEPTED)
    pending = SelfReport.objects.exclude(pk=accepted.pk).get(round__board=full_board)
    response = _post(
        as_user(business_support),
        **{f"position_{pending.pk}": "1", f"position_{accepted.pk}": "2", f"label_{accepted.pk}": "10.1"},
    )
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert (accepted.report_position, accepted.report_label) == (2, "10.1")
    from reports.annual import outputs

    html = outputs.render_html(build_report(board=full_board, year=year))
    assert "<h3>10.1 Agency A Trust</h3>" in html


def test_the_settings_page_refuses_other_roles(as_user, lead_a, board_member, board):
    assert as_user(lead_a).get(URL).status_code == 403
    assert as_user(board_member).post(URL, {"version": 0}).status_code == 403
    assert not ReportConfiguration.objects.exists()
