"""People come in through the Imports pages: a full name the board has updates that person, any other
adds one recorded for the board (and seen by no other board); the agency is the board's; bad rows are
named by row and heading, and nothing is written."""

import pytest

from partners.models import Person
from tests.conftest import client_for
from tests.import_pages import import_file, import_upload, row_errors

pytestmark = pytest.mark.django_db

HEADINGS = ["Full name", "Job title", "E-mail address", "Agency"]


def test_people_are_added_for_the_board_and_a_known_name_is_updated(business_support, board, agency_a, second_board):
    known = Person.objects.create(full_name="Robin Chair", job_title="Chair")
    known.boards.add(board)
    other = Person.objects.create(full_name="Sam Lead")
    other.boards.add(second_board.board)
    import_file(
        client_for(business_support),
        "people",
        [HEADINGS, ["robin chair", "Independent Chair", "", ""], ["Sam Lead", "Head of Service", "", "Agency A"]],
    )
    known.refresh_from_db()
    assert known.job_title == "Independent Chair"
    added = Person._base_manager.get(full_name="Sam Lead", boards=board)
    assert added != other and added.partner == agency_a
    assert list(Person._base_manager.filter(boards=board).order_by("full_name")) == [known, added]


def test_bad_people_rows_are_named_and_nothing_is_written(business_support, board, agency_a, second_board):
    response = import_upload(
        client_for(business_support),
        "people",
        [
            HEADINGS,
            ["Robin Chair", "", "", ""],
            ["Pat", "", "not-an-address", "Agency of the other board"],
            ["", "Manager", "", ""],
        ],
    )
    assert response.status_code == 400
    errors = {(row, heading) for row, heading, _ in row_errors(response)}
    assert {(3, "E-mail address"), (3, "Agency"), (4, "Full name")} <= errors
    assert not any(row == 2 for row, _ in errors)
    assert not Person._base_manager.filter(boards=board).exists()
