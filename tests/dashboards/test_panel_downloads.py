"""Each panel's figures download as CSV and XLSX, escaped against spreadsheet formulas."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from meetings.models import Attendance
from tests.finance.factories import ContributionFactory, FinanceYearFactory
from tests.meetings.factories import (
    ActionFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    member_attendance,
)
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def download(client, panel, fmt, year="2016/17"):
    return client.get(reverse("dashboards:panel-export", args=[panel, fmt]), {"year": year})


def rows_of_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def figures(board, agency_a):
    group = GroupFactory(board=board, name="Safeguarding Board")
    risky = PartnerFactory(name="=HYPERLINK(evil)", short_name="=EVIL")
    for agency, status in ((agency_a, Attendance.Status.PRESENT), (risky, Attendance.Status.APOLOGIES)):
        membership = MembershipFactory(group=group, person=PersonFactory(partner=agency))
        member_attendance(
            MeetingFactory(group=group, held_on=datetime.date(2016, 9, 5 + len(agency.name) % 3)), membership, status
        )
    year = FinanceYearFactory(board=board, start_year=2016)
    ContributionFactory(
        finance_year=year, partner=agency_a, amount_agreed=Decimal("5000.00"), amount_received=Decimal("1000.00")
    )
    ActionFactory(
        meeting=MeetingFactory(group=group, held_on=datetime.date(2016, 10, 1)),
        owner=agency_a,
        due_on=datetime.date(2016, 11, 1),
    )
    return risky


def test_the_attendance_csv_has_each_agencys_rate_and_flag(as_user, board_member, agency_a, figures):
    response = download(as_user(board_member), "attendance", "csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="dashboard-attendance-2016-17.csv"'
    rows = rows_of_csv(response)
    assert rows[0][:3] == ["Group", "Agency", "Expected"]
    by_agency = {row[1]: row for row in rows[1:]}
    assert by_agency[agency_a.short_name][2:] == ["1", "1", "0", "0", "0", "100.0", "No"]
    # A name that a spreadsheet would run as a formula is escaped with a leading quote.
    assert by_agency["'=EVIL"][-2:] == ["0.0", "Yes"]


def test_the_finance_xlsx_has_the_outstanding_contribution(as_user, business_support, agency_a, figures):
    response = download(as_user(business_support), "finance", "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Measure", "Budget", "Actual"]
    assert [f"Contribution outstanding: {agency_a.name}", 5000, 4000] in values


def test_the_actions_csv_counts_open_and_overdue_actions_per_agency(as_user, board_member, agency_a, figures):
    rows = rows_of_csv(download(as_user(board_member), "actions", "csv"))
    assert [agency_a.short_name, "1", "1"] in rows
    assert rows[-1] == ["Total", "1", "1"]


@pytest.mark.parametrize("panel", ["indicators", "training", "returns"])
def test_panels_with_no_figures_download_just_their_headings_or_zeros(as_user, board_member, panel):
    response = download(as_user(board_member), panel, "csv")
    assert response.status_code == 200
    rows = rows_of_csv(response)
    assert rows[0]  # a heading row


def test_an_unknown_format_is_a_404(as_user, board_member):
    assert download(as_user(board_member), "attendance", "pdf").status_code == 404


def test_a_partner_lead_may_not_download_panels(as_user, lead_a):
    assert download(as_user(lead_a), "attendance", "csv").status_code == 403


def test_the_training_csv_compares_the_year_with_the_one_before(as_user, board_member, board, agency_a):
    from tests.training.factories import BookingFactory, CourseFactory, ModuleFactory, SessionFactory
    from training.models import Booking, ELearningEnrolment

    course, module = CourseFactory(board=board), ModuleFactory(board=board)
    for start, statuses in ((2016, ["attended", "attended", "did_not_attend", "booked"]), (2015, ["attended"])):
        session = SessionFactory(course=course, starts_on=datetime.date(start, 6, 1))
        for status in statuses:
            BookingFactory(session=session, partner=agency_a, organisation_name="", status=status)
        ELearningEnrolment.objects.create(
            module=module,
            learner_name="L",
            partner=agency_a,
            allocated_on=datetime.date(start, 7, 1),
            completed_on=datetime.date(start, 8, 1) if start == 2016 else None,
        )
    assert Booking.objects.count() == 5
    rows = {row[0]: row[1:] for row in rows_of_csv(download(as_user(board_member), "training", "csv"))}
    assert rows["Measure"] == ["2016/17", "2015/16"]
    assert rows["Places booked"] == ["4", "1"]
    assert rows["Attended"] == ["2", "1"]
    assert rows["Did not attend rate %"] == ["25.0", "0.0"]
    assert rows["E-learning completion rate %"] == ["100.0", "0.0"]
