"""After the course: learners who attended are invited by e-mail to evaluate it (before/after ratings
on its learning outcomes, free text); submitting releases their PDF certificate (name, course, date,
hours, board); business support sees the course's results (counts, averages, before/after change)."""

import io
from datetime import date, time
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time
from pypdf import PdfReader

from tests.conftest import client_for
from tests.training.factories import BookingFactory, CourseFactory, SessionFactory
from training.models import Booking, Evaluation
from training.selfservice.evaluations import course_results, evaluation_invitations_send
from wscb.jobs.schedule import schedule_run
from wscb.mail.models import Email

pytestmark = pytest.mark.django_db

OUTCOMES = "Recognise the signs of neglect\nUse the graded care profile"


@pytest.fixture
def attended(board, learner):
    course = CourseFactory(board=board, title="Neglect Level 3", learning_outcomes=OUTCOMES)
    session = SessionFactory(course=course, starts_on=date(2030, 6, 17), start_time=time(9, 30), end_time=time(13, 0))
    return BookingFactory(
        session=session,
        learner=learner.learner,
        delegate_name=learner.full_name,
        email=learner.email,
        partner=learner.learner.partner,
        organisation_name="",
        status=Booking.Status.ATTENDED,
    )


def _form(before=("2", "3"), after=("4", "5"), comments="Very useful."):
    data = {"comments": comments}
    for number, (b, a) in enumerate(zip(before, after, strict=True)):
        data[f"before_{number}"], data[f"after_{number}"] = b, a
    return data


def _learner_client(booking):
    client = Client()
    client.force_login(booking.learner.user)
    return client


def test_learners_who_attended_are_invited_once_by_the_daily_job(attended, run_jobs):
    with freeze_time("2030-06-18 07:00"):
        schedule_run()
        run_jobs()
    with freeze_time("2030-06-19 07:00"):
        schedule_run()
        run_jobs()
    invitations = Email.objects.filter(kind="training-evaluation")
    assert [email.to for email in invitations] == [[attended.email]]
    assert reverse("learning:evaluation", kwargs={"pk": attended.pk}) in invitations.get().body


def test_no_invitation_for_a_learner_who_did_not_attend_or_has_evaluated(attended):
    Booking.objects.filter(pk=attended.pk).update(status=Booking.Status.DID_NOT_ATTEND)
    assert evaluation_invitations_send(today=date(2030, 6, 18)) == []


def test_the_evaluation_asks_before_and_after_for_each_learning_outcome(attended):
    page = _learner_client(attended).get(reverse("learning:evaluation", kwargs={"pk": attended.pk}))
    assert page.status_code == 200
    fields = list(page.context["form"].fields)
    assert fields == ["before_0", "after_0", "before_1", "after_1", "comments"]
    assert "Use the graded care profile: after the course" in page.content.decode()


def test_the_certificate_is_released_by_the_evaluation(attended):
    client = _learner_client(attended)
    certificate = reverse("learning:certificate", kwargs={"pk": attended.pk})
    assert client.get(certificate).status_code == 404
    response = client.post(reverse("learning:evaluation", kwargs={"pk": attended.pk}), _form())
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.ratings == [
        {"outcome": "Recognise the signs of neglect", "before": 2, "after": 4},
        {"outcome": "Use the graded care profile", "before": 3, "after": 5},
    ]
    pdf = client.get(certificate)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    for expected in (
        attended.delegate_name,
        "Neglect Level 3",
        "17/06/2030",
        "3.5 hours",
        attended.session.course.board.name,
    ):
        assert expected in text
    # Once only.
    again = client.post(reverse("learning:evaluation", kwargs={"pk": attended.pk}), _form())
    assert again.status_code in (200, 302)
    assert Evaluation.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [_form(before=("", "3")), _form(after=("4", "6")), _form(before=("0", "3"))],
)
def test_an_incomplete_or_out_of_range_evaluation_is_refused(attended, data):
    response = _learner_client(attended).post(reverse("learning:evaluation", kwargs={"pk": attended.pk}), data)
    assert response.status_code == 400
    assert not Evaluation.objects.exists()


def test_a_course_not_attended_cannot_be_evaluated(attended):
    Booking.objects.filter(pk=attended.pk).update(status=Booking.Status.BOOKED)
    client = _learner_client(attended)
    client.post(reverse("learning:evaluation", kwargs={"pk": attended.pk}), _form())
    assert not Evaluation.objects.exists()


def test_the_course_results_count_average_and_show_the_change(attended, board, agency_a, business_support):
    other = BookingFactory(
        session=attended.session, partner=agency_a, organisation_name="", status=Booking.Status.ATTENDED
    )
    BookingFactory(session=attended.session, partner=agency_a, organisation_name="", status=Booking.Status.ATTENDED)
    Evaluation.objects.create(
        booking=attended,
        ratings=[
            {"outcome": "Recognise the signs of neglect", "before": 2, "after": 4},
            {"outcome": "Use the graded care profile", "before": 1, "after": 5},
        ],
    )
    Evaluation.objects.create(
        booking=other,
        ratings=[
            {"outcome": "Recognise the signs of neglect", "before": 3, "after": 4},
            {"outcome": "Use the graded care profile", "before": 2, "after": 3},
        ],
        comments="More case studies please.",
    )
    results = course_results(course=attended.session.course)
    assert (results.attended, results.responses, results.response_rate) == (3, 2, Decimal("66.7"))
    first, second = results.outcomes
    assert (first.before, first.after, first.change) == (Decimal("2.50"), Decimal("4.00"), Decimal("1.50"))
    assert (second.before, second.after, second.change) == (Decimal("1.50"), Decimal("4.00"), Decimal("2.50"))
    page = client_for(business_support).get(
        reverse("training:course-evaluations", kwargs={"pk": attended.session.course.pk}), {"year": "2030/31"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "+2.50" in text and "More case studies please." in text and "66.7%" in text
