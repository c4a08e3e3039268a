"""The outbox: one row per message, from the moment it is decided until it has been sent."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Email(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Not sent: gave up"
        UNCERTAIN = "uncertain", "Unknown: the worker stopped while sending"

    kind = models.CharField(max_length=40, help_text='What it is about, e.g. "invitation".')
    board = models.ForeignKey("partners.Board", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    to = models.JSONField(default=list, help_text="The recipients' addresses.")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    attachments = models.JSONField(
        default=list,
        blank=True,
        help_text='Files sent with it: [{"filename", "content_type", "content" (base64)}], e.g. a calendar file.',
    )
    from_email = models.CharField(max_length=254, blank=True, help_text="Blank: DEFAULT_FROM_EMAIL.")
    #: The same key queued twice is one message (a repeated reminder run, a double submit).
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sending_since = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "e-mail"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} to {', '.join(self.to)}"

    def audit_label(self) -> str:
        return f"{self.get_kind_label()} e-mail #{self.pk}"

    @property
    def attachment_names(self) -> str:
        return ", ".join(item["filename"] for item in self.attachments)

    def get_kind_label(self) -> str:
        return self.kind.replace("-", " ").replace("_", " ").capitalize()
