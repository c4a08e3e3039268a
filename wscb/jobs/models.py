"""A job as people see it (queued, running with a step or a count, done, failed), and the workers.

The task backend (django-tasks-db) keeps its own rows for the work it hands to workers; the status
page and the back-office list read only these, so they never depend on the backend's internals.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    kind = models.CharField(max_length=60, help_text='What the job does, e.g. "annual.publish".')
    label = models.CharField(max_length=200, help_text="What the job does, in words people read.")
    task_path = models.CharField(max_length=200, help_text="The task that runs it (for retrying).")
    arguments = models.JSONField(default=dict, blank=True, help_text="Ids and plain values only.")
    board = models.ForeignKey("partners.Board", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(max_length=200, blank=True)
    done_count = models.PositiveIntegerField(null=True, blank=True)
    total_count = models.PositiveIntegerField(null=True, blank=True)
    count_label = models.CharField(max_length=60, blank=True, help_text='e.g. "rows checked".')
    error = models.TextField(blank=True, help_text="Why it failed, as shown to the person who started it.")
    traceback = models.TextField(blank=True)
    #: Row-by-row problems of a failed import, as [row number, message] pairs.
    row_errors = models.JSONField(default=list, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    result_label = models.CharField(max_length=200, blank=True)
    #: At most one job ever per key (the daily schedule: one per job and day).
    unique_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    #: At most one queued or running job per key (one publish of a report at a time).
    exclusive_key = models.CharField(max_length=200, blank=True)
    attempt = models.PositiveIntegerField(default=0, help_text="How many times a worker has started it.")
    worker_id = models.CharField(max_length=64, blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)
    #: An uploaded file the job reads (an import); removed when the job finishes.
    payload = models.BinaryField(null=True, blank=True, editable=False)
    payload_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["exclusive_key"],
                condition=Q(status__in=["queued", "running"]) & ~Q(exclusive_key=""),
                name="one_active_job_per_exclusive_key",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display().lower()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def progress_text(self) -> str:
        """ "1,200 of 5,000 rows checked", or "" when the job counts nothing."""
        if self.done_count is None:
            return ""
        total = f" of {self.total_count:,}" if self.total_count is not None else ""
        return f"{self.done_count:,}{total} {self.count_label}".strip()

    @property
    def progress_percent(self) -> int | None:
        if self.done_count is None or not self.total_count:
            return None
        return min(100, round(100 * self.done_count / self.total_count))


class WorkerHeartbeat(models.Model):
    """A worker process (``manage.py run_worker``) writes here every few seconds while it runs."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=200)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-seen_at"]
        verbose_name = "worker"

    def __str__(self) -> str:
        return f"{self.host} pid {self.pid}"
