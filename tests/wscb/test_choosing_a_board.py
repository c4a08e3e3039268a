"""A user works in one board at a time: the one they last chose in the header (kept on the user),
not the first by name; adding a board changes nobody's; the board is named on every page."""

import pytest
from django.urls import reverse

from partners.models import User
from tests.conftest import client_for
from tests.partners.factories import BoardFactory

pytestmark = pytest.mark.django_db


def test_the_board_chosen_last_is_the_one_a_user_starts_in_next_time(board, board_member):
    adults = BoardFactory(name="Wigan Safeguarding Adults Board", short_name="WSAB")
    board_member.boards.add(adults)
    client = client_for(board_member)
    assert client.get(reverse("home")).context["board"] == adults  # no choice yet: the first by name
    client.post(reverse("board-switch"), {"board": board.pk})
    assert User.objects.get(pk=board_member.pk).last_board == board
    again = client_for(board_member)  # a new sign-in, a new session
    assert again.get(reverse("home")).context["board"] == board


def test_adding_a_board_does_not_change_anyones_default(second_board, board, cast):
    administrator = cast.administrator
    client = client_for(administrator)
    client.post(reverse("board-switch"), {"board": board.pk})
    BoardFactory(name="Another Area Safeguarding Partnership", short_name="AAA")  # first by name now
    assert client_for(administrator).get(reverse("home")).context["board"] == board
    assert client_for(second_board.administrator).get(reverse("home")).context["board"] == second_board.board


def test_a_board_the_user_no_longer_works_for_is_not_kept(board, board_member):
    adults = BoardFactory(name="Wigan Safeguarding Adults Board", short_name="WSAB")
    board_member.last_board = adults
    board_member.save()
    assert client_for(board_member).get(reverse("home")).context["board"] == board


def test_every_page_and_the_back_office_name_the_board_and_the_switcher_stays_in_the_header(second_board, board, cast):
    client = client_for(second_board.administrator)
    for url in (reverse("home"), reverse("partners:partner-list"), reverse("meetings:meeting-list")):
        page = client.get(url).content.decode()
        assert "Midshire Children&#x27;s Safeguarding Partnership" in page.split("</header>")[0]
        assert 'id="board-switch"' in page and f'value="{board.pk}"' in page
    assert "MCSP back office" in client.get(reverse("admin:index")).content.decode()


def test_the_role_label_uses_the_boards_word(second_board):
    page = client_for(second_board.board_member).get(reverse("home")).content.decode()
    assert "Partnership member" in page and "Board member" not in page
