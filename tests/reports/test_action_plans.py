"""Action plans: an action raised from an answer (suggested by a low rating), owned by a person of the
agency, carried into next year's update with its history and updated (and closed) there."""

from datetime import date

import pytest
from django.urls import reverse
from freezegun import freeze_time

from reports.selfreports import actions
from reports.selfreports.models import AssessmentAction
from tests.reports.factories import (
    accepted,
    open_round,
    person_of,
    raise_action,
    rate,
    rated_round,
    report_for,
)
from wscb.audit.models import AuditAction, AuditEvent
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(board, agency_a, lead_a, business_support):
    round_, ratings = rated_round(board=board, agencies=[agency_a], by=business_support)
    return report_for(round_, agency_a), ratings


def _raise_url(report, key=""):
    url = reverse("reports:action-create", args=[report.pk])
    return f"{url}?question={key}" if key else url


def test_a_rating_at_or_below_the_threshold_suggests_an_action_until_one_is_raised(rated, lead_a, as_user):
    report, ratings = rated
    rate(report, ratings, lead_a, {"leadership": "1", "training_standard": "3"})  # threshold 1
    client = as_user(lead_a)
    tasks = client.get(reverse("reports:selfreport-tasks", args=[report.pk])).content.decode()
    assert "at or below the level where the form suggests raising an action" in tasks
    assert _raise_url(report, "leadership") in tasks
    assert _raise_url(report, "training_standard") not in tasks
    check = client.get(reverse("reports:selfreport-check", args=[report.pk])).content.decode()
    assert "Suggested by the rating" in check
    assert _raise_url(report, "training_standard") in check  # any answer can raise one
    raise_action(report, lead_a, question_key="leadership")
    tasks = client.get(reverse("reports:selfreport-tasks", args=[report.pk])).content.decode()
    assert "at or below the level where the form suggests" not in tasks
    assert "Train every team leader" in tasks


def test_the_lead_raises_an_action_from_an_answer_audited_with_its_first_history_line(rated, lead_a, agency_a, as_user):
    report, ratings = rated
    rate(report, ratings, lead_a, {"leadership": "1"})
    owner = person_of(agency_a)
    client = as_user(lead_a)
    page = client.get(_raise_url(report, "leadership")).content.decode()
    assert "How well does your agency meet the leadership standard?" in page and "Owen Owner" in page
    response = client.post(
        _raise_url(report, "leadership"),
        {"question_key": "leadership", "what": "Name a board-level lead", "owner": owner.pk, "due_on": "31/03/2030"},
    )
    assert response.status_code == 302
    action = AssessmentAction.objects.get()
    assert (action.question_key, action.owner, action.due_on, action.status) == (
        "leadership",
        owner,
        date(2030, 3, 31),
        AssessmentAction.Status.OPEN,
    )
    assert action.question_text.startswith("How well does your agency meet the leadership")
    assert [note.text for note in action.notes.all()] == ["Action raised."]
    assert AuditEvent.objects.filter(action=AuditAction.CREATED, object_id=str(action.pk)).exists()


def test_the_owner_is_a_person_of_the_agency_and_the_fields_are_required(rated, lead_a, agency_b, as_user):
    report, _ = rated
    stranger = person_of(agency_b, name="Stella Stranger")
    client = as_user(lead_a)
    assert "Stella Stranger" not in client.get(_raise_url(report)).content.decode()
    response = client.post(_raise_url(report), {"what": "x", "owner": stranger.pk, "due_on": "31/03/2030"})
    assert response.status_code == 200 and "from the list" in response.content.decode()
    response = client.post(_raise_url(report), {"what": "", "owner": "", "due_on": "01/01/2001"})
    html = response.content.decode()
    assert "Say what will be done." in html and "Choose the person who owns the action." in html
    assert "The due date must be today or later." in html
    assert not AssessmentAction.objects.exists()
    with pytest.raises(actions.ActionError):
        actions.action_raise(report=report, by=lead_a, what="x", owner=stranger, due_on=date(2030, 1, 1))


@pytest.fixture
def next_year(board, agency_a, lead_a, business_support, rated):
    """The 2016/17 return accepted with an open action; the 2017/18 round for the same agency open."""
    report, ratings = rated
    rate(report, ratings, lead_a, {"leadership": "1"})
    action = raise_action(report, lead_a, question_key="leadership", due_on=date(2017, 9, 30))
    actions.action_update(
        action=action,
        by=lead_a,
        version=action.version,
        status=AssessmentAction.Status.IN_PROGRESS,
        due_on=action.due_on,
        owner=action.owner,
        note="Two of five leads trained",
    )
    accepted(report, lead_a, business_support)
    with freeze_time("2018-04-02 09:00"):
        round_ = open_round(board=board, agencies=[agency_a], by=business_support, year=ReportingYear(2017))
    action.refresh_from_db()
    return report_for(round_, agency_a), action


def test_next_years_form_shows_the_open_action_at_the_top_with_its_history(next_year, lead_a, as_user):
    report, _ = next_year
    html = as_user(lead_a).get(reverse("reports:selfreport-tasks", args=[report.pk])).content.decode()
    assert "Actions from earlier years" in html
    top = html.index("Actions from earlier years")
    assert top < html.index("Sections of the update and their status")
    assert "Train every team leader" in html[top:] and "Two of five leads trained" in html[top:]
    assert "Action raised." in html[top:] and "2016/17 update" in html[top:]


def test_closing_it_in_next_years_form_records_the_date_and_keeps_its_history(next_year, lead_a, as_user):
    report, action = next_year
    tasks = reverse("reports:selfreport-tasks", args=[report.pk])
    prefix = f"action-{action.pk}"
    with freeze_time("2018-05-10 11:00"):
        response = as_user(lead_a).post(
            reverse("reports:action-detail", args=[action.pk]),
            {
                "next": tasks,
                f"{prefix}-version": action.version,
                f"{prefix}-status": AssessmentAction.Status.DONE,
                f"{prefix}-due_on": "30/09/2017",
                f"{prefix}-owner": action.owner_id,
                f"{prefix}-note": "All five leads trained",
            },
        )
    assert response.status_code == 302 and response.url == tasks
    action.refresh_from_db()
    assert (action.status, action.closed_on) == (AssessmentAction.Status.DONE, date(2018, 5, 10))
    assert [note.text for note in action.notes.all()] == [
        "Action raised.",
        "Two of five leads trained",
        "All five leads trained",
    ]
    assert AuditEvent.objects.filter(action=AuditAction.CHANGED, object_id=str(action.pk)).exists()
    html = as_user(lead_a).get(tasks).content.decode()
    assert "closed on 10/05/2018" in html  # still shown this year, as closed


def test_reopening_clears_the_closed_date(next_year, lead_a):
    _, action = next_year
    owner = action.owner
    for status in (AssessmentAction.Status.DROPPED, AssessmentAction.Status.IN_PROGRESS):
        actions.action_update(
            action=action, by=lead_a, version=action.version, status=status, due_on=action.due_on, owner=owner
        )
    assert action.closed_on is None and action.is_open


def test_two_people_updating_one_action_the_second_gets_a_conflict_and_nothing_is_written(
    next_year, lead_a, business_support, as_user
):
    _, action = next_year
    stale = action.version
    actions.action_update(
        action=action,
        by=business_support,
        version=stale,
        status=action.status,
        due_on=action.due_on,
        owner=action.owner,
        note="Chased by business support",
    )
    prefix = f"action-{action.pk}"
    response = as_user(lead_a).post(
        reverse("reports:action-detail", args=[action.pk]),
        {
            f"{prefix}-version": stale,
            f"{prefix}-status": "done",
            f"{prefix}-due_on": "30/09/2017",
            f"{prefix}-owner": action.owner_id,
            f"{prefix}-note": "Done",
        },
    )
    assert response.status_code == 200 and "Someone else updated this action" in response.content.decode()
    action.refresh_from_db()
    assert action.status == AssessmentAction.Status.IN_PROGRESS and action.closed_on is None
    assert action.notes.count() == 3


def test_an_update_that_changes_nothing_is_refused(next_year, lead_a):
    _, action = next_year
    with pytest.raises(actions.ActionError, match="Nothing was changed"):
        actions.action_update(
            action=action,
            by=lead_a,
            version=action.version,
            status=action.status,
            due_on=action.due_on,
            owner=action.owner,
        )


def test_a_lead_cannot_raise_actions_on_a_submitted_return_but_business_support_can(
    next_year, lead_a, business_support, as_user
):
    accepted_report = next_year[1].report
    assert as_user(lead_a).get(_raise_url(accepted_report)).status_code == 302
    with pytest.raises(actions.ActionError):
        raise_action(accepted_report, lead_a)
    assert as_user(business_support).get(_raise_url(accepted_report)).status_code == 200
    assert raise_action(accepted_report, business_support).created_by == business_support
