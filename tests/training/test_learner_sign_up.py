"""Learners sign themselves up: a privacy notice, the password rules, an organisation that is one of
the board's agencies or another named one, the work address verified by a link before the first
booking; bots are turned away by a honeypot and a rate limit per address and per e-mail."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partners.models import User
from tests.training.factories import CourseFactory, SessionFactory
from training.models import Booking, Learner
from training.selfservice import services
from wscb.boards import board_public_slug
from wscb.mail.models import Email
from wscb.roles import Role

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _form(agency, **changes):
    data = {
        "full_name": "Lou Learner",
        "job_title": "Family support worker",
        "organisation": str(agency.pk),
        "organisation_name": "",
        "email": "lou@agency-a.example.org",
        "password": PASSWORD,
        "password_again": PASSWORD,
        "manager_name": "Max Manager",
        "manager_email": "max@agency-a.example.org",
        "privacy": "on",
        "website": "",
    }
    data.update(changes)
    return data


def _url(board):
    return reverse("learning:sign-up", kwargs={"board_slug": board_public_slug(board)})


def _link(email: Email) -> str:
    return re.search(r"https?://[^\s]+", email.body).group(0).split("://", 1)[1].split("/", 1)[1]


def test_the_sign_up_page_shows_the_privacy_notice_and_the_boards_agencies(board, agency_a, agency_b):
    response = Client().get(_url(board))
    assert response.status_code == 200
    assert "Privacy notice" in response.content.decode()
    choices = dict(response.context["form"].fields["organisation"].choices)
    assert choices[str(agency_a.pk)] == agency_a.name and choices["other"] == "Another organisation"
    assert response.headers["Cache-Control"].startswith("no-store") or "no-store" in response.headers["Cache-Control"]


def test_signing_up_makes_a_learner_of_the_board_and_sends_the_verification_link(board, agency_a):
    response = Client().post(_url(board), _form(agency_a))
    assert response.status_code == 302
    user = User.objects.get(email="lou@agency-a.example.org")
    assert user.role == Role.LEARNER and list(user.boards.all()) == [board]
    learner = user.learner
    assert learner.partner == agency_a and learner.manager_email == "max@agency-a.example.org"
    assert not learner.is_verified
    email = Email.objects.get(kind="learner-verify")
    assert email.to == ["lou@agency-a.example.org"]

    response = Client().get("/" + _link(email))
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.is_verified


def test_another_organisation_needs_its_name(board, agency_a):
    response = Client().post(_url(board), _form(agency_a, organisation="other"))
    assert response.status_code == 200
    assert "organisation_name" in response.context["form"].errors
    Client().post(_url(board), _form(agency_a, organisation="other", organisation_name="Hindley Boxing Club"))
    learner = Learner.objects.get()
    assert learner.partner is None and learner.organisation_name == "Hindley Boxing Club"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"password": "short", "password_again": "short"}, "password"),
        ({"password": "123456789012345", "password_again": "123456789012345"}, "password"),
        ({"password_again": "something else entirely"}, "password_again"),
        ({"privacy": ""}, "privacy"),
        ({"email": "not an address"}, "email"),
        ({"organisation": ""}, "organisation"),
    ],
)
def test_it_refuses_a_sign_up_that_breaks_the_rules(board, agency_a, changes, field):
    response = Client().post(_url(board), _form(agency_a, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not User.objects.filter(role=Role.LEARNER).exists()


def test_an_address_that_already_has_an_account_is_refused(board, agency_a, lead_a):
    response = Client().post(_url(board), _form(agency_a, email=lead_a.email.upper()))
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_a_bot_filling_the_honeypot_is_answered_as_if_it_worked_but_nobody_is_signed_up(board, agency_a):
    response = Client().post(_url(board), _form(agency_a, website="http://spam.example"))
    assert response.status_code == 302
    assert not User.objects.filter(role=Role.LEARNER).exists()
    assert not Email.objects.exists()


def test_sign_ups_are_rate_limited_per_address(board, agency_a):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(services.SIGN_UPS_PER_ADDRESS_PER_HOUR):
        client.post(_url(board), _form(agency_a, email=f"person{number}@example.org"))
    response = client.post(_url(board), _form(agency_a, email="one.more@example.org"))
    assert response.status_code == 429
    assert not User.objects.filter(email="one.more@example.org").exists()
    # Another address is not held up.
    assert (
        Client(REMOTE_ADDR="203.0.113.10").post(_url(board), _form(agency_a, email="b@example.org")).status_code == 302
    )


def test_sign_ups_are_rate_limited_per_e_mail_address(board, agency_a):
    for number in range(services.SIGN_UPS_PER_EMAIL_PER_DAY):
        Client(REMOTE_ADDR=f"198.51.100.{number}").post(_url(board), _form(agency_a, password_again="different"))
    response = Client(REMOTE_ADDR="198.51.100.99").post(_url(board), _form(agency_a))
    assert response.status_code == 429
    assert not User.objects.filter(role=Role.LEARNER).exists()


def test_a_forged_or_stale_verification_link_verifies_nothing(board, agency_a):
    Client().post(_url(board), _form(agency_a))
    learner = Learner.objects.get()
    assert Client().get(reverse("learning:verify", kwargs={"token": "forged"})).status_code == 404
    link = _link(Email.objects.get(kind="learner-verify"))
    User.objects.filter(pk=learner.user_id).update(email="changed@example.org")
    assert Client().get("/" + link).status_code == 404
    learner.refresh_from_db()
    assert not learner.is_verified


def test_a_learner_cannot_book_before_verifying_their_address(board, agency_a):
    Client().post(_url(board), _form(agency_a))
    learner = Learner.objects.get()
    session = SessionFactory(course=CourseFactory(board=board), starts_on=timezone.localdate() + timedelta(days=20))
    client = Client()
    client.force_login(learner.user)
    url = reverse("learning:book", kwargs={"board_slug": board_public_slug(board), "pk": session.pk})
    response = client.post(url)
    assert response.status_code == 302
    assert not Booking.objects.exists()
    assert "Confirm your e-mail address" in client.get(response.url).content.decode()


def test_a_signed_in_learner_lands_on_their_training_page(board, learner):
    client = Client()
    client.force_login(learner)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("learning:my-training")
