"""The data version moves with every write to what the pages show, in the write's own transaction,
whichever path made it (``wscb.data.changes``); a board's own saves leave other boards alone."""

import io
import threading
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection, connections, transaction
from django.utils import timezone

from meetings.models import Attendance
from partners.models import Partner
from reports.annual.models import DraftFile, NarrativeSection
from tests.annual.factories import NarrativeFactory
from tests.meetings.factories import GroupFactory, MeetingFactory, MembershipFactory, PersonFactory, member_attendance
from tests.partners.factories import BoardFactory
from wscb.data import changes
from wscb.data.changes import data_version, mark_changed

pytestmark = pytest.mark.django_db


def _tokens(board) -> tuple[str, str]:
    shared, own = data_version(board).split(".")
    return shared, own


@pytest.fixture
def other_board():
    return BoardFactory(name="Adults Safeguarding Board", short_name="ASB")


def test_a_save_of_a_boards_record_moves_that_boards_version_only(board, other_board):
    shared, own = _tokens(board)
    theirs = _tokens(other_board)
    NarrativeFactory(board=board, year_start=2016, body="New words")
    after = _tokens(board)
    assert after[0] == shared and after[1] != own
    assert _tokens(other_board) == theirs


def test_a_record_is_credited_to_its_board_through_its_parents_even_when_they_are_not_loaded(board, other_board):
    group = GroupFactory(board=board)
    meeting = MeetingFactory(group=group)
    attendance = member_attendance(meeting, MembershipFactory(group=group, person=PersonFactory()))
    before, theirs = _tokens(board), _tokens(other_board)
    fresh = Attendance.objects.get(pk=attendance.pk)  # its meeting and group are not loaded
    fresh.status = Attendance.Status.ABSENT
    fresh.save()
    after = _tokens(board)
    assert after[0] == before[0] and after[1] != before[1]
    assert _tokens(other_board) == theirs


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda board: NarrativeSection.objects.filter(board=board).update(body="x"), id="queryset update"),
        pytest.param(lambda board: NarrativeSection.objects.filter(board=board).delete(), id="deletion"),
        pytest.param(
            lambda board: NarrativeSection.objects.bulk_create(
                [NarrativeSection(board=board, year_start=2017, kind=NarrativeSection.Kind.FOREWORD, body="b")]
            ),
            id="bulk_create",
        ),
        pytest.param(
            lambda board: connection.cursor().execute("UPDATE annual_narrativesection SET body = body || ' '"),
            id="raw SQL",
        ),
        pytest.param(lambda board: Partner.objects.create(name="Shared agency", short_name="SA"), id="shared agency"),
    ],
)
def test_a_write_the_portal_cannot_tie_to_one_board_moves_every_boards_version(board, other_board, write):
    NarrativeFactory(board=board, year_start=2016, body="Words")
    before, theirs = _tokens(board), _tokens(other_board)
    write(board)
    assert _tokens(board)[0] != before[0]
    assert _tokens(other_board)[0] != theirs[0]  # the shared token is in every board's version


def test_records_no_page_shows_do_not_move_it(board):
    before = data_version(board)
    Session.objects.create(session_key="k" * 32, session_data="", expire_date=timezone.now())
    DraftFile.objects.create(
        board=board, year_start=2016, fmt="pdf", state_key="k", content=b"%PDF", made_at=timezone.now()
    )
    assert data_version(board) == before


def test_the_same_records_give_the_same_version_and_a_read_writes_nothing(board):
    first = data_version(board)
    assert data_version(board) == first == data_version(board)


def test_a_savepoint_rolled_back_over_a_read_puts_the_earlier_writes_back(board):
    before = data_version(board)
    with transaction.atomic():
        NarrativeFactory(board=board, year_start=2016, body="Kept")
        try:
            with transaction.atomic():
                seen = data_version(board)  # the write is visible to this transaction's own reads
                assert seen != before
                raise RuntimeError
        except RuntimeError:
            pass
        # The savepoint took the new token back, but the narrative is still written.
        assert data_version(board) not in (before, seen)


def test_mark_changed_moves_one_board_or_every_board(board, other_board):
    shared, own = _tokens(board)
    mark_changed(board_id=board.pk)
    assert _tokens(board) == (shared, _tokens(board)[1]) and _tokens(board)[1] != own
    theirs = _tokens(other_board)
    mark_changed()
    assert _tokens(other_board)[0] != theirs[0]


def test_an_update_that_matches_no_row_changes_nothing(board):
    before = data_version(board)
    assert NarrativeSection.objects.filter(board=board).update(body="Nothing to change") == 0
    assert data_version(board) == before


def test_tokens_are_never_reused(board):
    NarrativeFactory(board=board, year_start=2016, body="Words")
    seen = set()
    for number in range(20):
        NarrativeSection.objects.filter(board=board).update(body=str(number))
        seen.add(data_version(board))
    assert len(seen) == 20


def test_every_model_is_watched_unless_exempt_for_a_stated_reason():
    for label, reason in changes.EXEMPT.items():
        assert len(reason) > 10, label
    watched = [
        model._meta.label
        for model in apps.get_models()
        if changes.is_watched(model._meta.db_table) and model._meta.label not in changes.EXEMPT
    ]
    assert {"meetings.Attendance", "training.Booking", "finance.ExpenditureLine", "partners.Partner"} <= set(watched)
    assert not [label for label in changes.EXEMPT if label in watched]


def test_board_paths_follow_non_null_keys_to_the_board():
    from reports.selfreports.models import Answer
    from training.models import Booking

    assert [key.name for key in changes.board_path(Attendance)] == ["meeting", "group", "board"]
    assert [key.name for key in changes.board_path(Booking)] == ["session", "course", "board"]
    assert [key.name for key in changes.board_path(Answer)] == ["entry", "report", "round", "board"]
    assert changes.board_path(Partner) is None  # agencies are shared by boards


# --- with real commits ---------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_a_commit_moves_the_version_and_a_rollback_does_not(board):
    before = data_version(board)
    try:
        with transaction.atomic():
            NarrativeFactory(board=board, year_start=2016, body="Rolled back")
            raise RuntimeError
    except RuntimeError:
        pass
    assert data_version(board) == before
    with transaction.atomic():
        NarrativeFactory(board=board, year_start=2016, body="Committed")
    assert data_version(board) != before


@pytest.mark.django_db(transaction=True)
def test_a_write_outside_any_transaction_moves_the_version_in_its_own_commit(board):
    before = data_version(board)
    assert connection.get_autocommit()
    narrative = NarrativeSection(board=board, year_start=2016, kind=NarrativeSection.Kind.FOREWORD, body="Alone")
    narrative.save()  # an INSERT on its own: the row gets its id (no RETURNING on SQLite here)
    assert narrative.pk and NarrativeSection.objects.get(pk=narrative.pk).body == "Alone"
    middle = data_version(board)
    assert middle != before
    NarrativeSection.objects.filter(pk=narrative.pk).update(body="Changed alone")
    assert data_version(board) not in (before, middle)
    assert not connection.data_changes.pending  # nothing left waiting for a commit


@pytest.mark.django_db(transaction=True)
def test_another_connection_sees_the_new_version_only_with_the_committed_records(board):
    """The token and the records become visible together: a reader never pairs the old token with
    the new records (it would keep an old page under a version that then stays current)."""
    before = data_version(board)
    seen = {}

    def read(name):
        try:
            seen[name] = (
                data_version(board),
                NarrativeSection.objects.filter(board=board, body="Together").exists(),
            )
        finally:
            connections.close_all()

    with transaction.atomic():
        NarrativeSection.objects.create(
            board=board, year_start=2016, kind=NarrativeSection.Kind.FOREWORD, body="Together"
        )
        if connection.vendor == "postgresql":  # SQLite's writer holds the whole database
            thread = threading.Thread(target=read, args=("during",))
            thread.start()
            thread.join()
    thread = threading.Thread(target=read, args=("after",))
    thread.start()
    thread.join()
    if "during" in seen:
        assert seen["during"] == (before, False)
    assert seen["after"][1] is True and seen["after"][0] != before


@pytest.mark.django_db(transaction=True)
def test_a_figure_written_through_a_service_moves_it(board, business_support):
    from finance.services import expenditure_line_create, finance_year_open
    from tests.finance.factories import ExpenditureCategoryFactory
    from wscb.periods import ReportingYear

    category = ExpenditureCategoryFactory(board=board)
    finance_year = finance_year_open(board=board, year=ReportingYear(2016))
    before = data_version(board)
    expenditure_line_create(
        finance_year=finance_year, by=business_support, category=category, kind="actual", amount=Decimal("12.00")
    )
    assert data_version(board) != before


def test_data_changed_moves_the_versions_after_writes_from_outside_django(board, other_board):
    from django.core.management import CommandError, call_command

    before, other = data_version(board), data_version(other_board)
    call_command("data_changed", "--board", str(board.pk), stdout=io.StringIO())
    assert data_version(board) != before and data_version(other_board) == other
    call_command("data_changed", stdout=io.StringIO())
    assert data_version(other_board) != other
    with pytest.raises(CommandError, match="no board"):
        call_command("data_changed", "--board", "999999", stdout=io.StringIO())


def test_signing_in_leaves_the_version_alone_but_a_change_to_the_person_moves_it(board, business_support, client):
    """Signing in writes ``last_login`` (shown on no kept page): a draft laid out before it stays current."""
    before = data_version(board)
    client.force_login(business_support)
    business_support.refresh_from_db()
    assert business_support.last_login is not None
    assert data_version(board) == before
    type(business_support).objects.filter(pk=business_support.pk).update(last_login=timezone.now())
    assert data_version(board) == before
    business_support.full_name = "Renamed Person"
    business_support.save(update_fields=["full_name", "last_login"])
    assert data_version(board) != before
