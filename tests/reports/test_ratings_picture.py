"""The picture across agencies: agencies x standards for a year, change since last year, counts, filters,
exports; board members see accepted returns only."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from partners.models import BoardMembership, Partner
from reports.selfreports import services
from reports.selfreports.ratings import ratings_picture
from tests.reports.factories import DECLARATION, fill_all, rate, rated_round, report_for
from wscb.periods import ReportingYear


def _url(year=2016, query=""):
    return reverse("reports:ratings-picture", args=[year]) + (f"?{query}" if query else "")


@pytest.fixture
def two_years(board, agency_a, agency_b, lead_a, lead_b, business_support):
    """2015/16: A accepted Red for leadership; 2016/17: A accepted Green, B submitted (not accepted) Amber."""
    last, last_ratings = rated_round(board=board, agencies=[agency_a], by=business_support, year=ReportingYear(2015))
    a_last = report_for(last, agency_a)
    fill_all(a_last, lead_a)
    rate(a_last, last_ratings, lead_a, {"leadership": "1", "training_standard": "2"})
    services.report_submit(report=a_last, by=lead_a, declaration=DECLARATION)
    services.report_accept(report=a_last, by=business_support)

    round_, ratings = rated_round(board=board, agencies=[agency_a, agency_b], by=business_support)
    a, b = report_for(round_, agency_a), report_for(round_, agency_b)
    for report, lead, levels in ((a, lead_a, {"leadership": "3"}), (b, lead_b, {"leadership": "2"})):
        fill_all(report, lead)
        rate(report, ratings, lead, {**levels, "training_standard": "2"})
        services.report_submit(report=report, by=lead, declaration=DECLARATION)
    services.report_accept(report=a, by=business_support)
    return a, b


def test_board_members_see_accepted_returns_only(two_years, board_member, as_user):
    html = as_user(board_member).get(_url()).content.decode()
    assert "Agency A Trust" in html and "Agency B" not in html
    assert "Only accepted updates are shown" in html


def test_business_support_also_sees_submitted_returns_with_their_status(two_years, business_support, as_user):
    html = as_user(business_support).get(_url()).content.decode()
    assert "Agency A Trust" in html and "Agency B" in html and "Submitted" in html


def test_each_cell_gives_the_rating_and_the_change_since_last_year(two_years, board):
    picture = ratings_picture(board=board, year=ReportingYear(2016), accepted_only=False)
    assert [standard.label for standard in picture.standards] == ["Leadership", "Training standard"]
    a_row = next(row for row in picture.rows if row.agency.short_name == "Agency A")
    leadership, training = a_row.cells
    assert (leadership.level.label, leadership.change, leadership.change_words) == ("Green", 2, "up from Red")
    assert leadership.tone == "best" and training.change_words == "no change" and training.tone == "mid"
    b_row = next(row for row in picture.rows if row.agency.short_name == "Agency B")
    assert b_row.cells[0].change_words == "new"
    leadership_counts = picture.counts[0]
    assert [(item.level.label, item.count) for item in leadership_counts.levels] == [
        ("Red", 0),
        ("Amber", 1),
        ("Green", 1),
    ]
    assert leadership_counts.not_rated == 0


def test_filters_by_sector_and_statutory_status(two_years, board, agency_b, business_support, as_user):
    Partner.objects.filter(pk=agency_b.pk).update(sector=Partner.Sector.POLICE)
    BoardMembership.objects.filter(partner=agency_b, board=board).update(is_statutory=False)
    client = as_user(business_support)
    police = client.get(_url(query="sector=police")).content.decode()
    assert "Agency B" in police and "Agency A Trust" not in police
    statutory = client.get(_url(query="statutory=yes")).content.decode()
    assert "Agency A Trust" in statutory and "Agency B" not in statutory
    others = client.get(_url(query="statutory=no")).content.decode()
    assert "Agency B" in others and "Agency A Trust" not in others


def test_the_picture_downloads_as_csv_and_xlsx_with_the_filters(two_years, board_member, as_user):
    client = as_user(board_member)
    csv = client.get(reverse("reports:ratings-picture-export", args=[2016, "csv"])).content.decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0].startswith("Agency,Leadership: rating,Leadership: level (1 = lowest),Leadership: change")
    assert lines[1].startswith("Agency A Trust,Green,3,up from Red") and len(lines) == 2
    response = client.get(reverse("reports:ratings-picture-export", args=[2016, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]][:3] == ["Agency A Trust", "Green", 3]
    assert client.get(reverse("reports:ratings-picture-export", args=[2016, "pdf"])).status_code == 404


def test_a_year_without_rating_questions_says_so(board, business_support, as_user):
    html = as_user(business_support).get(_url(2019)).content.decode()
    assert "has no rating questions" in html


def test_partner_leads_cannot_see_the_picture(two_years, lead_a, as_user):
    assert as_user(lead_a).get(_url()).status_code == 403
