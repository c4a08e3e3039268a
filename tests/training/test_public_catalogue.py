"""The public catalogue of a board: upcoming sessions only, with their details, places left and the
board's charging policy, filters by month, topic and level, a stable page and an .ics per session."""

from datetime import date, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.partners.factories import BoardFactory
from tests.training.factories import BookingFactory, CourseFactory, SessionFactory
from training.models import Session, TrainingPolicy
from wscb.boards import board_public_slug

pytestmark = pytest.mark.django_db


def _in(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def neglect(board):
    return CourseFactory(
        board=board,
        title="Neglect: Graded Care Profile",
        topic="Neglect",
        level="Level 3",
        audience="Practitioners working with families",
        description="Using the graded care profile to assess neglect.",
    )


@pytest.fixture
def cse(board):
    return CourseFactory(board=board, title="Child Sexual Exploitation", topic="CSE", level="Multi-agency")


def _catalogue(board, **query):
    return Client().get(reverse("learning:catalogue", kwargs={"board_slug": board_public_slug(board)}), query)


def test_it_lists_upcoming_sessions_with_places_left_and_the_charging_policy(board, neglect, agency_a):
    TrainingPolicy.objects.create(board=board, charging_policy="A did-not-attend is charged at £50.")
    session = SessionFactory(course=neglect, starts_on=_in(10), places_available=3, venue="Wigan Life Centre")
    BookingFactory(session=session, partner=agency_a, organisation_name="")
    response = _catalogue(board)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Neglect: Graded Care Profile" in page and "Wigan Life Centre" in page
    assert "A did-not-attend is charged at £50." in page
    assert [s.left for s in response.context["sessions"]] == [2]


def test_past_todays_and_cancelled_sessions_are_not_listed(board, neglect):
    SessionFactory(course=neglect, starts_on=_in(-1))
    SessionFactory(course=neglect, starts_on=_in(0))
    SessionFactory(course=neglect, starts_on=_in(5), status=Session.Status.CANCELLED, cancellation_reason="other")
    upcoming = SessionFactory(course=neglect, starts_on=_in(6))
    assert [s.pk for s in _catalogue(board).context["sessions"]] == [upcoming.pk]


def test_it_filters_by_month_topic_and_level(board, neglect, cse):
    first = SessionFactory(course=neglect, starts_on=_in(3))
    later = SessionFactory(course=cse, starts_on=_in(70))
    month = later.starts_on.strftime("%Y-%m")
    assert [s.pk for s in _catalogue(board, month=month).context["sessions"]] == [later.pk]
    assert [s.pk for s in _catalogue(board, topic="Neglect").context["sessions"]] == [first.pk]
    assert [s.pk for s in _catalogue(board, level="Multi-agency").context["sessions"]] == [later.pk]
    assert list(_catalogue(board, month="rubbish").context["sessions"]) == []
    filters = _catalogue(board).context
    assert filters["topics"] == ["CSE", "Neglect"] and filters["levels"] == ["Level 3", "Multi-agency"]


def test_another_boards_sessions_are_not_in_this_boards_catalogue(board, neglect):
    other = BoardFactory(name="Another Partnership", short_name="APSCP")
    theirs = SessionFactory(course=CourseFactory(board=other, title="Their course"), starts_on=_in(4))
    assert "Their course" not in _catalogue(board).content.decode()
    url = reverse("learning:session", kwargs={"board_slug": board_public_slug(board), "pk": theirs.pk})
    assert Client().get(url).status_code == 404


def test_a_session_has_a_stable_page_and_a_calendar_file(board, neglect):
    session = SessionFactory(
        course=neglect,
        starts_on=date(2031, 7, 1),
        start_time=time(9, 30),
        end_time=time(12, 0),
        venue="Room 1, Town Hall",
    )
    kwargs = {"board_slug": board_public_slug(board), "pk": session.pk}
    page = Client().get(reverse("learning:session", kwargs=kwargs))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Practitioners working with families" in text and "Level 3" in text and "01/07/2031" in text
    ics = Client().get(reverse("learning:session-ics", kwargs=kwargs))
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    # 09:30 British Summer Time is 08:30 UTC.
    assert "DTSTART:20310701T083000Z" in body and "DTEND:20310701T110000Z" in body
    assert "LOCATION:Room 1\\, Town Hall" in body
    assert f"UID:training-session-{session.pk}@" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_a_past_sessions_page_is_not_public(board, neglect):
    past = SessionFactory(course=neglect, starts_on=_in(-3))
    url = reverse("learning:session", kwargs={"board_slug": board_public_slug(board), "pk": past.pk})
    assert Client().get(url).status_code == 404


def test_an_online_session_says_so_instead_of_a_venue(board, neglect):
    SessionFactory(course=neglect, starts_on=_in(8), venue="", is_online=True)
    assert "Online" in _catalogue(board).content.decode()
