"""Factories for people, groups, memberships, meetings, attendance and actions."""

import datetime

import factory

from meetings.models import Action, Attendance, Group, Meeting, Membership
from partners.models import Board, Person
from tests.partners.factories import BoardFactory, PartnerFactory


class PersonFactory(factory.django.DjangoModelFactory):
    """A person recorded for ``boards=[...]`` (default: the boards their agency belongs to, or every board)."""

    class Meta:
        model = Person
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"Member {n:03d}")
    job_title = "Safeguarding lead"
    partner = factory.SubFactory(PartnerFactory)

    @factory.post_generation
    def boards(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = (
                Board.objects.filter(agency_memberships__partner=self.partner) if self.partner_id else []
            ) or Board.objects.all()
        self.boards.add(*extracted)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    kind = Group.Kind.BOARD
    quorum_minimum_members = 2


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    group = factory.SubFactory(GroupFactory)
    partner = factory.LazyAttribute(lambda membership: membership.person.partner)
    started_on = datetime.date(2015, 4, 1)

    @factory.post_generation
    def recorded_for_the_board(self, create, extracted, **kwargs):
        # A seat on a board's group makes the person one of the board's people.
        if create:
            self.person.boards.add(self.group.board)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    held_on = datetime.date(2016, 9, 5)
    status = Meeting.Status.HELD
    reporting_year = factory.LazyAttribute(lambda meeting: meeting.held_on.year - (meeting.held_on.month < 4))


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    membership = None
    name = factory.Sequence(lambda n: f"Attendee {n}")
    status = Attendance.Status.PRESENT


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    meeting = factory.SubFactory(MeetingFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(PartnerFactory)
    due_on = datetime.date(2016, 12, 1)


def member_attendance(meeting, membership, status=Attendance.Status.PRESENT, **extra):
    """An attendance row for a member, as the recording service would write it."""
    return Attendance.objects.create(
        meeting=meeting,
        membership=membership,
        name=membership.person.full_name,
        partner=membership.partner,
        represents="" if membership.partner_id else membership.get_role_display(),
        status=status,
        **extra,
    )
