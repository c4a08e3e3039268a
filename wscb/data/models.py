"""The data version: one row per board (and one shared by every board), moved by every write.

See ``wscb.data.changes``: a page cached under a board's data version is shown again only while
nothing it reads has been written since.
"""

from django.db import models


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
