"""Business support opens a round and follows it on the tracker; the tracker exports to XLSX."""

import io
from datetime import date, timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from openpyxl import load_workbook

from reports.selfreports import exports
from reports.selfreports.models import Round, SelfReport
from reports.selfreports.selectors import tracker_rows
from tests.reports.factories import fill_all, make_form, open_round, report_for, submitted
from wscb.periods import ReportingYear


def test_opening_a_round_creates_each_agencys_update_and_invites_their_leads(
    board, agency_a, agency_b, lead_a, lead_b, business_support, as_user, run_jobs
):
    template = make_form(board)
    mail.outbox.clear()
    deadline = timezone.localdate() + timedelta(days=40)
    response = as_user(business_support).post(
        reverse("reports:round-create"),
        {
            "template": template.pk,
            "deadline": deadline.strftime("%d/%m/%Y"),
            "agencies": [agency_a.pk, agency_b.pk],
            "confirmed": "yes",
        },
    )
    round_ = Round.objects.get()
    assert response.status_code == 302 and response.url == reverse("reports:round-detail", args=[round_.pk])
    assert set(round_.reports.values_list("partner__short_name", "status")) == {
        ("Agency A", "not_started"),
        ("Agency B", "not_started"),
    }
    run_jobs()
    assert sorted(m.to[0] for m in mail.outbox) == [lead_a.email, lead_b.email]


def test_a_round_needs_agencies_and_a_future_deadline(board, business_support, as_user):
    template = make_form(board)
    response = as_user(business_support).post(
        reverse("reports:round-create"), {"template": template.pk, "deadline": "01/01/2001"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"deadline", "agencies"}
    assert not Round.objects.exists()


def test_the_tracker_shows_status_sections_completed_and_overdue(
    board, agency_a, agency_b, lead_a, business_support, as_user
):
    with freeze_time("2017-05-01 10:00"):
        round_ = open_round(board=board, agencies=[agency_a, agency_b], by=business_support, deadline=date(2017, 5, 31))
        fill_all(report_for(round_, agency_a), lead_a)
    rows = {row.report.partner.short_name: row for row in tracker_rows(round_=round_, today=date(2017, 6, 1))}
    assert (rows["Agency A"].report.status, rows["Agency A"].sections_completed, rows["Agency A"].sections_total) == (
        SelfReport.Status.IN_PROGRESS,
        12,
        12,
    )
    assert rows["Agency A"].is_overdue and rows["Agency B"].is_overdue
    assert rows["Agency B"].sections_completed == 0 and rows["Agency B"].last_change is None
    with freeze_time("2017-06-01 09:00"):
        page = as_user(business_support).get(reverse("reports:round-detail", args=[round_.pk])).content.decode()
    assert page.count('class="table-danger"') == 2
    assert "12 of 12" in page


def test_a_submitted_update_is_not_overdue(board, agency_a, lead_a, business_support):
    with freeze_time("2017-05-01 10:00"):
        round_ = open_round(board=board, agencies=[agency_a], by=business_support, deadline=date(2017, 5, 31))
        submitted(report_for(round_, agency_a), lead_a)
    [row] = tracker_rows(round_=round_, today=date(2017, 6, 10))
    assert not row.is_overdue


def test_the_tracker_downloads_as_a_spreadsheet(report_a, report_b, lead_a, business_support, as_user):
    fill_all(report_a, lead_a)
    response = as_user(business_support).get(reverse("reports:round-export", args=[report_a.round.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert 'filename="partner-updates-2016-tracker.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == tuple(exports.TRACKER_HEADERS)
    assert rows[2][:4] == ("Agency A Trust", "In progress", 12, 12)
    assert rows[3][:4] == ("Agency B Police", "Not started", 0, 12)


def test_exported_text_that_looks_like_a_formula_is_escaped():
    assert exports.safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert exports.safe_cell("@SUM") == "'@SUM"
    assert exports.safe_cell("Agency") == "Agency"


def test_the_tracker_uses_a_fixed_number_of_queries(board, business_support, django_assert_max_num_queries):
    from tests.partners.factories import PartnerFactory, PartnerLeadFactory

    def build(count, year):
        agencies = [PartnerFactory() for _ in range(count)]
        for agency in agencies:
            PartnerLeadFactory(partner=agency)
        return open_round(board=board, agencies=agencies, by=business_support, year=year)

    small, large = build(2, ReportingYear(2016)), build(12, ReportingYear(2017))
    for round_ in (small, large):
        with django_assert_max_num_queries(3):
            tracker_rows(round_=round_, today=date(2017, 6, 1))
