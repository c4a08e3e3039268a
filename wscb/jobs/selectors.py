"""Reads about jobs and workers, scoped to the person asking."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wscb.boards import boards_for
from wscb.jobs.models import Job, WorkerHeartbeat
from wscb.roles import RECORD_KEEPERS


def jobs_visible_to(*, user, board=None) -> QuerySet[Job]:
    """The jobs of the board the user is working in (``board``) and the schedule's (no board): everyone
    sees those they started; business support and administrators every one of them. A job of
    another board is not seen, whoever asks (administrators work in one board at a time)."""
    if not user.is_authenticated or not user.is_active:
        return Job.objects.none()
    here = Q(board__isnull=True) | (Q(board=board) if board else Q(pk__in=[]))
    if user.is_administrator:
        return Job.objects.filter(here)
    mine = Q(started_by=user)
    if user.role in RECORD_KEEPERS:
        mine |= Q(board__in=boards_for(user)) | Q(board__isnull=True)
    return Job.objects.filter(here & mine)


def job_get(*, for_user, pk: int, board=None) -> Job:
    """The job if ``for_user`` may see it in ``board``, else 404 (whether or not it exists)."""
    job = jobs_visible_to(user=for_user, board=board).select_related("started_by", "board").filter(pk=pk).first()
    if job is None:
        raise Http404("No such job.")
    return job


def jobs_active_for(*, board, kind: str) -> QuerySet[Job]:
    """Queued or running jobs of one kind for a board (e.g. publishing in progress)."""
    return Job.objects.filter(board=board, kind=kind, status__in=Job.ACTIVE)


def worker_last_seen() -> datetime | None:
    heartbeat = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    return heartbeat


def worker_stale_after() -> timedelta:
    """How long a worker may go without a heartbeat before it counts as gone."""
    return timedelta(seconds=settings.JOBS_WORKER_STALE_SECONDS)


def worker_is_alive(*, now: datetime | None = None) -> bool:
    """Has any worker written its heartbeat within ``JOBS_WORKER_STALE_SECONDS``?"""
    seen = worker_last_seen()
    return seen is not None and seen >= (now or timezone.now()) - worker_stale_after()


def job_is_stalled(job: Job, *, now: datetime | None = None) -> bool:
    """A running job whose worker has not been heard from for the stale period (it was killed, or
    its machine went away): nothing will finish it, so it may be retried."""
    if job.status != Job.Status.RUNNING:
        return False
    cutoff = (now or timezone.now()) - worker_stale_after()
    seen = WorkerHeartbeat.objects.filter(worker_id=job.worker_id).values_list("seen_at", flat=True).first()
    return seen is None or seen < cutoff
