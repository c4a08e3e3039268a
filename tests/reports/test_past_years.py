"""Past years are first-class: business support creates a past year's update form and records its round
as history (a past deadline, confirmed, e-mailing nobody, then or later)."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from freezegun import freeze_time

from reports.selfreports import services
from reports.selfreports.models import FormTemplate, ReminderLog, Round
from wscb.audit.models import AuditEvent
from wscb.mail.models import Email

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lead_a", "lead_b")]


def _create_form(client, label):
    return client.post(reverse("reports:template-create-default"), {"reporting_year": label})


@freeze_time("2026-12-01")
def test_business_support_creates_the_form_of_any_past_year_through_the_page(board, business_support, as_user):
    client = as_user(business_support)
    page = client.get(reverse("reports:template-list")).content.decode()
    assert 'name="reporting_year"' in page and "A form for another year" in page
    response = _create_form(client, "2016/17")
    template = FormTemplate.objects.get(board=board)
    assert (template.start_year, response.status_code) == (2016, 302)
    assert template.sections.exists(), "the default form's sections and questions"
    _create_form(client, "2009-10")
    assert set(FormTemplate.objects.values_list("start_year", flat=True)) == {2016, 2009}


@freeze_time("2026-12-01")
@pytest.mark.parametrize("label", ["2016", "2016/18", "sometime"])
def test_a_year_that_is_not_a_reporting_year_is_refused_with_a_message(board, business_support, as_user, label):
    client = as_user(business_support)
    response = _create_form(client, label)
    assert response.status_code == 302
    assert not FormTemplate.objects.exists()
    page = client.get(response.url).content.decode()
    assert "Enter the reporting year as two years, like 2016/17." in page


@freeze_time("2026-12-01")
def test_a_round_with_a_past_deadline_needs_the_history_confirmation(
    board, agency_a, agency_b, business_support, as_user
):
    client = as_user(business_support)
    _create_form(client, "2016/17")
    template = FormTemplate.objects.get()
    data = {"template": template.pk, "deadline": "31/05/2017", "agencies": [agency_a.pk, agency_b.pk]}
    refused = client.post(reverse("reports:round-create"), data)
    assert refused.status_code == 200
    assert refused.context["form"].errors["deadline"] == [
        "The deadline 31/05/2017 is in the past. To record a past year's round, tick “Record this round as "
        "history” to confirm: no e-mails are sent."
    ]
    assert not Round.objects.exists()


@freeze_time("2026-12-01")
def test_a_historical_round_is_recorded_and_e_mails_nobody_then_or_later(
    board, agency_a, agency_b, business_support, as_user, run_jobs
):
    client = as_user(business_support)
    _create_form(client, "2016/17")
    template = FormTemplate.objects.get()
    mail.outbox.clear()
    data = {
        "template": template.pk,
        "deadline": "31/05/2017",
        "agencies": [agency_a.pk, agency_b.pk],
        "is_historical": "on",
    }
    response = client.post(reverse("reports:round-create"), data, follow=True)
    round_ = Round.objects.get()
    assert (round_.start_year, round_.deadline, round_.is_historical) == (2016, date(2017, 5, 31), True)
    assert round_.reports.count() == 2
    page = response.content.decode()
    assert "Round 2016/17 recorded as history for 2 agencies. No e-mails were sent, and no reminders will be." in page
    assert "recorded as history: no e-mails are sent" in page
    assert AuditEvent.objects.filter(detail="Recorded as history: no e-mails").exists()
    run_jobs()
    # Weekly reminders after a deadline nine years past would otherwise be due at once.
    assert services.reminders_send(today=date(2026, 12, 1)) == []
    run_jobs()
    assert mail.outbox == [] and not Email.objects.exists() and not ReminderLog.objects.exists()


@freeze_time("2026-12-01")
def test_a_round_for_this_year_still_invites_and_reminds(board, agency_a, business_support, as_user, run_jobs):
    client = as_user(business_support)
    _create_form(client, "2026/27")
    template = FormTemplate.objects.get()
    mail.outbox.clear()
    client.post(
        reverse("reports:round-create"),
        {"template": template.pk, "deadline": "31/12/2026", "agencies": [agency_a.pk], "confirmed": "yes"},
    )
    assert Round.objects.get().is_historical is False
    run_jobs()
    assert len(mail.outbox) == 1
