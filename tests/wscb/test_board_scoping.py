"""The board rule in one place (wscb/scoping.py): scoped models see only the board in force, fail
loudly with no scope, and every model that belongs to a board is scoped (so a new one cannot forget)."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.models import Attendance, Group, Meeting
from partners.models import Board, BoardMembership, Partner, Person, User
from tests.meetings.factories import GroupFactory, MeetingFactory
from wscb.data.versions import versioned_update
from wscb.scoping import ScopeError, board_scope, is_board_scoped, scopes_disabled

pytestmark = pytest.mark.django_db

#: Models that reach a board but are the installation's, not one board's: boards themselves, and
#: accounts (a user may work for several boards; their lists are scoped by the back office).
NOT_SCOPED = {"partners.board", "partners.user"}


def _reaches_a_board(model, seen=()) -> bool:
    for field in model._meta.get_fields():
        if not (field.is_relation and field.many_to_one and field.concrete) or field.null:
            continue
        target = field.related_model
        if target is Board or (target not in seen and _reaches_a_board(target, (*seen, model))):
            return True
    return False


def test_every_model_that_belongs_to_a_board_is_scoped():
    """A model with a required foreign key to a board (directly or through its parents) must keep its
    rows apart with a BoardScopedManager, and agencies and people (linked to boards) are scoped too."""
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.label_lower not in NOT_SCOPED and _reaches_a_board(model) and not is_board_scoped(model)
    ]
    assert not missing, f"Models that belong to a board but are not board-scoped: {missing}"
    assert is_board_scoped(Partner) and is_board_scoped(Person) and is_board_scoped(BoardMembership)


@pytest.fixture
def two_boards():
    first = Board.objects.create(name="First Board", short_name="FB")
    second = Board.objects.create(name="Second Partnership", short_name="SP", term="Partnership")
    return first, second


def test_inside_a_scope_only_that_boards_rows_are_seen_through_every_path(two_boards):
    first, second = two_boards
    ours, theirs = GroupFactory(board=first, name="Ours"), GroupFactory(board=second, name="Theirs")
    MeetingFactory(group=ours)
    MeetingFactory(group=theirs)
    with board_scope(first):
        assert list(Group.objects.values_list("name", flat=True)) == ["Ours"]
        assert Meeting.objects.count() == 1
        assert list(second.groups.all()) == []  # a related manager too
        assert Group.objects.filter(pk=theirs.pk).first() is None
        assert Meeting.objects.filter(group__in=Group.objects.all()).count() == 1  # and a sub-query
    with board_scope(None):
        assert not Group.objects.exists()
    with scopes_disabled():
        assert Group.objects.count() == 2


def test_outside_any_scope_a_query_raises_instead_of_returning_every_board(two_boards, no_board_scope):
    with pytest.raises(ScopeError, match=r"meetings\.Group was queried outside a board scope"):
        list(Group.objects.all())
    for run in (
        lambda: Group.objects.count(),
        lambda: Group.objects.filter(name="x").exists(),
        lambda: Group.objects.update(name="x"),
        lambda: Group.objects.all().delete(),
        lambda: Board.objects.first().groups.first(),
        lambda: list(Board.objects.filter(groups__in=Group.objects.all())),
    ):
        with pytest.raises(ScopeError):
            run()
    # The installation's own records are not scoped.
    assert Board.objects.count() == 2
    assert User.objects.count() == 0


def test_a_queryset_made_with_no_scope_takes_the_scope_in_force_when_used(two_boards, no_board_scope):
    """As a ModelForm's choice field does: made at import time, used in a request."""
    first, second = two_boards
    with scopes_disabled():
        GroupFactory(board=first, name="Ours")
        GroupFactory(board=second, name="Theirs")
    made_at_import = Group.objects.order_by("name")
    with pytest.raises(ScopeError):
        list(made_at_import)
    with board_scope(second):
        assert list(made_at_import.all().values_list("name", flat=True)) == ["Theirs"]
        assert [group.name for group in made_at_import] == ["Theirs"]
    with scopes_disabled():
        assert made_at_import.all().count() == 2


def test_a_queryset_made_with_scoping_disabled_takes_the_scope_where_it_is_used(two_boards):
    first, second = two_boards
    GroupFactory(board=first)
    GroupFactory(board=second)
    with scopes_disabled():
        made_while_disabled = Group.objects.all()
        every_group = Group.objects.every_board()
    with board_scope(first):
        assert made_while_disabled.count() == 1
        assert every_group.count() == 2  # every_board() says so on purpose, and lasts


def test_a_queryset_made_for_one_board_cannot_be_used_for_another(two_boards):
    """A queryset made inside the first request's scope (a form imported lazily in a request) would
    otherwise show that board's rows to the next board's users."""
    first, second = two_boards
    with board_scope(first):
        made_for_first = Group.objects.all()
    with board_scope(second), pytest.raises(ScopeError, match="made for board"):
        list(made_for_first.all())
    with board_scope(first):
        assert list(made_for_first.all()) == []


def test_a_versioned_update_stays_one_conditional_update_of_the_row_itself(two_boards):
    """The scope is a sub-select on the row's own column, so the UPDATE keeps its WHERE version = n
    on the table itself (PostgreSQL re-checks it when a concurrent writer commits first)."""
    first, _second = two_boards
    meeting = MeetingFactory(group=GroupFactory(board=first))
    with board_scope(first), CaptureQueriesContext(connection) as queries:
        versioned_update(Meeting.objects.filter(pk=meeting.pk), version=meeting.version)
    (update,) = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("UPDATE")]
    where = update.split(" WHERE ", 1)[1]
    assert '"meetings_meeting"."version" = ' in where and '"meetings_meeting"."id" IN' not in where
    assert '"meetings_meeting"."group_id" IN (SELECT' in where


def test_rows_written_outside_a_scope_need_no_scope(two_boards, no_board_scope):
    """Saving a row and following its foreign keys use Django's unscoped base manager."""
    first, _second = two_boards
    with scopes_disabled():
        group = GroupFactory(board=first)
    meeting = Meeting.objects.create(group=group, held_on="2016-09-05", reporting_year=2016)
    meeting.venue = "Hall"
    meeting.save()
    attendance = Attendance.objects.create(meeting=meeting, name="Someone")
    assert attendance.meeting.group.board == first


def test_the_demo_loader_and_the_commands_disable_scoping_themselves(no_board_scope):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with scopes_disabled():
        assert Meeting.objects.exists()
