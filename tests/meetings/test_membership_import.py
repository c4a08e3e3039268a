"""Group and board memberships come in through the Imports pages: the board's group and person by name,
role and status by their labels; a membership already recorded, or repeated, and one that ends before
it starts are errors named by row and heading, and nothing is written."""

import datetime

import pytest

from meetings.models import Group, Membership
from partners.models import Person
from tests.conftest import client_for
from tests.import_pages import import_file, import_upload, row_errors

pytestmark = pytest.mark.django_db

HEADINGS = ["Group", "Person", "Start date", "End date", "Role", "Status", "Agency represented"]


@pytest.fixture
def records(board):
    board_group = Group.objects.create(board=board, name="Safeguarding Board", kind=Group.Kind.BOARD)
    person = Person.objects.create(full_name="Robin Chair")
    person.boards.add(board)
    return board_group, person


def test_memberships_are_added(business_support, board, agency_a, records):
    board_group, person = records
    import_file(
        client_for(business_support),
        "memberships",
        [HEADINGS, ["safeguarding board", "Robin Chair", "01/04/2016", "31/03/2017", "Independent Chair", "", ""]],
    )
    membership = Membership.objects.get(group=board_group)
    assert membership.person == person and membership.role == Membership.Role.INDEPENDENT_CHAIR
    assert membership.started_on == datetime.date(2016, 4, 1) and membership.status == Membership.Status.FULL


def test_bad_membership_rows_are_named_and_nothing_is_written(business_support, board, agency_a, records):
    board_group, person = records
    Membership.objects.create(group=board_group, person=person, started_on=datetime.date(2015, 4, 1))
    response = import_upload(
        client_for(business_support),
        "memberships",
        [
            HEADINGS,
            ["Safeguarding Board", "Robin Chair", "01/04/2016", "", "Member", "Full", "Agency A"],
            ["Safeguarding Board", "Robin Chair", "01/04/2015", "", "", "", ""],
            ["Safeguarding Board", "Nobody Known", "01/04/2016", "", "Chief", "", ""],
            ["Safeguarding Board", "Robin Chair", "01/06/2016", "01/05/2016", "", "", ""],
        ],
    )
    assert response.status_code == 400
    errors = row_errors(response)
    named = {(row, heading) for row, heading, _ in errors}
    assert (3, "Start date") in named  # already recorded
    assert {(4, "Person"), (4, "Role")} <= named
    assert any(row == 5 and "cannot end before it starts" in message for row, _, message in errors)
    assert not any(row == 2 for row, _ in named)
    assert Membership.objects.filter(group=board_group).count() == 1
