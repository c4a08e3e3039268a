"""A page of search results costs the same number of queries whatever the amount of data:
one query (the UNION over every kind, the best results at once), beside the request's own (session,
user, board) and the cache's (the data version, a lookup and a store)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Decision
from tests.meetings.factories import (
    ActionFactory,
    AgendaItemFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    PaperFactory,
    PersonFactory,
)
from tests.query_budgets import cold
from tests.reports import search_records
from tests.reports.search_records import WORD
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db


def _more(cast, count):
    for number in range(count):
        person = PersonFactory(full_name=f"{WORD} Extra {number}", partner=cast.agency_a)
        group = GroupFactory(board=cast.board, name=f"{WORD} extra group {number}")
        MembershipFactory(group=group, person=person)
        meeting = MeetingFactory(group=group, held_on=datetime.date(2016, 10, 1) + datetime.timedelta(days=number))
        item = AgendaItemFactory(meeting=meeting, position=1, title=f"{WORD} extra item {number}")
        PaperFactory(agenda_item=item, title=f"{WORD} extra paper {number}")
        Decision.objects.create(agenda_item=item, text=f"{WORD} extra decision {number}", decided_on=meeting.held_on)
        ActionFactory(meeting=meeting, owner=cast.agency_a, description=f"{WORD} extra action {number}")
        CourseFactory(board=cast.board, title=f"{WORD} extra course {number}")


def _queries(client, board, **params) -> tuple[int, int]:
    """The queries of a search made afresh (nothing kept from an earlier one)."""
    url = reverse("search:results")
    client.get(url, params)  # warm up (the session's first read)
    cold(board)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response.context["paginator"].count


@pytest.mark.parametrize("role", ["business_support", "lead_a", "board_member"])
def test_the_query_count_is_the_same_at_two_sizes(as_user, cast, role):
    search_records.build(cast)
    client = as_user(getattr(cast, role))
    small, small_count = _queries(client, cast.board, q=WORD)
    _more(cast, 12)
    large, large_count = _queries(client, cast.board, q=WORD)
    assert large_count > small_count
    assert large == small
    second_page, _ = _queries(client, cast.board, q=WORD, page=2)
    assert second_page == small


def test_a_search_is_one_query_beside_the_requests_own_and_the_caches(as_user, cast):
    search_records.build(cast)
    client = as_user(cast.business_support)
    url = reverse("search:results")
    client.get(url, {"q": WORD})
    cold(cast.board)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"q": WORD})
    searches = [query for query in queries.captured_queries if "s_kind" in query["sql"]]
    assert len(searches) == 1
    with CaptureQueriesContext(connection) as again:
        client.get(url, {"q": WORD, "page": 1})
    assert not [query for query in again.captured_queries if "s_kind" in query["sql"]]
    assert len(again) < len(queries)


def test_more_results_than_the_limit_are_cut_to_the_best_and_said_so(as_user, cast, monkeypatch):
    from reports.search import selectors

    search_records.build(cast)
    monkeypatch.setattr(selectors, "MAX_RESULTS", 5)
    response = as_user(cast.business_support).get(reverse("search:results"), {"q": WORD})
    assert response.context["paginator"].count == 5
    assert response.context["more"] is True
    assert "More than 5 results for “Kestrel”: the best 5 are listed" in response.content.decode()
