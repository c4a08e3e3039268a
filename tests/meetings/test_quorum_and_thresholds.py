"""Quorum per meeting and attendance-rate thresholds, at their boundaries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from meetings import reporting
from partners.models import Partner
from tests.meetings.factories import GroupFactory, MeetingFactory, MembershipFactory, member_attendance
from tests.partners.factories import PartnerFactory
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db
YEAR = ReportingYear(2016)
Sector = Partner.Sector


@pytest.fixture
def statutory(board):
    """A group needing 3 members in person and the three statutory sectors, with one member each."""
    group = GroupFactory(board=board, quorum_minimum_members=3, quorum_needs_statutory_partners=True)
    members = {
        sector: MembershipFactory(group=group, person__partner=PartnerFactory(sector=sector, short_name=sector))
        for sector in (Sector.LOCAL_AUTHORITY, Sector.HEALTH, Sector.POLICE, Sector.VOLUNTARY)
    }
    meeting = MeetingFactory(group=group, held_on=datetime.date(2016, 6, 6))
    return group, meeting, members


def record(meeting, members, statuses):
    for sector, membership in members.items():
        member_attendance(
            meeting,
            membership,
            statuses.get(sector, "present"),
            deputy_name="Dee Deputy" if statuses.get(sector) == "deputy" else "",
        )


def test_a_meeting_with_the_minimum_members_and_all_three_statutory_partners_is_quorate(statutory):
    _group, meeting, members = statutory
    record(meeting, members, {Sector.VOLUNTARY: "apologies"})
    quorum = reporting.meeting_quorum(meeting)
    assert (quorum.members_present, quorum.minimum_members, quorum.is_quorate) == (3, 3, True)


def test_one_member_short_of_the_minimum_is_not_quorate(statutory):
    group, meeting, members = statutory
    group.quorum_minimum_members = 4
    group.save()
    record(meeting, members, {Sector.VOLUNTARY: "apologies"})
    quorum = reporting.meeting_quorum(meeting)
    assert (quorum.members_present, quorum.has_enough_members, quorum.is_quorate) == (3, False, False)


def test_a_missing_statutory_partner_makes_the_meeting_inquorate(statutory):
    _group, meeting, members = statutory
    record(meeting, members, {Sector.POLICE: "apologies"})
    quorum = reporting.meeting_quorum(meeting)
    assert quorum.members_present == 3
    assert quorum.missing_sectors == ["Police"]
    assert not quorum.is_quorate


def test_a_deputy_counts_as_the_agency_present_but_not_as_a_member_present(statutory):
    group, meeting, members = statutory
    record(meeting, members, {Sector.POLICE: "deputy"})
    quorum = reporting.meeting_quorum(meeting)
    assert quorum.missing_sectors == []  # the police were in the room through the deputy
    assert quorum.members_present == 3  # local authority, health and voluntary in person; not the deputy
    group.quorum_minimum_members = 4
    group.save()
    assert not reporting.meeting_quorum(meeting).is_quorate


def test_the_statutory_rule_can_be_switched_off(statutory):
    group, meeting, members = statutory
    group.quorum_needs_statutory_partners = False
    group.save()
    record(meeting, members, {Sector.POLICE: "absent"})
    assert reporting.meeting_quorum(meeting).is_quorate


def test_the_meeting_page_shows_the_quorum_result(as_user, board_member, statutory):
    _group, meeting, members = statutory
    record(meeting, members, {Sector.HEALTH: "absent"})
    page = as_user(board_member).get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert "Not quorate" in page and "no member or deputy from Health" in page


def _rates_for(board, statuses, threshold=Decimal("50")):
    """One agency with one member over len(statuses) meetings."""
    group = GroupFactory(board=board, attendance_threshold_percent=threshold)
    agency = PartnerFactory(short_name="Rated")
    membership = MembershipFactory(group=group, person__partner=agency)
    for index, status in enumerate(statuses):
        meeting = MeetingFactory(group=group, held_on=datetime.date(2016, 5, 1) + datetime.timedelta(days=index))
        member_attendance(meeting, membership, status, deputy_name="Dee" if status == "deputy" else "")
    return reporting.attendance_rates(YEAR, group).agencies[0]


def test_exactly_on_the_threshold_is_not_flagged(board):
    rate = _rates_for(board, ["present", "apologies"])
    assert (rate.percent, rate.is_below_threshold) == (Decimal("50.0"), False)


def test_just_below_the_threshold_is_flagged(board):
    rate = _rates_for(board, ["present", "apologies", "absent"])
    assert (rate.percent, rate.is_below_threshold) == (Decimal("33.3"), True)


def test_a_deputy_counts_towards_the_rate_and_apologies_are_shown_separately(board):
    rate = _rates_for(board, ["deputy", "apologies", "present", "absent"])
    assert (rate.expected, rate.present, rate.deputised, rate.apologies, rate.absent) == (4, 1, 1, 1, 1)
    assert rate.percent == Decimal("50.0")


def test_the_threshold_is_configurable_per_group(board):
    rate = _rates_for(board, ["present", "present", "present", "apologies"], threshold=Decimal("75.01"))
    assert (rate.percent, rate.is_below_threshold) == (Decimal("75.0"), True)


def test_rates_are_also_given_per_member(board):
    group = GroupFactory(board=board)
    agency = PartnerFactory(short_name="Two Seats")
    first, second = (MembershipFactory(group=group, person__partner=agency) for _ in range(2))
    meeting = MeetingFactory(group=group, held_on=datetime.date(2016, 5, 1))
    member_attendance(meeting, first, "present")
    member_attendance(meeting, second, "apologies")
    rates = reporting.attendance_rates(YEAR, group)
    assert [(rate.expected, rate.attended) for rate in rates.agencies] == [(2, 1)]
    assert sorted(rate.percent for rate in rates.members) == [Decimal("0.0"), Decimal("100.0")]
    assert [rate.label for rate in rates.flagged] == []
