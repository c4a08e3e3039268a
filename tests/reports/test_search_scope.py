"""Search is scoped exactly as the pages are: nobody finds what they could not open.

A partner lead never finds another agency's draft update or case study (by its title, its agency's
name or what its answers say), nor another agency's actions, people or groups' meetings; a board
member finds accepted updates only and no case studies, papers only once published and decisions
only once the minutes are approved; nothing of another board is found by anyone; anonymous visitors
are sent to sign in.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Membership
from tests.reports import search_records
from tests.reports.factories import accepted
from tests.reports.search_records import WORD
from tests.training.factories import CourseFactory, SessionFactory
from wscb.boards import board_public_slug

pytestmark = pytest.mark.django_db


def _found(client, text=WORD, kind="") -> set:
    results, page = set(), 1
    while True:
        response = client.get(reverse("search:results"), {"q": text, "kind": kind, "page": page})
        assert response.status_code == 200
        results |= {(result.label, result.title) for result in response.context["results"]}
        if not response.context["page_obj"].has_next():
            return results
        page += 1


def _titles(records) -> dict:
    return {
        ("Agency", records.agency.name),
        ("Person", records.person.full_name),
        ("Meeting", f"{records.meeting.group.name}, {records.meeting.held_on:%d/%m/%Y}"),
        ("Agenda item", records.item.title),
        ("Paper", records.paper.title),
        ("Decision", records.decision.text),
        ("Action", records.action.description),
        ("Partner update", records.agency.name),
        ("Case study", records.case_study.title),
    }


@pytest.fixture
def records(cast):
    return search_records.build(cast)


def test_business_support_finds_both_agencies_records_drafts_and_case_studies_included(as_user, cast, records):
    found = _found(as_user(cast.business_support))
    assert _titles(records.a) | _titles(records.b) <= found
    assert ("Course", records.course.title) in found


def test_a_lead_finds_their_own_agencys_records_and_nothing_of_another(as_user, cast, records):
    found = _found(as_user(cast.lead_a))
    assert _titles(records.a) == found
    assert not _titles(records.b) & found


@pytest.mark.parametrize(
    "text",
    [
        f"Our {WORD} work, Agency B 0",  # what agency B's draft says
        "Agency B",  # its name
        "Kestrel case study of Agency B",  # its case study's title
        "family helped early",  # its case study's text (agency A's says the same: only A's is found)
    ],
)
def test_a_lead_never_finds_another_agencys_draft_update_or_case_study(as_user, cast, records, text):
    found = _found(as_user(cast.lead_a), text)
    assert ("Partner update", records.b.agency.name) not in found
    assert ("Case study", records.b.case_study.title) not in found
    assert not {title for label, title in found if "Agency B" in title}


def test_a_lead_finds_another_agencys_meeting_once_their_agency_sits_on_the_group(as_user, cast, records):
    person = records.a.person
    Membership.objects.create(
        person=person, group=records.b.meeting.group, partner=cast.agency_a, started_on=records.b.meeting.held_on
    )
    found = _found(as_user(cast.lead_a))
    assert ("Meeting", f"{records.b.meeting.group.name}, 05/09/2016") in found
    assert ("Agenda item", records.b.item.title) in found
    assert ("Action", records.b.action.description) not in found  # still agency B's action


def test_a_board_member_finds_accepted_updates_only_and_no_case_studies(as_user, cast, records):
    found = _found(as_user(cast.board_member))
    assert not {label for label, _ in found} & {"Partner update", "Case study"}
    assert {("Course", records.course.title), ("Action", records.a.action.description)} <= found
    accepted(records.b.report, cast.lead_b, cast.business_support)  # its answers are now "Answer to ..."
    found = _found(as_user(cast.board_member), "Agency")
    assert ("Partner update", records.b.agency.name) in found
    assert ("Partner update", records.a.agency.name) not in found
    assert ("Partner update", records.b.agency.name) in _found(as_user(cast.board_member), "answer")
    assert "Case study" not in {label for label, _ in found}


def test_papers_are_found_by_members_only_once_published(as_user, cast):
    records = search_records.build(cast, published=False)
    assert "Paper" not in {label for label, _ in _found(as_user(cast.board_member))}
    assert "Paper" not in {label for label, _ in _found(as_user(cast.lead_a))}
    assert ("Paper", records.a.paper.title) in _found(as_user(cast.business_support))


def test_decisions_are_found_by_members_only_in_approved_minutes(as_user, cast):
    records = search_records.build(cast, approved=False)
    assert "Decision" not in {label for label, _ in _found(as_user(cast.board_member))}
    assert "Decision" not in {label for label, _ in _found(as_user(cast.lead_a))}
    assert ("Decision", records.a.decision.text) in _found(as_user(cast.business_support))


def test_a_correction_being_drafted_hides_the_meetings_decisions_from_members(as_user, cast, records):
    from meetings import services

    approved = records.a.meeting.minutes_versions.get()
    services.minutes_correct(minutes=approved, reason="A name was wrong", by=cast.business_support)
    found = _found(as_user(cast.board_member))
    assert ("Decision", records.a.decision.text) not in found
    assert ("Decision", records.b.decision.text) in found


def test_a_lead_finds_no_courses(as_user, cast, records):
    assert "Course" not in {label for label, _ in _found(as_user(cast.lead_a))}
    response = as_user(cast.lead_a).get(reverse("search:results"), {"q": WORD, "kind": "course"})
    assert b"Choose a kind of record from the list." in response.content


def test_nothing_of_another_board_is_found(as_user, cast, records, second_board):
    CourseFactory(board=second_board.board, title=f"{WORD} Midshire course")
    for user in (second_board.business_support, second_board.administrator):
        assert _found(as_user(user)) == {("Course", f"{WORD} Midshire course")}, user
    assert ("Course", f"{WORD} Midshire course") not in _found(as_user(cast.business_support))


def test_anonymous_visitors_are_sent_to_sign_in(as_user, records):
    response = as_user(None).get(reverse("search:results"), {"q": WORD})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_learner_finds_the_catalogues_upcoming_sessions_and_nothing_else(as_user, cast, records):
    """A learner sees the public catalogue and their own training, so search finds the catalogue's
    upcoming sessions (linking to their catalogue page) and none of the board's records."""
    upcoming = SessionFactory(course=records.course, starts_on=timezone.localdate() + timedelta(days=14))
    SessionFactory(course=records.course, starts_on=timezone.localdate() - timedelta(days=14))  # past: not listed
    client = as_user(cast.learner)
    response = client.get(reverse("search:results"), {"q": WORD})
    assert response.status_code == 200
    results = response.context["results"]
    assert [(result.label, result.title) for result in results] == [("Course session", records.course.title)]
    assert results[0].url == reverse("learning:session", args=[board_public_slug(cast.board), upcoming.pk])
    assert client.get(results[0].url).status_code == 200
    response = client.get(reverse("search:results"), {"q": WORD, "kind": "agency"})
    assert b"Choose a kind of record from the list." in response.content
