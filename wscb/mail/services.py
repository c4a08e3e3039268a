"""Every e-mail the portal sends goes through ``email_queue`` (password reset, Django's own, excepted)::

    from wscb.mail.services import email_queue

    with transaction.atomic():
        round_ = Round.objects.create(...)
        email_queue(kind="invitation", to=[lead.email], subject=..., body=..., board=board,
                    key=f"invitation:{report.pk}")

The message is written to the outbox in the caller's transaction and handed to the workers only when
that transaction commits: a rolled-back request sends nothing, and a slow or refusing mail server
never holds up or undoes the caller's work. The worker sends it with ``EMAIL_TIMEOUT``, retries with
backoff and records it as sent once (``wscb.mail.tasks.email_deliver``). ``key`` makes queuing
idempotent: the same key queued again returns the first message. ``attachments`` (``Attachment``:
file name, bytes, content type) are kept in the outbox row with the message and sent with it.
``tests/wscb/test_mail_goes_through_the_outbox.py`` fails if code sends mail any other way.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from wscb.mail.models import Email
from wscb.mail.tasks import email_enqueue

Status = Email.Status

#: A message still "sending" after this long was being sent by a worker that died.
SENDING_GIVEN_UP_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message (kept small: it is stored in the outbox row)."""

    filename: str
    content: bytes
    content_type: str = "application/octet-stream"

    def stored(self) -> dict:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "content": base64.b64encode(self.content).decode("ascii"),
        }


def email_queue(
    *,
    kind: str,
    to: list[str],
    subject: str,
    body: str,
    board=None,
    key: str | None = None,
    from_email: str = "",
    attachments: list[Attachment] | tuple = (),
) -> Email | None:
    """Queue one message to ``to`` (blank and repeated addresses dropped); None when nobody is left.
    Returns the already queued message when ``key`` was queued before."""
    recipients = list(dict.fromkeys(address.strip() for address in to if address and address.strip()))
    if not recipients:
        return None
    if key:
        existing = Email.objects.filter(key=key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            email = Email.objects.create(
                kind=kind,
                board=board,
                to=recipients,
                subject=subject[:300],
                body=body,
                from_email=from_email,
                key=key,
                attachments=[attachment.stored() for attachment in attachments],
            )
    except IntegrityError:
        existing = Email.objects.filter(key=key).first() if key else None
        if existing is None:
            raise
        return existing
    transaction.on_commit(partial(email_enqueue, email.pk))
    return email


def emails_sweep(*, now=None) -> dict[str, int]:
    """Every schedule run: hand over messages whose next attempt is overdue (their task was lost),
    and mark as uncertain those a dead worker left "sending"."""
    now = now or timezone.now()
    overdue = list(
        Email.objects.filter(status=Status.PENDING, next_attempt_at__lt=now - timedelta(minutes=2)).values_list(
            "pk", flat=True
        )
    )
    for email_id in overdue:
        email_enqueue(email_id)
    uncertain = Email.objects.filter(status=Status.SENDING, sending_since__lt=now - SENDING_GIVEN_UP_AFTER).update(
        status=Status.UNCERTAIN,
        last_error="The worker stopped while sending: the message may or may not have arrived.",
        sending_since=None,
    )
    return {"handed_over": len(overdue), "uncertain": uncertain}


class EmailNotResendable(Exception):
    pass


def email_resend(*, email: Email) -> Email:
    """A person decides to try a failed or uncertain message again (an uncertain one may arrive twice)."""
    updated = Email.objects.filter(pk=email.pk, status__in=[Status.FAILED, Status.UNCERTAIN]).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    if not updated:
        raise EmailNotResendable(f"{email}: only a message that was not sent, or may not have been, can be sent again.")
    transaction.on_commit(partial(email_enqueue, email.pk))
    email.refresh_from_db()
    return email
