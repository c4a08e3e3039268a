"""The section 3 table (agencies down, meetings across) computed from the records."""

import datetime

import pytest
from django.urls import reverse

from meetings import demo, reporting
from meetings.models import Group
from partners import demo as partner_demo
from tests.meetings.factories import AttendanceFactory, GroupFactory, MeetingFactory, MembershipFactory
from tests.partners.factories import PartnerFactory
from tests.query_budgets import CHARTS_FIRST_TIME, FIRST_VIEW, REPEATED_VIEW, YEARS_FIRST_TIME, cold
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db
YEAR = ReportingYear(2016)

# The seed's rows whose six numbers the extraction kept (section 3), and rows read from its spacing.
UNAMBIGUOUS = {
    "Wigan Council": [9, 11, 11, 12, 10, 13],
    "WBCCG": [1, 1, 1, 3, 2, 1],
    "Independent Chair": [1, 1, 2, 2, 2, 2],
    "Lay Member": [2, 1, 2, 1, 2, 1],
}
RECONSTRUCTED = {
    "Bridgewater": [1, 1, 1, 2, 1, 0],
    "GMP": [0, 1, 1, 1, 2, 1],
    "Probation": [1, 1, 0, 2, 2, 1],
    "WWL NHS Trust": [0, 1, 1, 2, 2, 1],
    "5BP": [0, 0, 2, 2, 1, 1],
    "GMFS": [0, 0, 0, 0, 0, 0],
}


@pytest.fixture
def demo_board():
    board = partner_demo.load(password="demo password for tests")["board"]
    demo.load_for_board(board=board)
    return board


def test_the_demo_table_for_2016_17_has_the_seeds_meeting_dates_and_rows(demo_board):
    group = Group.objects.get(board=demo_board, kind=Group.Kind.BOARD)
    table = reporting.attendance_table(YEAR, group)
    assert [meeting.held_on.strftime("%d/%m/%Y") for meeting in table.meetings] == [
        "21/03/2016",
        "16/05/2016",
        "18/07/2016",
        "05/09/2016",
        "21/11/2016",
        "06/04/2017",
    ]
    for label, counts in {**UNAMBIGUOUS, **RECONSTRUCTED}.items():
        assert [cell.attended for cell in table.row(label).cells] == counts, label
    assert table.row("Wigan Council").total == 66


def test_loading_the_demo_twice_changes_nothing(demo_board):
    demo.load_for_board(board=demo_board)
    group = Group.objects.get(board=demo_board, kind=Group.Kind.BOARD)
    table = reporting.attendance_table(YEAR, group)
    assert [cell.attended for cell in table.row("Wigan Council").cells] == UNAMBIGUOUS["Wigan Council"]
    assert group.memberships.count() == len(demo.SECTION_12)


def test_the_summary_page_shows_the_seed_rows(as_user, business_support, demo_board):
    business_support.boards.set([demo_board])
    response = as_user(business_support).get(reverse("meetings:attendance-summary"), {"year": "2016/17"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page and "People attending, by agency and meeting" in page
    wigan = response.context["table"].row("Wigan Council")
    assert [cell.attended for cell in wigan.cells] == UNAMBIGUOUS["Wigan Council"]


def test_deputies_count_as_attending_and_are_counted_separately(board):
    agency = PartnerFactory(short_name="Police")
    group = GroupFactory(board=board)
    meeting = MeetingFactory(group=group, held_on=datetime.date(2016, 6, 1))
    member = MembershipFactory(group=group, person__partner=agency)
    AttendanceFactory(meeting=meeting, membership=member, partner=agency, status="deputy", deputy_name="Dee")
    AttendanceFactory(meeting=meeting, partner=agency, status="present")
    AttendanceFactory(meeting=meeting, partner=agency, status="apologies")
    table = reporting.attendance_table(YEAR, group)
    row = table.row("Police")
    assert (row.cells[0].attended, row.cells[0].deputies) == (2, 1)
    assert table.meeting_totals == [2] and table.meeting_deputies == [1]


def test_meetings_counted_in_another_year_or_cancelled_are_left_out(board):
    group = GroupFactory(board=board)
    MeetingFactory(group=group, held_on=datetime.date(2016, 4, 1))
    MeetingFactory(group=group, held_on=datetime.date(2017, 3, 31))
    MeetingFactory(group=group, held_on=datetime.date(2017, 4, 1))
    MeetingFactory(group=group, held_on=datetime.date(2016, 3, 31))
    MeetingFactory(group=group, held_on=datetime.date(2016, 6, 1), status="cancelled")
    dates = [meeting.held_on for meeting in reporting.attendance_table(YEAR, group).meetings]
    assert dates == [datetime.date(2016, 4, 1), datetime.date(2017, 3, 31)]


def _board_with(board, *, meetings, agencies):
    group = GroupFactory(board=board, name=f"Board {meetings}x{agencies}")
    partners = [PartnerFactory() for _ in range(agencies)]
    members = [MembershipFactory(group=group, person__partner=partner) for partner in partners]
    for index in range(meetings):
        meeting = MeetingFactory(group=group, held_on=datetime.date(2016, 5, 1) + datetime.timedelta(days=30 * index))
        for number, member in enumerate(members):
            AttendanceFactory(
                meeting=meeting,
                membership=member,
                partner=member.partner,
                status="deputy" if number % 3 == 0 else "present",
                deputy_name="Dee" if number % 3 == 0 else "",
            )
    return group


@pytest.mark.parametrize(("meetings", "agencies"), [(2, 3), (10, 25)])
def test_the_summary_page_query_count_does_not_grow_with_meetings_or_agencies(
    meetings, agencies, as_user, business_support, board, django_assert_max_num_queries
):
    group = _board_with(board, meetings=meetings, agencies=agencies)
    client = as_user(business_support)
    cold(board)
    with django_assert_max_num_queries(14 + YEARS_FIRST_TIME + FIRST_VIEW + CHARTS_FIRST_TIME):
        response = client.get(reverse("meetings:attendance-summary"), {"year": "2016/17", "group": group.pk})
    assert response.status_code == 200
    table = response.context["table"]
    assert len(table.meetings) == meetings and len(table.rows) == agencies
    assert table.total == meetings * agencies
    with django_assert_max_num_queries(15 - 3 + REPEATED_VIEW):  # kept: no table, rates or quorum
        assert client.get(reverse("meetings:attendance-summary"), {"year": "2016/17", "group": group.pk}).content


@pytest.mark.parametrize(("meetings", "agencies"), [(2, 3), (10, 25)])
def test_the_reporting_functions_use_one_query_each(meetings, agencies, board, django_assert_num_queries):
    group = _board_with(board, meetings=meetings, agencies=agencies)
    with django_assert_num_queries(1):
        reporting.attendance_table(YEAR, group)
    with django_assert_num_queries(1):
        reporting.attendance_rates(YEAR, group)
    with django_assert_num_queries(1):
        assert len(reporting.year_quorum(YEAR, group)) == meetings


def test_the_summary_page_is_for_partnership_readers_only(as_user, lead_a, board):
    assert as_user(lead_a).get(reverse("meetings:attendance-summary")).status_code == 403


def test_the_summary_page_without_groups_says_so(as_user, board_member):
    response = as_user(board_member).get(reverse("meetings:attendance-summary"))
    assert "has no groups yet" in response.content.decode()


def test_a_year_that_is_not_a_year_falls_back_to_the_current_one(as_user, board_member, board):
    GroupFactory(board=board)
    response = as_user(board_member).get(reverse("meetings:attendance-summary"), {"year": "nonsense"})
    assert response.context["year"] == ReportingYear.current()


def test_board_attendance_gives_the_annual_report_sections_3_and_12_in_one_query(demo_board, django_assert_num_queries):
    with django_assert_num_queries(1):
        result = reporting.board_attendance(YEAR, demo_board)
    assert [cell.attended for cell in result.table.row("WBCCG").cells] == UNAMBIGUOUS["WBCCG"]
    assert len(result.quorums) == 6 and len(result.membership) == 37
    assert result.key_roles[0].name == "Dr Paul Kingston"


def test_board_attendance_is_none_for_a_board_without_a_board_group(board):
    assert reporting.board_attendance(YEAR, board) is None
