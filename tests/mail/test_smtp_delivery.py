"""Opening a round with a real (local) SMTP server that refuses from the 3rd message on: the round is
created, two invitations go at once, the others are retried and go once the server accepts again,
and nobody gets one twice. The server is aiosmtpd on a free loopback port."""

import socket
import threading
import time
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.core import mail

from reports.selfreports.models import Round, SelfReport
from tests.partners.factories import PartnerFactory, PartnerLeadFactory
from tests.reports.factories import open_round
from wscb.mail.models import Email


class RefusingServer:
    """Accepts messages, but refuses the 3rd and every one after it while ``refusing``."""

    def __init__(self):
        self.accepted: list[tuple[list[str], str]] = []
        self.refused = 0
        self.seen = 0
        self.refusing = False
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.seen += 1
            if self.seen == 3:
                self.refusing = True
            if self.refusing:
                self.refused += 1
                return "554 5.7.1 Not now (refused for the test)"
            subject = message_from_bytes(envelope.original_content)["Subject"]
            self.accepted.append((list(envelope.rcpt_tos), subject))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    handler = RefusingServer()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield handler
    controller.stop()


def test_invitations_refused_by_the_server_are_retried_and_each_sent_once(
    board, business_support, smtp_server, run_jobs, settings
):
    settings.MAIL_RETRY_BASE_SECONDS = 1
    agencies = [PartnerFactory(name=f"Agency {n}", short_name=f"AG{n}") for n in range(1, 6)]
    leads = [
        PartnerLeadFactory(partner=agency, email=f"lead{n}@example.org", boards=[board])
        for n, agency in enumerate(agencies, start=1)
    ]
    round_ = open_round(board=board, agencies=agencies, by=business_support)
    run_jobs()

    assert Round.objects.filter(pk=round_.pk).exists()
    assert SelfReport.objects.filter(round=round_).count() == 5
    assert len(smtp_server.accepted) == 2 and smtp_server.refused == 3
    statuses = sorted(Email.objects.values_list("status", flat=True))
    assert statuses == ["pending", "pending", "pending", "sent", "sent"]
    assert all("554" in error for error in Email.objects.filter(status="pending").values_list("last_error", flat=True))

    smtp_server.refusing = False
    time.sleep(1.2)  # the first retry is due MAIL_RETRY_BASE_SECONDS after the refusal
    run_jobs()
    time.sleep(1.2)
    run_jobs()  # nothing left to send: nobody gets a second copy

    received = sorted(address for recipients, _subject in smtp_server.accepted for address in recipients)
    assert received == sorted(lead.email for lead in leads)
    assert all("Partner annual update 2016/17" in subject for _to, subject in smtp_server.accepted)
    assert set(Email.objects.values_list("status", flat=True)) == {"sent"}
    assert sorted(Email.objects.values_list("attempts", flat=True)) == [1, 1, 2, 2, 2]
    assert mail.outbox == []  # it really went over SMTP
