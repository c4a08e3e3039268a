"""`manage.py send_reminders`: 14 and 3 days before the deadline, weekly after it, never twice a day."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from reports.selfreports import services
from reports.selfreports.models import ReminderLog
from tests.partners.factories import PartnerFactory, PartnerLeadFactory
from tests.reports.factories import accepted, fill_all, open_round, report_for, submitted

DEADLINE = date(2017, 5, 31)


@pytest.fixture
def agencies_in_every_status(board, business_support):
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
    mail.outbox.clear()
    return agencies


def _run_on(day: str) -> list[str]:
    mail.outbox.clear()
    with freeze_time(f"{day} 07:30"):
        call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return sorted(address for message in mail.outbox for address in message.to)


NOT_SUBMITTED = ["in_progress@example.org", "not_started@example.org", "returned@example.org"]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2017-05-16", []),  # 15 days before: nothing
        ("2017-05-17", NOT_SUBMITTED),  # 14 days before
        ("2017-05-28", NOT_SUBMITTED),  # 3 days before
        ("2017-05-31", []),  # the deadline itself
        ("2017-06-01", []),  # 1 day late
        ("2017-06-07", NOT_SUBMITTED),  # a week late
        ("2017-06-14", NOT_SUBMITTED),  # two weeks late
        ("2017-06-15", []),
    ],
)
def test_it_emails_only_agencies_that_have_not_submitted_on_reminder_days(agencies_in_every_status, day, expected):
    assert _run_on(day) == expected


def test_running_twice_in_a_day_sends_nothing_the_second_time(agencies_in_every_status):
    assert _run_on("2017-05-17") == NOT_SUBMITTED
    assert _run_on("2017-05-17") == []
    assert ReminderLog.objects.filter(sent_on=date(2017, 5, 17)).count() == 3


def test_the_reminder_names_the_agency_deadline_and_link(agencies_in_every_status):
    _run_on("2017-05-28")
    message = next(m for m in mail.outbox if m.to == ["returned@example.org"])
    assert message.subject == "[WSCB] Reminder: partner annual update 2016/17 is due in 3 days"
    assert "Deadline: 31/05/2017" in message.body
    assert "Agency AG-returned" not in message.body and "Agency returned" in message.body
    assert "/reports/updates/" in message.body


def test_opening_a_round_invites_each_agencys_partner_leads(
    board, agency_a, agency_b, lead_a, lead_b, business_support
):
    mail.outbox.clear()
    open_round(board=board, agencies=[agency_a], by=business_support, deadline=DEADLINE)
    assert [message.to for message in mail.outbox] == [[lead_a.email]]
    assert "Partner annual update 2016/17: please complete by 31/05/2017" in mail.outbox[0].subject
    assert ReminderLog.objects.get().kind == ReminderLog.Kind.INVITATION


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (date(2017, 5, 17), "before_14"),
        (date(2017, 5, 28), "before_3"),
        (date(2017, 5, 30), None),
        (date(2017, 6, 7), "overdue"),
        (date(2017, 6, 21), "overdue"),
        (date(2017, 6, 8), None),
    ],
)
def test_the_schedule(today, kind):
    assert services.reminder_kind_for(deadline=DEADLINE, today=today) == kind
