"""Sign-in sessions that people can see and end (only a hash of each session key is kept)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class UserSession(models.Model):
    """A signed-in session, so that people can see where they are signed in and end it.

    Only a hash of the session key is kept here.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_sessions")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-last_seen_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} since {self.created_at:%d/%m/%Y %H:%M}"
