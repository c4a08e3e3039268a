"""Where the course needs it, a learner's place waits for the manager's approval, asked for by an
e-mailed signed link (no sign-in): a confirmation page, then POST. The place is held meanwhile; a
decline, or no answer within the board's approval hours (the scheduled run), releases it to the next
person waiting; the learner is told the outcome."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from freezegun import freeze_time

from tests.training.factories import CourseFactory, LearnerFactory, SessionFactory
from training.models import Booking
from training.reporting import NOT_BOOKED
from training.selfservice import links, services
from wscb.audit.models import AuditEvent
from wscb.boards import board_public_slug
from wscb.jobs.schedule import schedule_run
from wscb.mail.models import Email

pytestmark = pytest.mark.django_db
S = Booking.Status


@pytest.fixture
def approval_session(board):
    course = CourseFactory(board=board, title="Working with adolescents", requires_manager_approval=True)
    return SessionFactory(course=course, starts_on=date(2030, 6, 17), places_available=1)


@pytest.fixture
def managed(learner, learner_b):
    """The learner, whose manager is Mary; the other learner has a manager too."""
    for user, name, email in ((learner, "Mary Manager", "mary.manager@example.org"), (learner_b, "", "b@example.org")):
        user.learner.manager_name = name
        user.learner.manager_email = email
        user.learner.save()
    return learner.learner


def _approval_path(booking) -> str:
    email = Email.objects.filter(kind="training-approval-request", to=[booking.manager_email]).latest("pk")
    return "/" + re.search(r"https?://[^/]+/(learning/approve/\S+)", email.body).group(1)


def _book(learner, session, when="2030-05-01 10:00", **kwargs):
    with freeze_time(when):
        return services.learner_book(learner=learner, session=session, **kwargs)


def test_the_place_waits_for_approval_and_is_held(approval_session, managed, learner_b):
    booking = _book(managed, approval_session)
    assert booking.status == S.AWAITING_APPROVAL
    request = Email.objects.get(kind="training-approval-request")
    assert request.to == ["mary.manager@example.org"]
    assert "Dear Mary Manager" in request.body and "04/05/2030 11:00" in request.body  # 72 hours, UK time
    assert Email.objects.filter(kind="training-approval-waiting", to=[booking.email]).exists()
    assert not Email.objects.filter(kind="training-confirmation").exists()
    # The one place is held: the next learner goes on the waiting list.
    assert _book(learner_b.learner, approval_session, "2030-05-01 11:00").status == S.WAITING
    assert S.AWAITING_APPROVAL not in NOT_BOOKED and S.AWAITING_APPROVAL in Booking.HOLDS_PLACE


def test_a_course_without_approval_books_at_once(board, managed):
    session = SessionFactory(course=CourseFactory(board=board), starts_on=date(2030, 6, 17), places_available=3)
    assert _book(managed, session).status == S.BOOKED
    assert not Email.objects.filter(kind="training-approval-request").exists()


def test_a_learner_without_a_manager_address_is_asked_for_it_and_it_is_kept(approval_session, learner):
    with pytest.raises(ValidationError, match="manager's e-mail address"):
        _book(learner.learner, approval_session)
    assert not Booking.objects.exists()
    booking = _book(learner.learner, approval_session, manager=services.Manager("Sam Lead", "Sam@Example.org"))
    learner.learner.refresh_from_db()
    assert (learner.learner.manager_name, learner.learner.manager_email) == ("Sam Lead", "sam@example.org")
    assert booking.manager_email == "sam@example.org" and booking.status == S.AWAITING_APPROVAL


def test_the_session_page_asks_the_learner_for_their_manager_and_books_with_it(approval_session, learner):
    client = Client()
    slug = board_public_slug(approval_session.course.board)
    with freeze_time("2030-05-01 10:00"):
        client.force_login(learner)
        page = client.get(f"/learning/{slug}/sessions/{approval_session.pk}/").content.decode()
        assert "needs your manager's approval" in page and 'name="manager_email"' in page
        refused = client.post(f"/learning/{slug}/sessions/{approval_session.pk}/book/", {"manager_name": "Sam"})
        assert not Booking.objects.exists()
        assert "give your manager" in client.get(refused.url).content.decode()
        client.post(
            f"/learning/{slug}/sessions/{approval_session.pk}/book/",
            {"manager_name": "Sam Lead", "manager_email": "sam@example.org"},
        )
    assert Booking.objects.get().status == S.AWAITING_APPROVAL


def test_the_manager_approves_from_the_link_without_signing_in(approval_session, managed):
    booking = _book(managed, approval_session)
    path = _approval_path(booking)
    manager = Client()
    with freeze_time("2030-05-02 09:00"):
        page = manager.get(path)
        assert page.status_code == 200 and "Send my answer" in page.content.decode()
        assert managed.user.full_name in page.content.decode()
        assert page["Cache-Control"].startswith("no-store") or "no-store" in page["Cache-Control"]
        assert manager.post(path, {}).status_code == 400  # no answer chosen: nothing changes
        booking.refresh_from_db()
        assert booking.status == S.AWAITING_APPROVAL
        manager.post(path, {"decision": "approve"})
    booking.refresh_from_db()
    assert booking.status == S.BOOKED
    assert Email.objects.filter(kind="training-confirmation", to=[booking.email]).exists()
    event = AuditEvent.objects.filter(object_id=str(booking.pk)).latest("pk")
    assert "mary.manager@example.org" in event.user_label and event.user is None
    # The link is used: a second answer cannot change it.
    with freeze_time("2030-05-02 09:05"):
        assert "approved and booked" in manager.get(path).content.decode()
        assert manager.post(path, {"decision": "decline"}).status_code == 409
    booking.refresh_from_db()
    assert booking.status == S.BOOKED


def test_a_declined_place_is_released_to_the_next_person_and_the_learner_told(approval_session, managed, learner_b):
    booking = _book(managed, approval_session)
    waiting = _book(learner_b.learner, approval_session, "2030-05-01 11:00")
    with freeze_time("2030-05-02 09:00"):
        Client().post(_approval_path(booking), {"decision": "decline"})
    booking.refresh_from_db()
    waiting.refresh_from_db()
    assert booking.status == S.DECLINED and S.DECLINED in NOT_BOOKED
    assert waiting.status == S.OFFERED
    outcome = Email.objects.get(kind="training-approval-outcome", to=[booking.email])
    assert "not approved by your manager" in outcome.body
    # Declined is over: the learner may book again (asking again).
    assert _book(managed, approval_session, "2030-05-02 10:00").status == S.WAITING


def test_an_approval_not_given_in_time_releases_the_place_by_the_scheduled_run(approval_session, managed, learner_b):
    booking = _book(managed, approval_session)
    waiting = _book(learner_b.learner, approval_session, "2030-05-01 11:00")
    path = _approval_path(booking)
    with freeze_time("2030-05-04 09:59"):  # 71:59 later (UTC): still held
        schedule_run()
    booking.refresh_from_db()
    assert booking.status == S.AWAITING_APPROVAL
    with freeze_time("2030-05-04 10:00:30"):
        # Past the hours, the link no longer approves even before the run has released the place.
        assert Client().post(path, {"decision": "approve"}).status_code == 409
        schedule_run()
    booking.refresh_from_db()
    waiting.refresh_from_db()
    assert booking.status == S.APPROVAL_EXPIRED and waiting.status == S.OFFERED
    assert "not approved in time" in Email.objects.get(kind="training-approval-outcome").body
    with freeze_time("2030-05-04 12:00"):
        assert "no longer open" in Client().get(path).content.decode()


def test_a_forged_or_replaced_link_does_nothing(approval_session, managed):
    booking = _book(managed, approval_session)
    assert Client().get("/learning/approve/forged/").status_code == 404
    old = links.approval_token(booking)
    with freeze_time("2030-05-01 12:00"):
        Booking.objects.filter(pk=booking.pk).update(status=S.BOOKED)
        services.approval_request(booking=Booking.objects.get(pk=booking.pk))  # asked again: a new link
        assert Client().post(f"/learning/approve/{old}/", {"decision": "approve"}).status_code == 409
    booking.refresh_from_db()
    assert booking.status == S.AWAITING_APPROVAL


def test_a_place_offered_from_the_waiting_list_waits_for_approval_when_taken(
    approval_session, managed, board, agency_a
):
    other = LearnerFactory(
        board=board, partner=agency_a, user__email="other@example.org", manager_email="m2@example.org"
    )
    holder = _book(other, approval_session)
    waiting = _book(managed, approval_session, "2030-05-01 11:00")
    with freeze_time("2030-05-02 09:00"):
        services.learner_cancel(booking=holder)
        waiting.refresh_from_db()
        services.offer_accept(booking=waiting)
    waiting.refresh_from_db()
    assert waiting.status == S.AWAITING_APPROVAL
    assert Email.objects.filter(kind="training-approval-request", to=["mary.manager@example.org"]).exists()
