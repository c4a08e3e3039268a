"""The outbox: a message is written in the caller's transaction, sent by a worker after the commit,
retried with backoff, recorded once; a rolled-back transaction sends nothing."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail import get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from tests.conftest import client_for
from tests.mail.backends import FlakyBackend
from wscb.mail.models import Email
from wscb.mail.services import email_queue, emails_sweep
from wscb.mail.tasks import email_deliver, retry_delay


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.mail.backends.FlakyBackend"
    FlakyBackend.refusing, FlakyBackend.attempts = False, 0
    yield FlakyBackend
    FlakyBackend.refusing = False


def _queue(board=None, key=None, to=("lead.a@example.org",)):
    return email_queue(kind="invitation", board=board, to=list(to), subject="Your update", body="Please.", key=key)


class _RollBack(Exception):
    pass


def test_a_rolled_back_transaction_sends_nothing(board, run_jobs):
    with pytest.raises(_RollBack), transaction.atomic():
        _queue(board)
        raise _RollBack
    run_jobs()
    assert Email.objects.count() == 0
    assert mail.outbox == []


def test_a_message_is_sent_by_a_worker_after_the_commit_and_only_once(board, run_jobs):
    with transaction.atomic():
        email = _queue(board)
        assert mail.outbox == []
    run_jobs()
    assert [message.to for message in mail.outbox] == [["lead.a@example.org"]]
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Email.Status.SENT, 1) and email.sent_at is not None
    assert email_deliver(email.pk) == "not due"  # a second run of its task sends nothing
    run_jobs()
    assert len(mail.outbox) == 1


def test_the_same_key_queued_twice_is_one_message(board, run_jobs):
    first = _queue(board, key="invitation:7")
    second = _queue(board, key="invitation:7")
    run_jobs()
    assert first.pk == second.pk and len(mail.outbox) == 1


def test_blank_and_repeated_addresses_are_dropped_and_nobody_means_no_message(board):
    email = _queue(board, to=(" lead.a@example.org ", "", "lead.a@example.org", "b@example.org"))
    assert email.to == ["lead.a@example.org", "b@example.org"]
    assert _queue(board, to=("", "  ")) is None


def test_a_refused_message_is_retried_later_with_backoff_and_sent_once(board, run_jobs, flaky, settings):
    settings.MAIL_RETRY_BASE_SECONDS = 60
    with freeze_time("2024-05-01 09:00:00"):
        flaky.refusing = True
        email = _queue(board)
        run_jobs()
        email.refresh_from_db()
        assert (email.status, email.attempts) == (Email.Status.PENDING, 1)
        assert "SMTPDataError" in email.last_error
        assert email.next_attempt_at == timezone.now() + timedelta(seconds=60)
    with freeze_time("2024-05-01 09:00:30"):
        run_jobs()  # not due yet: the retry waits its turn
        assert flaky.attempts == 1
    with freeze_time("2024-05-01 09:01:01"):
        run_jobs()  # still refusing: the next wait doubles
        email.refresh_from_db()
        assert (email.attempts, email.next_attempt_at) == (2, timezone.now() + timedelta(seconds=120))
        flaky.refusing = False
    with freeze_time("2024-05-01 09:03:02"):
        run_jobs()
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (Email.Status.SENT, 3, "")
    assert len(mail.outbox) == 1


def test_it_gives_up_after_the_last_attempt_and_business_support_can_send_it_again(
    board, business_support, run_jobs, flaky, settings
):
    settings.MAIL_RETRY_BASE_SECONDS = 1
    settings.MAIL_MAX_ATTEMPTS = 3
    flaky.refusing = True
    email = _queue(board)
    for minute in range(4):
        with freeze_time(timezone.now() + timedelta(minutes=minute * 5)):
            run_jobs()
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Email.Status.FAILED, 3)

    client = client_for(business_support)
    changelist = reverse("admin:mail_email_changelist")
    assert "Not sent: gave up" in client.get(changelist).content.decode()
    selected = {"action": "resend_emails", "_selected_action": [email.pk]}
    assert "Send these e-mails again?" in client.post(changelist, selected).content.decode()
    flaky.refusing = False
    assert client.post(changelist, {**selected, "confirmed": "yes"}).status_code == 302
    run_jobs()
    email.refresh_from_db()
    assert email.status == Email.Status.SENT and len(mail.outbox) == 1


def test_the_wait_doubles_up_to_the_limit(settings):
    settings.MAIL_RETRY_BASE_SECONDS, settings.MAIL_RETRY_MAX_SECONDS = 60, 3600
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 6, 7, 12)] == [60, 120, 240, 1920, 3600, 3600]


def test_the_sweep_hands_over_lost_messages_and_never_resends_one_that_may_have_gone(board, run_jobs):
    lost = Email.objects.create(kind="reminder", board=board, to=["a@example.org"], subject="Lost", body=".")
    Email.objects.filter(pk=lost.pk).update(next_attempt_at=timezone.now() - timedelta(minutes=5))
    stuck = Email.objects.create(
        kind="reminder",
        board=board,
        to=["b@example.org"],
        subject="Stuck",
        body=".",
        status=Email.Status.SENDING,
        sending_since=timezone.now() - timedelta(minutes=30),
    )
    assert emails_sweep() == {"handed_over": 1, "uncertain": 1}
    run_jobs()
    assert [message.subject for message in mail.outbox] == ["Lost"]
    stuck.refresh_from_db()
    assert stuck.status == Email.Status.UNCERTAIN and "may or may not have arrived" in stuck.last_error


def test_smtp_connections_time_out():
    assert django_settings.EMAIL_TIMEOUT == 20
    connection = get_connection("django.core.mail.backends.smtp.EmailBackend")
    assert connection.timeout == django_settings.EMAIL_TIMEOUT


def test_business_support_sees_only_their_boards_messages(board, business_support):
    from tests.partners.factories import BoardFactory

    _queue(board, key="mine")
    email_queue(
        kind="invitation",
        board=BoardFactory(name="Zeta Partnership", short_name="ZSP"),
        to=["z@example.org"],
        subject="Zeta invitation",
        body=".",
    )
    content = client_for(business_support).get(reverse("admin:mail_email_changelist")).content.decode()
    assert "Your update" in content and "Zeta invitation" not in content
