"""Fixtures for the meetings tests: a board group with members from agencies A and B, and uploads
kept in a temporary MEDIA_ROOT."""

import datetime

import pytest

from tests.meetings.factories import ActionFactory, GroupFactory, MeetingFactory, MembershipFactory, PersonFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def group(board):
    return GroupFactory(board=board, name="Test Board")


@pytest.fixture
def member_a(group, agency_a):
    return MembershipFactory(group=group, person=PersonFactory(full_name="Alice Agency-A", partner=agency_a))


@pytest.fixture
def member_b(group, agency_b):
    return MembershipFactory(group=group, person=PersonFactory(full_name="Bob Agency-B", partner=agency_b))


@pytest.fixture
def meeting(group, member_a, member_b):
    return MeetingFactory(group=group, held_on=datetime.date(2016, 9, 5))


@pytest.fixture
def group_b_only(board, agency_b):
    """A group agency A does not sit on."""
    group = GroupFactory(board=board, name="Police Sub Group", kind="sub_group")
    MembershipFactory(group=group, person=PersonFactory(full_name="Pat Police", partner=agency_b))
    return group


@pytest.fixture
def meeting_b_only(group_b_only):
    return MeetingFactory(group=group_b_only, held_on=datetime.date(2016, 10, 3))


@pytest.fixture
def action_a(meeting, agency_a):
    return ActionFactory(meeting=meeting, owner=agency_a, description="Agency A to send its audit")


@pytest.fixture
def action_b(meeting, agency_b):
    return ActionFactory(meeting=meeting, owner=agency_b, description="Agency B to review its referrals")
