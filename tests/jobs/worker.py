"""Run queued background work inside a test, as a worker and a commit would.

pytest-django wraps each test in a transaction that is never committed, so ``transaction.on_commit``
callbacks (which enqueue the tasks) never fire on their own. ``run_jobs()`` runs them as a commit
would, then runs every task that is ready, in this thread and this transaction, with the real
database backend (django-tasks-db) and its worker's own ``run_task``, until nothing is left.
Tasks whose time has not come (an e-mail retry later) stay queued.

Tests that need a real worker process use ``transaction=True`` and ``start_worker`` instead.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

WORKER_ID = "test-worker"


def run_commit_callbacks(using: str = DEFAULT_DB_ALIAS) -> int:
    """What a commit would run; callbacks queued by callbacks run too. Returns how many ran."""
    connection = connections[using]
    ran = 0
    while connection.run_on_commit:
        pending, connection.run_on_commit = connection.run_on_commit, []
        for _savepoints, callback, _robust in pending:
            callback()
            ran += 1
    return ran


def _worker() -> Worker:
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=WORKER_ID,
        excluded_queue_names=[],
    )


def run_jobs(*, limit: int = 500) -> int:
    """Commit callbacks, then every ready task, until there are none. Returns how many tasks ran."""
    worker = _worker()
    ran = 0
    while True:
        run_commit_callbacks()
        task_result = DBTaskResult.objects.ready().first()
        if task_result is None:
            return ran
        if ran >= limit:
            raise AssertionError(f"More than {limit} tasks ran: does a task enqueue itself for ever?")
        task_result.claim(WORKER_ID)
        worker.run_task(task_result)
        ran += 1


def queued_task_names() -> list[str]:
    return [result.task_path.rsplit(".", 1)[-1] for result in DBTaskResult.objects.ready()]
