"""Reminders are "due and not yet sent": 14 and 3 days before the deadline and weekly after it; a day
the schedule did not run is caught up by the next run; nothing is sent twice, also when two runs
happen at the same moment."""

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connections
from freezegun import freeze_time

from reports.selfreports import services
from reports.selfreports.models import ReminderLog
from tests.partners.factories import PartnerFactory, PartnerLeadFactory
from tests.reports.factories import accepted, fill_all, open_round, report_for, submitted
from wscb.jobs.models import Job
from wscb.mail.models import Email

DEADLINE = date(2017, 5, 31)
NOT_SUBMITTED = ["in_progress@example.org", "not_started@example.org", "returned@example.org"]


@pytest.fixture
def agencies_in_every_status(board, business_support, run_jobs):
    """One agency per status; each has one partner lead, plus one agency with no lead at all."""
    statuses = ["not_started", "in_progress", "submitted", "returned", "accepted", "no_lead"]
    agencies = {status: PartnerFactory(short_name=f"AG-{status}", name=f"Agency {status}") for status in statuses}
    leads = {
        status: PartnerLeadFactory(partner=agency, email=f"{status}@example.org", boards=[board])
        for status, agency in agencies.items()
        if status != "no_lead"
    }
    with freeze_time("2017-04-03 09:00"):
        round_ = open_round(board=board, agencies=list(agencies.values()), by=business_support, deadline=DEADLINE)
        fill_all(report_for(round_, agencies["in_progress"]), leads["in_progress"])
        submitted(report_for(round_, agencies["submitted"]), leads["submitted"])
        returned = submitted(report_for(round_, agencies["returned"]), leads["returned"])
        services.report_return(report=returned, by=business_support)
        accepted(report_for(round_, agencies["accepted"]), leads["accepted"], business_support)
        run_jobs()
    mail.outbox.clear()
    return agencies


def _run_schedule_on(day: str, run_jobs, at: str = "07:30") -> list[str]:
    """The daily schedule at ``day``, then the workers; the addresses e-mailed, sorted."""
    mail.outbox.clear()
    with freeze_time(f"{day} {at}"):
        call_command("run_schedule", stdout=open("/dev/null", "w"))  # noqa: SIM115
        run_jobs()
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2017-05-16", []),  # 15 days before: nothing due yet
        ("2017-05-17", NOT_SUBMITTED),  # 14 days before
        ("2017-05-28", NOT_SUBMITTED),  # 3 days before
        ("2017-06-07", NOT_SUBMITTED),  # a week late
    ],
)
def test_on_a_reminder_day_only_agencies_that_have_not_submitted_are_emailed(
    agencies_in_every_status, run_jobs, day, expected
):
    assert _run_schedule_on(day, run_jobs) == expected


def test_a_schedule_run_every_day_sends_each_reminder_once_on_its_day(agencies_in_every_status, run_jobs):
    days_sent = {}
    day = date(2017, 5, 15)
    while day <= date(2017, 6, 15):
        sent = _run_schedule_on(day.isoformat(), run_jobs)
        if sent:
            days_sent[day] = sent
        day += timedelta(days=1)
    assert days_sent == {
        date(2017, 5, 17): NOT_SUBMITTED,
        date(2017, 5, 28): NOT_SUBMITTED,
        date(2017, 6, 7): NOT_SUBMITTED,
        date(2017, 6, 14): NOT_SUBMITTED,
    }
    assert ReminderLog.objects.exclude(kind="invitation").count() == 4 * 3


def test_a_skipped_day_is_caught_up_by_the_next_run_and_sent_once(agencies_in_every_status, run_jobs):
    assert _run_schedule_on("2017-05-16", run_jobs) == []
    # No run on the 17th (the machine was down): the 14-day reminder goes on the 18th, once.
    assert _run_schedule_on("2017-05-18", run_jobs) == NOT_SUBMITTED
    assert "is due in 13 days" in mail.outbox[0].subject
    assert _run_schedule_on("2017-05-18", run_jobs, at="16:00") == []
    assert _run_schedule_on("2017-05-19", run_jobs) == []
    logs = ReminderLog.objects.filter(kind="before_14")
    assert sorted((log.due_on, log.sent_on) for log in logs) == [(date(2017, 5, 17), date(2017, 5, 18))] * 3


def test_after_several_missed_reminders_only_the_latest_is_sent(agencies_in_every_status, run_jobs):
    # Nothing ran between 16/05 and 09/06: the 14-day, 3-day and first overdue reminders were all
    # missed; one reminder goes (the overdue one), not three.
    assert _run_schedule_on("2017-06-09", run_jobs) == NOT_SUBMITTED
    assert {log.kind for log in ReminderLog.objects.exclude(kind="invitation")} == {"overdue"}
    assert "was due 9 days ago" in mail.outbox[0].subject


def test_the_days_jobs_start_at_the_first_run_after_the_daily_time(agencies_in_every_status, run_jobs):
    # freezegun's times are UTC: 04:50 is 05:50 in London (summer time), 05:10 is 06:10.
    assert _run_schedule_on("2017-05-17", run_jobs, at="04:50") == []  # still the 16th's jobs
    assert _run_schedule_on("2017-05-17", run_jobs, at="05:10") == NOT_SUBMITTED


def test_running_the_command_twice_in_a_day_sends_nothing_the_second_time(agencies_in_every_status, run_jobs):
    with freeze_time("2017-05-17 07:30"):
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        run_jobs()
    assert sorted(address for message in mail.outbox for address in message.to) == NOT_SUBMITTED
    assert ReminderLog.objects.filter(sent_on=date(2017, 5, 17)).count() == 3


def test_the_reminder_names_the_agency_deadline_and_link(agencies_in_every_status, run_jobs):
    _run_schedule_on("2017-05-28", run_jobs)
    message = next(m for m in mail.outbox if m.to == ["returned@example.org"])
    assert message.subject == "[WSCB] Reminder: partner annual update 2016/17 is due in 3 days"
    assert "Deadline: 31/05/2017" in message.body
    assert "Agency AG-returned" not in message.body and "Agency returned" in message.body
    assert "/reports/updates/" in message.body


def test_opening_a_round_invites_each_agencys_partner_leads(
    board, agency_a, agency_b, lead_a, lead_b, business_support, run_jobs
):
    mail.outbox.clear()
    open_round(board=board, agencies=[agency_a], by=business_support, deadline=DEADLINE)
    assert mail.outbox == []  # queued with the round, sent by a worker after the commit
    run_jobs()
    assert [message.to for message in mail.outbox] == [[lead_a.email]]
    assert "Partner annual update 2016/17: please complete by 31/05/2017" in mail.outbox[0].subject
    assert ReminderLog.objects.get().kind == ReminderLog.Kind.INVITATION


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2017, 5, 16), None),
        (date(2017, 5, 17), ("before_14", date(2017, 5, 17))),
        (date(2017, 5, 20), ("before_14", date(2017, 5, 17))),
        (date(2017, 5, 28), ("before_3", date(2017, 5, 28))),
        (date(2017, 5, 31), ("before_3", date(2017, 5, 28))),
        (date(2017, 6, 6), ("before_3", date(2017, 5, 28))),
        (date(2017, 6, 7), ("overdue", date(2017, 6, 7))),
        (date(2017, 6, 13), ("overdue", date(2017, 6, 7))),
        (date(2017, 6, 21), ("overdue", date(2017, 6, 21))),
    ],
)
def test_the_reminder_due_on_each_day(today, due):
    assert services.reminder_due(deadline=DEADLINE, today=today, opened_on=date(2017, 4, 3)) == due


def test_a_reminder_that_fell_due_before_the_round_opened_is_covered_by_the_invitation():
    assert services.reminder_due(deadline=DEADLINE, today=date(2017, 5, 20), opened_on=date(2017, 5, 18)) is None
    assert services.reminder_due(deadline=DEADLINE, today=date(2017, 5, 17), opened_on=date(2017, 5, 17)) is None
    assert services.reminder_due(deadline=DEADLINE, today=date(2017, 5, 28), opened_on=date(2017, 5, 18)) == (
        "before_3",
        date(2017, 5, 28),
    )


# --- two machines at once ----------------------------------------------------------------------------------
def _together(target, count=2):
    barrier = threading.Barrier(count)
    errors = []

    def run():
        try:
            barrier.wait(timeout=20)
            target()
        except Exception as error:  # asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("entry_point", ["schedule", "reminders"])
def test_two_runs_at_the_same_moment_send_each_reminder_once(agencies_in_every_status, run_jobs, entry_point):
    """Two machines run the schedule at 07:30 on the 14-day reminder day (``schedule``), or, without the
    schedule's key per job and day, two reminder runs overlap (``reminders``): one e-mail each."""
    mail.outbox.clear()
    with freeze_time("2017-05-17 07:30", tick=True):
        if entry_point == "schedule":
            errors = _together(lambda: call_command("run_schedule", stdout=open("/dev/null", "w")))  # noqa: SIM115
        else:
            errors = _together(lambda: services.reminders_send(today=date(2017, 5, 17)))
        assert errors == []
        run_jobs()
    if entry_point == "schedule":
        assert Job.objects.filter(kind="schedule.reminders").count() == 1
    assert sorted(address for message in mail.outbox for address in message.to) == NOT_SUBMITTED
    assert Email.objects.filter(kind="reminder").count() == 3
    assert ReminderLog.objects.filter(kind="before_14").count() == 3
