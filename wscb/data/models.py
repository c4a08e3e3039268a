"""The data room's tables: submits already made (``wscb.data.once``), and the data versions: one row
per board (and one shared by every board), moved by every write.

See ``wscb.data.changes``: a page cached under a board's data version is shown again only while
nothing it reads has been written since.
"""

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


class DataVersion(models.Model):
    """A random token per board, replaced in the same transaction as every write to the board's data.

    A token is never reused (not after a rollback, a restore or an emptied table), so a cache entry
    keyed by one is exactly the state of the records it was made from.
    """

    board_id = models.PositiveIntegerField(unique=True, help_text="The board's id; 0 for the row every board shares.")
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "data version"

    def __str__(self) -> str:
        return f"Data version of board {self.board_id}" if self.board_id else "Shared data version"
