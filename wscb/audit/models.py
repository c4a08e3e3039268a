"""The audit trail's records: what someone did, to which record, when and from where."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class AuditAction(models.TextChoices):
    VIEWED = "viewed", "Viewed"
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    DELETED = "deleted", "Deleted"
    EXPORTED = "exported", "Exported"
    IMPORTED = "imported", "Imported"
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGNED_OUT = "signed_out", "Signed out"
    ACCESS_REFUSED = "access_refused", "Access refused"
    ROLE_CHANGED = "role_changed", "Role or permission changed"
    SECOND_FACTOR_SET_UP = "second_factor_set_up", "Second factor set up"
    SECOND_FACTOR_RESET = "second_factor_reset", "Second factor reset"
    SESSIONS_ENDED = "sessions_ended", "Sessions ended"
    RETENTION_APPLIED = "retention_applied", "Retention applied"


class AuditChannel(models.TextChoices):
    WEB = "web", "Portal page"
    ADMIN = "admin", "Back office"
    COMMAND = "command", "Command or shell"
    JOB = "job", "Background job"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit events cannot be changed.")

    def delete(self):
        raise PermissionError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One thing someone did: who, what, to which record, when and from where.

    Rows are written by ``wscb.audit.services.audit_record`` and never changed or deleted by the
    portal (``save`` refuses an update, ``delete`` refuses, the admin is read-only). The
    label is short and never holds case-study text.
    """

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user_label = models.CharField("who", max_length=254, blank=True, help_text="E-mail address at the time.")
    action = models.CharField(max_length=30, choices=AuditAction.choices, db_index=True)
    channel = models.CharField(max_length=10, choices=AuditChannel.choices, default=AuditChannel.WEB)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField("record", max_length=200, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.user_label or 'system'} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events cannot be deleted.")
