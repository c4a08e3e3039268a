"""Sending one outbox message (the task the outbox enqueues), and the daily removal of old ones."""

from __future__ import annotations

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F
from django.utils import timezone

from wscb.jobs.framework import TaskContext, task
from wscb.jobs.services import job_progress, job_run
from wscb.mail.models import Email

logger = logging.getLogger("wscb.mail")

Status = Email.Status


def retry_delay(attempts: int) -> timedelta:
    """After the n-th failed attempt: MAIL_RETRY_BASE_SECONDS x 2^(n-1), at most MAIL_RETRY_MAX_SECONDS."""
    seconds = settings.MAIL_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, settings.MAIL_RETRY_MAX_SECONDS))


def email_enqueue(email_id: int, *, run_after=None) -> None:
    """Hand one message to the workers (now, or not before ``run_after``)."""
    chosen = email_send_task.using(run_after=run_after) if run_after is not None else email_send_task
    chosen.enqueue(email_id=email_id)


def email_deliver(email_id: int) -> str:
    """Send one queued message if it is due; the outcome is "sent", "retry", "failed" or "not due".

    The row is claimed first (pending -> sending, one UPDATE), so two runs never both send it. A
    refusal or a timeout (``EMAIL_TIMEOUT``) puts it back as pending with the next attempt later
    (``retry_delay``), until ``MAIL_MAX_ATTEMPTS``. Once the server has accepted it, it is marked sent;
    if the worker dies between those two moments the row stays "sending" and ``emails_sweep`` marks
    it uncertain for a person to decide, rather than risk sending it twice.
    """
    now = timezone.now()
    claimed = Email.objects.filter(pk=email_id, status=Status.PENDING, next_attempt_at__lte=now).update(
        status=Status.SENDING, attempts=F("attempts") + 1, sending_since=now
    )
    if not claimed:
        return "not due"
    email = Email.objects.get(pk=email_id)
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email or None,
        to=list(email.to),
        connection=get_connection(),
    )
    for attachment in email.attachments:
        message.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["content_type"])
    try:
        message.send()
    except Exception as error:
        text = f"{type(error).__name__}: {error}"[:500]
        if email.attempts >= settings.MAIL_MAX_ATTEMPTS:
            Email.objects.filter(pk=email_id).update(status=Status.FAILED, last_error=text, sending_since=None)
            logger.error("E-mail %s not sent after %s attempts: %s", email_id, email.attempts, text)
            return "failed"
        next_attempt = timezone.now() + retry_delay(email.attempts)
        Email.objects.filter(pk=email_id).update(
            status=Status.PENDING, last_error=text, next_attempt_at=next_attempt, sending_since=None
        )
        logger.warning(
            "E-mail %s attempt %s failed (%s); trying again at %s.", email_id, email.attempts, text, next_attempt
        )
        email_enqueue(email_id, run_after=next_attempt)
        return "retry"
    Email.objects.filter(pk=email_id, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), sending_since=None, last_error=""
    )
    return "sent"


@task()
def email_send_task(email_id: int) -> str:
    return email_deliver(email_id)


def emails_prune(*, job=None) -> int:
    """Messages older than ``MAIL_KEEP_DAYS`` are deleted (they hold names and addresses)."""
    cutoff = timezone.now() - timedelta(days=settings.MAIL_KEEP_DAYS)
    deleted, _ = (
        Email.objects.filter(created_at__lt=cutoff).exclude(status__in=[Status.PENDING, Status.SENDING]).delete()
    )
    if job is not None:
        job_progress(job, step=f"{deleted} old e-mail(s) removed")
    return deleted


@task(takes_context=True)
def emails_prune_task(context: TaskContext, job_id: int) -> None:
    job_run(context, job_id, lambda job: emails_prune(job=job))
