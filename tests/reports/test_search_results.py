"""Search: the header's box finds each kind of record, ranked, with its type and a link to its page."""

import pytest
from django.urls import reverse

from tests.meetings.factories import ActionFactory
from tests.reports import search_records
from tests.reports.search_records import WORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(cast):
    return search_records.build(cast)


def _search(client, text, **extra):
    return client.get(reverse("search:results"), {"q": text, **extra})


def _results(response) -> list:
    return response.context["results"]


def test_business_support_finds_every_kind_with_its_type_and_page(as_user, cast, records):
    a = records.a
    found = set()
    page = 1
    while True:
        response = _search(as_user(cast.business_support), WORD, page=page)
        found |= {(result.label, result.title, result.url) for result in _results(response)}
        if not response.context["page_obj"].has_next():
            break
        page += 1
    meeting_url = reverse("meetings:meeting-detail", args=[a.meeting.pk])
    expected = {
        ("Agency", a.agency.name, reverse("partners:partner-detail", args=[a.agency.pk])),
        ("Person", a.person.full_name, reverse("partners:partner-detail", args=[a.agency.pk])),
        ("Meeting", f"{a.meeting.group.name}, 05/09/2016", meeting_url),
        ("Agenda item", a.item.title, f"{meeting_url}#agenda-item-{a.item.pk}"),
        ("Paper", a.paper.title, f"{meeting_url}#agenda-item-{a.item.pk}"),
        ("Decision", a.decision.text, reverse("meetings:minutes", args=[a.meeting.pk])),
        ("Action", a.action.description, reverse("meetings:action-detail", args=[a.action.pk])),
        ("Course", records.course.title, reverse("training:summary") + "?year=2016/17"),
        ("Partner update", a.agency.name, reverse("reports:selfreport-detail", args=[a.report.pk])),
        (
            "Case study",
            a.case_study.title,
            reverse("reports:case-study-detail", args=[a.report.pk, a.case_study.pk]),
        ),
    }
    assert expected <= found
    assert response.status_code == 200


def test_each_result_link_opens_for_the_user_who_found_it(as_user, cast, records):
    for user in (cast.business_support, cast.lead_a, cast.board_member):
        client = as_user(user)
        for result in _results(_search(client, WORD, kind="", page=1)):
            assert client.get(result.url).status_code == 200, (user.role, result)


def test_a_title_match_ranks_above_a_match_in_the_text(as_user, cast, records):
    records.a.action.description = "Write to schools"
    records.a.action.progress = f"Waiting for the {WORD} list"
    records.a.action.save()
    titles = [result.title for result in _results(_search(as_user(cast.business_support), WORD, kind="action"))]
    assert titles[-1] == "Write to schools"
    assert titles[0] == records.b.action.description


def test_the_result_shows_the_meeting_it_belongs_to_and_the_due_date(as_user, cast, records):
    results = _results(_search(as_user(cast.business_support), records.a.action.description, kind="action"))
    assert results[0].context == "Agency A Trust, due 01/12/2016"
    item = _results(_search(as_user(cast.business_support), records.a.item.title, kind="agenda_item"))[0]
    assert item.context == f"{records.a.meeting.group.name}, 05/09/2016"


def test_several_words_must_all_be_found(as_user, cast, records):
    assert len(_results(_search(as_user(cast.business_support), f"{WORD} decision", kind="decision"))) == 2
    assert _results(_search(as_user(cast.business_support), f"{WORD} zeppelin", kind="decision")) == []


def test_the_type_filter_keeps_one_kind(as_user, cast, records):
    results = _results(_search(as_user(cast.business_support), WORD, kind="paper"))
    assert {result.label for result in results} == {"Paper"}
    assert len(results) == 2


def test_an_unknown_type_is_a_form_error(as_user, cast, records):
    response = _search(as_user(cast.business_support), WORD, kind="everything")
    assert response.status_code == 200
    assert b"Choose a kind of record from the list." in response.content
    assert b"<title>Error: " in response.content
    assert _results(response) == []


def test_nothing_found_says_so(as_user, cast, records):
    response = _search(as_user(cast.business_support), "zeppelin")
    assert _results(response) == []
    assert "No results for “zeppelin”." in response.content.decode()


def test_an_empty_search_asks_for_words_and_one_letter_is_too_short(as_user, cast, records):
    response = as_user(cast.business_support).get(reverse("search:results"))
    assert response.status_code == 200
    assert b"Type a name, a title or a few words" in response.content
    response = _search(as_user(cast.business_support), "k")
    assert b"Enter at least 2 characters to search for." in response.content


def test_hostile_text_is_searched_for_as_text(as_user, cast, records):
    for text in ("' OR 1=1 --", '"unclosed', "a & b | !c", "%_%", "<script>", "x" * 500, "-Kestrel", "\u00e9t\u00e9"):
        response = _search(as_user(cast.business_support), text)
        assert response.status_code == 200, text
    response = _search(as_user(cast.business_support), "a\x00b")
    assert response.status_code == 200
    assert _results(response) == []


def test_results_are_paginated_with_the_count_announced(as_user, cast, records):
    for number in range(5):
        ActionFactory(meeting=records.a.meeting, owner=cast.agency_a, description=f"{WORD} follow-up {number}")
    response = _search(as_user(cast.business_support), WORD)
    paginator = response.context["paginator"]
    assert paginator.count == 24 and paginator.num_pages == 2
    content = response.content.decode()
    assert f"{paginator.count} results for “{WORD}”, showing 1 to 20." in content
    assert 'role="status"' in content
    second = _search(as_user(cast.business_support), WORD, page=2)
    assert len(_results(second)) == paginator.count - 20
    firsts = {(r.label, r.url) for r in _results(response)}
    assert not firsts & {(r.label, r.url) for r in _results(second)}


def test_the_header_has_a_labelled_search_box_on_every_signed_in_page(as_user, cast):
    content = as_user(cast.lead_a).get(reverse("home")).content.decode()
    assert 'role="search"' in content
    assert '<label class="visually-hidden" for="site-search-q">Search the portal</label>' in content
    assert f'action="{reverse("search:results")}"' in content
    assert 'role="search"' not in as_user(None).get(reverse("login")).content.decode()


def test_postgresql_matches_words_by_their_stem_and_sqlite_by_their_letters(as_user, cast, records):
    """One code path, choosing by the database: full-text search on PostgreSQL, substrings on SQLite."""
    from django.db import connection

    client = as_user(cast.business_support)
    stemmed = _results(_search(client, f"{WORD} decisions", kind="decision"))
    partial = _results(_search(client, "Kestr", kind="decision"))
    assert len(partial) == 2  # part of a word finds the title on both
    if connection.vendor == "postgresql":
        assert len(stemmed) == 2  # "decisions" and "decision" share a stem
        assert len(_results(_search(client, f"{WORD} -B", kind="decision"))) == 1  # websearch syntax
    else:
        assert stemmed == []
