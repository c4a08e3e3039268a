"""A second, invented partnership's whole year, built from template-shaped import files alone through the
Imports pages (upload, preview, confirm), as its business support would: agencies, people, groups,
memberships, meetings with attendance, courses, sessions, bookings, e-learning, expenditure,
contributions, indicators and their figures, engagement events and context facts. Then its dashboard
opens on that year, and the dashboard's, training's, attendance's and the assembled report's figures (its
sections' data, and the draft report page) equal the ones this test counts from the files themselves.

Nothing is made by hand but the partnership itself and the business-support user who imports: the
financial year, the expenditure category and the e-learning module come in from files too, before the
files that name them."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.urls import reverse

from finance.reporting import finance_statement
from finance.templatetags.money import pounds as whole_pounds
from meetings.models import Group
from meetings.reporting import attendance_rates
from partners.models import Board
from reports.annual import reporting as annual_reporting
from reports.annual.assembly import build_report
from reports.annual.models import IndicatorValue, compute_value
from tests.conftest import client_for
from tests.import_pages import import_file
from tests.partners.factories import UserFactory
from training.reporting import elearning_figures, training_summary
from wscb.periods import ReportingYear
from wscb.roles import Role
from wscb.scoping import board_scope

pytestmark = pytest.mark.django_db

YEAR = ReportingYear(2016)

FILES = {
    "agencies": [
        ["Name", "Short name", "Sector", "Statutory partner"],
        ["Northvale Borough Council", "NBC", "Local authority", "Yes"],
        ["Northvale Police", "NV Police", "Police", "Yes"],
        ["Northvale Health Trust", "NHT", "Health", "Yes"],
        ["Riverside Schools Trust", "RST", "Education", "No"],
    ],
    "people": [
        ["Full name", "Job title", "Agency"],
        ["Indira Chair", "Independent Chair", ""],
        ["Colin Council", "Director of Children's Services", "NBC"],
        ["Petra Police", "Detective Superintendent", "NV Police"],
        ["Hana Health", "Designated Nurse", "NHT"],
        ["Sam Schools", "Head Teacher", "RST"],
    ],
    "groups": [
        ["Name", "Kind", "Quorum: members present"],
        ["Northvale Partnership Board", "Board", "3"],
    ],
    "memberships": [
        ["Group", "Person", "Start date", "Role", "Agency represented"],
        ["Northvale Partnership Board", "Indira Chair", "01/04/2016", "Independent Chair", ""],
        ["Northvale Partnership Board", "Colin Council", "01/04/2016", "Director of Children's Services", "NBC"],
        ["Northvale Partnership Board", "Petra Police", "01/04/2016", "Member", "NV Police"],
        ["Northvale Partnership Board", "Hana Health", "01/04/2016", "Designated Nurse", "NHT"],
        ["Northvale Partnership Board", "Sam Schools", "01/04/2016", "Member", "RST"],
    ],
    "meetings": [
        ["Group", "Date", "Status"],
        ["Northvale Partnership Board", "14/06/2016", "Held"],
        ["Northvale Partnership Board", "11/10/2016", "Held"],
        ["Northvale Partnership Board", "14/02/2017", "Held"],
    ],
    "attendance": [
        ["Group", "Meeting date", "Name", "Status", "Deputy name"],
        *[
            [
                "Northvale Partnership Board",
                day,
                name,
                status,
                "Dee Deputy" if status == "Represented by a deputy" else "",
            ]
            for day, statuses in (
                ("14/06/2016", ("Present", "Present", "Present", "Present", "Absent")),
                ("11/10/2016", ("Present", "Apologies sent", "Represented by a deputy", "Present", "Absent")),
                ("14/02/2017", ("Present", "Present", "Present", "Apologies sent", "Present")),
            )
            for name, status in zip(
                ("Indira Chair", "Colin Council", "Petra Police", "Hana Health", "Sam Schools"), statuses, strict=True
            )
        ],
    ],
    "courses": [
        ["Title", "Delivery", "Level"],
        ["Neglect Matters", "Face-to-face", "Level 3"],
        ["Safer Sleep", "Face-to-face", "Multi-agency"],
    ],
    "sessions": [
        ["Course", "Date", "Places available", "Status", "Cancellation reason", "Cancelled on"],
        ["Neglect Matters", "29/08/2016", "4", "Delivered", "", ""],
        ["Neglect Matters", "06/12/2016", "4", "Delivered", "", ""],
        ["Safer Sleep", "17/01/2017", "10", "Cancelled", "Trainer unavailable", "10/01/2017"],
    ],
    "bookings": [
        ["Course", "Session date", "Delegate name", "Agency", "Outcome", "Cancelled on", "Reason given"],
        ["Neglect Matters", "29/08/2016", "Ada One", "NBC", "Attended", "", ""],
        ["Neglect Matters", "29/08/2016", "Ben Two", "NHT", "Attended", "", ""],
        ["Neglect Matters", "29/08/2016", "Cy Three", "Riverside Youth Club", "Did not attend", "", ""],
        ["Neglect Matters", "29/08/2016", "Di Four", "NV Police", "Cancelled", "01/09/2016", "Illness"],
        ["Neglect Matters", "06/12/2016", "Ed Five", "RST", "Attended", "", ""],
        ["Neglect Matters", "06/12/2016", "Fi Six", "NBC", "Cancelled", "01/11/2016", "Rota"],
    ],
    "elearning-modules": [
        ["Title", "In the package"],
        ["Hidden Harm", "Yes"],
    ],
    "elearning": [
        ["Learner", "Agency", "Module", "Allocated date", "Completed date"],
        ["Gil Seven", "NBC", "Hidden Harm", "01/05/2016", "12/05/2016"],
        ["Hal Eight", "Riverside Youth Club", "Hidden Harm", "01/06/2016", ""],
        ["Ivy Nine", "NHT", "Hidden Harm", "01/07/2016", "02/07/2016"],
    ],
    "finance-years": [
        ["Year", "Reserves opening balance", "Notes"],
        ["2016/17", "20,000.00", "The first year the portal holds"],
    ],
    "expenditure-categories": [
        ["Name", "Order", "In use"],
        ["Staffing", "1", "Yes"],
    ],
    "expenditure": [
        ["Year", "Category", "Actual or budget", "Amount", "Date"],
        ["2016/17", "Staffing", "Actual", "1,250.00", "30/06/2016"],
        ["2016/17", "Staffing", "Actual", "£2,000.50", "31/12/2016"],
    ],
    "contributions": [
        ["Year", "Partner", "Agreed", "Invoiced", "Received", "Invoiced on", "Received on"],
        ["2016/17", "NBC", "10000", "10000", "10000", "01/05/2016", "01/06/2016"],
        ["2016/17", "NV Police", "5000", "5000", "0", "01/05/2016", ""],
    ],
    "indicators": [
        ["Code", "Name", "Unit", "Numerator label", "Denominator label"],
        ["re-referrals", "Re-referrals within a year", "Percentage", "Re-referrals", "Referrals"],
    ],
    "indicator-figures": [
        ["Indicator", "Year", "Numerator", "Denominator"],
        ["re-referrals", "2016/17", "230", "1000"],
    ],
    "engagement": [
        ["Year", "Title", "Audience", "Date", "Reach"],
        ["2016/17", "Youth conference", "Children and young people", "16/03/2017", "120"],
        ["2016/17", "Practitioner newsletter", "Professionals", "11/2016", ""],
    ],
    "context": [
        ["Year", "Fact", "Label", "Value"],
        ["2016/17", "Children and young people (0-17)", "Children and young people", "41,200"],
        ["2016/17", "Children looked after", "Children looked after", "310"],
    ],
}


def rows_of(kind: str) -> list[dict]:
    headings, *rows = FILES[kind]
    return [dict(zip(headings, row, strict=True)) for row in rows]


def pounds(text: str) -> Decimal:
    return Decimal(text.replace("£", "").replace(",", ""))


@pytest.fixture
def northvale(db):
    board = Board.objects.create(
        name="Northvale Children's Safeguarding Partnership", short_name="NCSP", term=Board.Term.PARTNERSHIP
    )
    support = UserFactory(email="support@northvale.test", role=Role.BUSINESS_SUPPORT, boards=[board])
    return board, support


def test_a_partnerships_year_from_import_files_alone_gives_the_files_figures(northvale, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    board, support = northvale
    client = client_for(support)
    for kind in FILES:
        import_file(client, kind, FILES[kind])

    # --- counted from the files ------------------------------------------------------------------------------
    attended_statuses = {"Present", "Represented by a deputy"}
    agency_of = {row["Person"]: row["Agency represented"] for row in rows_of("memberships")}
    expected, attended = Counter(), Counter()
    for row in rows_of("attendance"):
        agency = agency_of[row["Name"]]
        if agency:
            expected[agency] += 1
            attended[agency] += row["Status"] in attended_statuses
    delivered = {row["Date"] for row in rows_of("sessions") if row["Status"] == "Delivered"}
    in_delivered = [row for row in rows_of("bookings") if row["Session date"] in delivered]
    outcomes = Counter(row["Outcome"] for row in in_delivered)
    licences = rows_of("elearning")
    spent = sum(pounds(row["Amount"]) for row in rows_of("expenditure"))
    agreed = sum(pounds(row["Agreed"]) for row in rows_of("contributions"))
    received = sum(pounds(row["Received"]) for row in rows_of("contributions"))

    # --- the dashboard opens on the imported year, with those figures -----------------------------------
    page = client.get(reverse("dashboards:dashboard"))
    assert page.status_code == 200
    dashboard = page.context["dashboard"]
    assert dashboard.year == YEAR  # the latest year with records, not the calendar's
    (board_attendance,) = dashboard.attendance.groups
    assert board_attendance.meetings_held == len(rows_of("meetings"))
    rates = {rate.label: rate for rate in board_attendance.rates}
    for agency in expected:
        assert (rates[agency].expected, rates[agency].attended) == (expected[agency], attended[agency]), agency
    places = dashboard.training.places
    assert places.booked == len(in_delivered)
    assert places.attended == outcomes["Attended"]
    assert places.did_not_attend == outcomes["Did not attend"]
    assert places.cancelled == outcomes["Cancelled"]
    assert dashboard.training.elearning.allocated == len(licences)
    assert dashboard.training.elearning.completed == sum(1 for row in licences if row["Completed date"])
    assert dashboard.finance.contributions.agreed == agreed
    assert dashboard.finance.contributions.received == received

    # --- the training and attendance pages' and the report's own figures ---------------------------------
    group = Group.objects.get(board=board)
    report_rates = {rate.label: rate.percent for rate in attendance_rates(YEAR, group).agencies}
    for agency in expected:
        share = Decimal(100 * attended[agency]) / Decimal(expected[agency])
        assert report_rates[agency] == share.quantize(Decimal("0.1")), agency
    summary = training_summary(board=board, year=YEAR)
    assert (summary.recorded.booked, summary.recorded.attended) == (len(in_delivered), outcomes["Attended"])
    assert elearning_figures(board=board, year=YEAR).allocated == len(licences)
    statement = finance_statement(board=board, years=[YEAR])
    assert statement.total_expenditure[0] == spent
    late = {
        booking.delegate_name
        for booking in board.courses.get(title="Neglect Matters").sessions.first().bookings.all()
        if booking.is_late_cancellation
    }
    assert late == {"Di Four"}  # cancelled 01/09/2016 for the session of 29/08/2016
    (figure,) = IndicatorValue.objects.filter(indicator__board=board)
    row = rows_of("indicator-figures")[0]
    assert compute_value(unit=figure.indicator.unit, numerator=figure.numerator, denominator=figure.denominator) == (
        Decimal(row["Numerator"]) * 100 / Decimal(row["Denominator"])
    ).quantize(Decimal("0.1"))
    events = annual_reporting.engagement_events(board=board, year=YEAR)
    assert sorted(event.title for event in events) == sorted(row["Title"] for row in rows_of("engagement"))
    facts = {fact.label: fact.value for fact in annual_reporting.context_facts(board=board, year=YEAR)}
    assert facts == {row["Label"]: pounds(row["Value"]) for row in rows_of("context")}
    assert datetime.date(2016, 8, 29) in set(board.courses.values_list("sessions__starts_on", flat=True))

    # --- the assembled report (as the draft report page assembles it), section by section -----------------
    name_of = {row["Short name"]: row["Name"] for row in rows_of("agencies")}
    opening = pounds(rows_of("finance-years")[0]["Reserves opening balance"])
    indicator_value = (Decimal(row["Numerator"]) * 100 / Decimal(row["Denominator"])).quantize(Decimal("0.1"))
    reach = sum(int(row["Reach"]) for row in rows_of("engagement") if row["Reach"])
    with board_scope(board):
        report = build_report(board=board, year=YEAR)

    governance = report.section("governance").data
    assert len(governance.attendance.meetings) == len(rows_of("meetings"))
    table = {row.label: row.total for row in governance.attendance.rows}
    report_rates = {rate.label: (rate.expected, rate.attended) for rate in governance.rates.agencies}
    for agency in expected:
        assert table[agency] == attended[agency], agency
        assert report_rates[agency] == (expected[agency], attended[agency]), agency

    training = report.section("training").data.report
    recorded = training.summary.recorded
    assert (recorded.booked, recorded.attended, recorded.did_not_attend, recorded.cancelled) == (
        len(in_delivered),
        outcomes["Attended"],
        outcomes["Did not attend"],
        outcomes["Cancelled"],
    )
    assert training.cancellations.total == sum(1 for row in rows_of("sessions") if row["Status"] == "Cancelled")
    assert (training.elearning.allocated, training.elearning.completed) == (
        len(licences),
        sum(1 for row in licences if row["Completed date"]),
    )
    assert [module.title for module in training.elearning.modules] == [
        row["Title"] for row in rows_of("elearning-modules")
    ]

    money = report.section("finance").data.statement
    assert money.years[-1] == YEAR
    assert money.total_expenditure[-1] == spent
    assert {row.label: row.amounts[-1] for row in money.expenditure} == {"Staffing": spent}
    assert {row.label: row.amounts[-1] for row in money.contributions} == {
        name_of[row["Partner"]]: pounds(row["Agreed"]) for row in rows_of("contributions")
    }
    assert money.total_income[-1] == agreed
    assert money.transfer_to_reserves[-1] == agreed - spent
    assert (money.opening_reserves[-1], money.closing_reserves[-1]) == (opening, opening + agreed - spent)

    (indicator,) = report.section("performance").data.tables
    assert indicator.indicator.code == rows_of("indicators")[0]["Code"]
    assert indicator.latest == indicator_value

    engagement = report.section("engagement").data
    assert sorted(event.title for event in engagement.events) == sorted(row["Title"] for row in rows_of("engagement"))
    assert engagement.total_reach == reach

    context = report.section("context").data
    assert {fact.label: fact.value for fact in context.facts} == {
        row["Label"]: pounds(row["Value"]) for row in rows_of("context")
    }

    # --- and the draft report page prints them ---------------------------------------------------------------
    draft = client.get(reverse("annual:draft", args=[YEAR.start_year]))
    assert draft.status_code == 200
    text = draft.content.decode()
    for figure in (whole_pounds(spent), whole_pounds(agreed - spent), whole_pounds(opening + agreed - spent)):
        assert figure in text, figure
    for row in rows_of("engagement") + rows_of("contributions"):
        assert (row.get("Title") or name_of[row["Partner"]]) in text
    assert "Hidden Harm" in text and "Re-referrals within a year" in text
