"""The second board's fixture builds through the services (used by the board-isolation tests)."""

from reports.annual.models import Indicator
from training.models import Session


def test_the_second_board_holds_a_year_of_its_own_records(second_board_records):
    second = second_board_records
    assert second.board.term == "Partnership"
    assert second.records.delivered.status == Session.Status.DELIVERED
    assert second.records.cancelled.status == Session.Status.CANCELLED
    assert second.records.report.get_status_display() == "Accepted"
    assert Indicator.objects.get(code="mcsp-cpp-rate").board == second.board
