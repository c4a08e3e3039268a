"""Business support writes each priority's activity for the year."""

from django.urls import reverse

from reports.annual.models import PriorityActivity
from tests.annual.factories import PriorityFactory
from tests.partners.factories import BoardFactory


def _url(priority, start_year=2016):
    return reverse("annual:activity-edit", args=[start_year, priority.pk])


def test_business_support_writes_and_updates_the_activity(as_user, business_support, board):
    priority = PriorityFactory(board=board)
    client = as_user(business_support)
    assert client.post(_url(priority), {"text": "- Reviewed sub-groups", "version": 0}).status_code == 302
    assert client.post(_url(priority), {"text": "- Reviewed sub-groups again", "version": 1}).status_code == 302
    activity = PriorityActivity.objects.get(priority=priority, year_start=2016)
    assert (activity.text, activity.version) == ("- Reviewed sub-groups again", 2)


def test_a_stale_version_gets_a_conflict_message(as_user, business_support, board):
    priority = PriorityFactory(board=board)
    PriorityActivity.objects.create(priority=priority, year_start=2016, text="Theirs", version=2)
    response = as_user(business_support).post(_url(priority), {"text": "Mine", "version": 1})
    assert response.status_code == 409
    assert PriorityActivity.objects.get(priority=priority).text == "Theirs"


def test_empty_activity_is_refused(as_user, business_support, board):
    priority = PriorityFactory(board=board)
    assert as_user(business_support).post(_url(priority), {"text": "", "version": 0}).status_code == 400


def test_another_boards_priority_is_not_found(as_user, business_support):
    other = PriorityFactory(board=BoardFactory(name="Zeta Partnership", short_name="ZP"))
    assert as_user(business_support).get(_url(other)).status_code == 404


def test_a_year_the_priority_does_not_cover_is_not_found(as_user, business_support, board):
    priority = PriorityFactory(board=board)
    assert as_user(business_support).get(_url(priority, start_year=2019)).status_code == 404


def test_board_members_cannot_write_activity(as_user, board_member, board):
    priority = PriorityFactory(board=board)
    assert as_user(board_member).post(_url(priority), {"text": "x", "version": 0}).status_code == 403
    assert not PriorityActivity.objects.exists()


def test_wrong_method_is_refused(as_user, business_support, board):
    assert as_user(business_support).delete(_url(PriorityFactory(board=board))).status_code == 405
