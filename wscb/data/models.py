"""The data room's one table: submits already made (``wscb.data.once``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class OnceSubmission(models.Model):
    """A create form's submit that has been saved: its key (a hash of the form's one-time token, or
    of its content when it came without one) and where the first submit was sent afterwards."""

    key = models.CharField(max_length=66, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=300)
    result_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "saved submit"

    def __str__(self) -> str:
        return f"{self.path} at {self.created_at:%d/%m/%Y %H:%M}"
