"""Business support adds a session to a course."""

import pytest
from django.urls import reverse

from tests.training.factories import CourseFactory
from training.models import Session

pytestmark = pytest.mark.django_db
URL = reverse("training:session-create")


def _data(course, **overrides):
    data = {
        "course": course.pk,
        "starts_on": "2030-06-14",
        "start_time": "09:30",
        "end_time": "12:30",
        "venue": "Wigan Life Centre",
        "places_available": "20",
        "trainer_names": "Jo Trainer",
    }
    return {**data, **overrides}


def test_business_support_adds_a_session(course, business_support, agency_a, as_user):
    response = as_user(business_support).post(URL, _data(course, trainer_agencies=[agency_a.pk]))
    session = Session.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("training:session-detail", args=[session.pk])
    assert (session.places_available, session.status, session.trainer_names) == (20, "scheduled", "Jo Trainer")
    assert list(session.trainer_agencies.all()) == [agency_a]


def test_it_refuses_an_end_before_the_start_and_missing_places(course, business_support, as_user):
    response = as_user(business_support).post(URL, _data(course, end_time="09:00", places_available=""))
    assert response.status_code == 200
    assert "The end time must be after the start time." in response.content.decode()
    assert "places_available" in response.context["form"].errors
    assert not Session.objects.exists()


def test_another_boards_course_cannot_be_chosen(course, business_support, as_user):
    from tests.partners.factories import BoardFactory

    other = CourseFactory(board=BoardFactory(name="Other Board", short_name="OB"))
    response = as_user(business_support).post(URL, _data(other))
    assert response.status_code == 200
    assert "course" in response.context["form"].errors


def test_a_board_member_may_not_add_sessions(course, board_member, as_user):
    assert as_user(board_member).post(URL, _data(course)).status_code == 403
    assert not Session.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(course, as_user):
    response = as_user(None).post(URL, _data(course))
    assert response.status_code == 302
    assert "/account/sign-in/" in response.url


def test_the_form_shows_only_this_boards_courses(course, business_support, as_user):
    response = as_user(business_support).get(URL)
    assert list(response.context["form"].fields["course"].queryset) == [course]
