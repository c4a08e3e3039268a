"""Challenge events per agency and year: recorded by business support (date, panel, questions put, the
agency's response, outcome), with the actions agreed joining the agency's action plan (and its next
update); shown on the agency's profile; counted for the annual report."""

from datetime import date

import pytest
from django.urls import reverse

from reports.selfreports import actions
from reports.selfreports.models import AssessmentAction, ChallengeEvent
from reports.selfreports.reporting import challenge_summary
from tests.reports.factories import YEAR, challenge_for, open_round, person_of, report_for
from wscb.audit.models import AuditAction, AuditEvent
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db

FORM = {
    "partner": "",
    "year": "2016/17",
    "held_on": "20/06/2017",
    "panel": "Independent Chair",
    "questions": "How do you know?",
    "response": "Quarterly audits.",
    "outcome": "assured_with_actions",
    "outcome_notes": "",
}


def test_business_support_records_a_challenge_event_audited(agency_a, business_support, as_user):
    response = as_user(business_support).post(reverse("reports:challenge-create"), {**FORM, "partner": agency_a.pk})
    assert response.status_code == 302
    event = ChallengeEvent.objects.get()
    assert (event.partner, event.start_year, event.held_on, event.outcome) == (
        agency_a,
        2016,
        date(2017, 6, 20),
        "assured_with_actions",
    )
    assert response.url == reverse("reports:challenge-detail", args=[event.pk])
    assert AuditEvent.objects.filter(action=AuditAction.CREATED, object_id=str(event.pk)).exists()


def test_the_form_refuses_a_missing_agency_a_bad_year_and_a_future_date(business_support, as_user):
    data = {**FORM, "year": "2016/18", "held_on": "01/01/2099", "questions": ""}
    html = as_user(business_support).post(reverse("reports:challenge-create"), data).content.decode()
    assert "Give the reporting year as 2016/17." in html and "cannot be in the future" in html
    assert "There is a problem" in html and not ChallengeEvent.objects.exists()


def test_editing_is_versioned(board, agency_a, business_support, as_user):
    event = challenge_for(board, agency_a, business_support)
    url = reverse("reports:challenge-update", args=[event.pk])
    client = as_user(business_support)
    stale = {**FORM, "partner": agency_a.pk, "version": event.version}
    assert client.post(url, {**stale, "outcome": "assured"}).status_code == 302
    response = client.post(url, {**stale, "outcome": "not_assured"})
    assert response.status_code == 200 and "changed by someone else" in response.content.decode()
    event.refresh_from_db()
    assert event.outcome == "assured"


def test_actions_agreed_join_the_agencys_action_plan_and_its_next_update(
    board, agency_a, lead_a, business_support, as_user
):
    event = challenge_for(board, agency_a, business_support)
    owner = person_of(agency_a)
    url = reverse("reports:challenge-action-create", args=[event.pk])
    response = as_user(business_support).post(
        url, {"what": "Audit supervision records", "owner": owner.pk, "due_on": "30/09/2017"}
    )
    assert response.status_code == 302
    action = AssessmentAction.objects.get()
    assert (action.challenge, action.report, action.partner, action.start_year) == (event, None, agency_a, 2016)
    assert action.origin == "Agreed at the challenge event of 20/06/2017 (2016/17)"
    next_round = open_round(board=board, agencies=[agency_a], by=business_support, year=ReportingYear(2017))
    tasks = as_user(lead_a).get(reverse("reports:selfreport-tasks", args=[report_for(next_round, agency_a).pk]))
    html = tasks.content.decode()
    assert "Actions from earlier years" in html and "Audit supervision records" in html
    assert "Agreed at the challenge event of 20/06/2017" in html


def test_only_business_support_records_events_and_agreed_actions(
    board, agency_a, lead_a, board_member, business_support
):
    from reports.selfreports import challenge

    with pytest.raises(challenge.ChallengeError):
        challenge.challenge_save(board=board, by=board_member, data={"partner": agency_a})
    event = challenge_for(board, agency_a, business_support)
    with pytest.raises(actions.ActionError):
        actions.action_agree(challenge=event, by=lead_a, what="x", owner=person_of(agency_a), due_on=date(2030, 1, 1))


def test_the_profile_shows_the_agencys_challenge_events(board, agency_a, agency_b, business_support, lead_a, as_user):
    challenge_for(board, agency_a, business_support)
    challenge_for(board, agency_b, business_support, outcome="not_assured")
    html = as_user(lead_a).get(reverse("dashboards:agency-profile", args=[agency_a.pk])).content.decode()
    assert "Challenge of its self-assessments" in html and "Assured, with actions agreed" in html
    assert "Not assured" not in html  # agency B's


def test_a_lead_reads_their_own_agencys_challenges_only(board, agency_a, agency_b, business_support, lead_a, as_user):
    own = challenge_for(board, agency_a, business_support)
    other = challenge_for(board, agency_b, business_support)
    client = as_user(lead_a)
    assert client.get(reverse("reports:challenge-detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("reports:challenge-detail", args=[other.pk])).status_code == 404


def test_the_annual_report_can_count_the_years_challenges(board, agency_a, agency_b, business_support):
    first = challenge_for(board, agency_a, business_support)
    challenge_for(board, agency_b, business_support, outcome="assured")
    challenge_for(board, agency_b, business_support, year=ReportingYear(2015))  # another year
    actions.action_agree(
        challenge=first, by=business_support, what="x", owner=person_of(agency_a), due_on=date(2030, 1, 1)
    )
    summary = challenge_summary(board=board, year=YEAR)
    assert len(summary.events) == 2 and summary.agencies == ["Agency A", "Agency B"]
    assert summary.actions_agreed == 1 and summary.outcome_count("assured") == 1


def test_the_report_figures_name_the_challenges(board, agency_a, business_support):
    from reports.annual.assembly import build_report
    from reports.annual.figures import report_figures

    challenge_for(board, agency_a, business_support)
    figures = report_figures(build_report(board=board, year=YEAR))
    assert figures["partner_updates.challenges"].value == 1
    assert figures["partner_updates.challenged_agencies"].value == ["Agency A"]
