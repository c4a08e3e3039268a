"""Overdue actions: on the agency's profile, in business support's work queue and list, and a reminder
e-mailed to the owner by the daily schedule, once for each due date."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from reports.selfreports import actions
from reports.selfreports.models import AssessmentAction
from tests.reports.factories import accepted, person_of, raise_action
from wscb.jobs.schedule import daily_jobs

pytestmark = pytest.mark.django_db

DUE = date(2017, 9, 30)


@pytest.fixture
def overdue(report_a, lead_a, agency_a):
    with freeze_time("2017-06-01 10:00"):
        return raise_action(report_a, lead_a, owner=person_of(agency_a, email="owner@example.org"), due_on=DUE)


def test_the_agency_profile_lists_its_overdue_actions(overdue, lead_a, business_support, as_user):
    url = reverse("dashboards:agency-profile", args=[overdue.partner_id])
    with freeze_time("2017-10-02 10:00"):
        for user in (lead_a, business_support):
            html = " ".join(as_user(user).get(url, {"year": "2016/17"}).content.decode().split())
            assert "Self-assessment actions" in html and "1 open, 1 overdue." in html
            assert "Train every team leader" in html and "Overdue" in html
    with freeze_time("2017-09-01 10:00"):
        html = " ".join(as_user(lead_a).get(url, {"year": "2016/17"}).content.decode().split())
        assert "1 open, 0 overdue." in html


def test_board_members_see_the_actions_of_accepted_returns_only(
    overdue, report_a, lead_a, business_support, board_member, as_user
):
    url = reverse("dashboards:agency-profile", args=[overdue.partner_id])
    client = as_user(board_member)
    assert "Train every team leader" not in client.get(url).content.decode()
    assert client.get(reverse("reports:action-detail", args=[overdue.pk])).status_code == 404
    accepted(report_a, lead_a, business_support)
    assert "Train every team leader" in client.get(url).content.decode()
    assert client.get(reverse("reports:action-detail", args=[overdue.pk])).status_code == 200


def test_business_support_sees_overdue_actions_in_the_work_queue_and_the_list(
    overdue, report_b, lead_b, business_support, as_user
):
    raise_action(report_b, lead_b, due_on=date(2031, 1, 1), what="Not yet due")
    client = as_user(business_support)
    with freeze_time("2017-10-02 10:00"):
        home = client.get(reverse("home")).content.decode()
        assert "1 self-assessment action is overdue" in home
        assert f"{reverse('reports:action-list')}?show=overdue" in home
        overdue_list = client.get(reverse("reports:action-list"), {"show": "overdue"}).content.decode()
        assert "Train every team leader" in overdue_list and "Not yet due" not in overdue_list
        open_list = client.get(reverse("reports:action-list")).content.decode()
        assert "Train every team leader" in open_list and "Not yet due" in open_list
    with freeze_time("2017-09-01 10:00"):
        assert "self-assessment action" not in client.get(reverse("home")).content.decode()


def test_the_action_reminders_are_a_daily_job():
    assert "action-reminders" in [entry.key for entry in daily_jobs()]


def _schedule(day, run_jobs) -> list[str]:
    mail.outbox.clear()
    with freeze_time(f"{day} 07:30"):
        call_command("run_schedule", stdout=open("/dev/null", "w"))  # noqa: SIM115
        run_jobs()
    return [
        address
        for message in mail.outbox
        if "Self-assessment action overdue" in message.subject
        for address in message.to
    ]


def test_the_owner_is_reminded_once_by_the_daily_schedule_and_again_for_a_new_due_date(overdue, lead_a, run_jobs):
    assert _schedule("2017-09-30", run_jobs) == []  # due today: not overdue yet
    assert _schedule("2017-10-01", run_jobs) == ["owner@example.org"]
    message = next(message for message in mail.outbox if "overdue" in message.subject)
    assert "Train every team leader" in message.body and "30/09/2017" in message.body
    assert reverse("reports:action-detail", args=[overdue.pk]) in message.body
    assert _schedule("2017-10-02", run_jobs) == []  # sent once
    assert _schedule("2017-10-09", run_jobs) == []
    overdue.refresh_from_db()
    actions.action_update(
        action=overdue,
        by=lead_a,
        version=overdue.version,
        status=overdue.status,
        due_on=date(2017, 11, 30),
        owner=overdue.owner,
        note="Needs another two months",
    )
    assert _schedule("2017-11-30", run_jobs) == []
    assert _schedule("2017-12-01", run_jobs) == ["owner@example.org"]


def test_no_reminder_for_a_closed_action_and_the_leads_are_told_when_the_owner_has_no_address(
    report_a, report_b, lead_a, lead_b, agency_b, run_jobs
):
    with freeze_time("2017-06-01 10:00"):
        closed = raise_action(report_a, lead_a, due_on=DUE)
        actions.action_update(
            action=closed,
            by=lead_a,
            version=closed.version,
            status=AssessmentAction.Status.DONE,
            due_on=DUE,
            owner=closed.owner,
        )
        raise_action(report_b, lead_b, owner=person_of(agency_b, name="No Address", email=""), due_on=DUE)
    assert _schedule("2017-10-01", run_jobs) == [lead_b.email]
