"""Run queued background work inside a test, as a worker and a commit would.

pytest-django wraps each test in a transaction that is never committed, so ``transaction.on_commit``
callbacks (which enqueue the tasks) never fire on their own. ``run_jobs()`` runs them as a commit
would, then runs every task that is ready, in this thread and this transaction, with the real
database backend (django-tasks-db) and its worker's own ``run_task``, until nothing is left.
Tasks whose time has not come (an e-mail retry later) stay queued.

Tests that need a real worker process use ``transaction=True`` and ``start_worker`` instead.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


# --- a real worker process ---------------------------------------------------------------------------------
ROOT = Path(__file__).resolve().parents[2]


def database_url_for_tests() -> str:
    """The test database as a DATABASE_URL, for a process started by a ``transaction=True`` test."""
    settings_dict = connections[DEFAULT_DB_ALIAS].settings_dict
    if connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
        return (
            f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@{settings_dict['HOST']}:"
            f"{settings_dict['PORT']}/{settings_dict['NAME']}"
        )
    return f"sqlite:///{settings_dict['NAME']}"


class WorkerProcess:
    """``manage.py run_worker`` (or ``script``) against the test database; stop() or kill() it."""

    def __init__(self, *, script: str | None = None, env: dict | None = None):
        self.log = tempfile.NamedTemporaryFile(prefix="worker-", suffix=".log", delete=False)  # noqa: SIM115
        command = [sys.executable, script] if script else [sys.executable, "manage.py", "run_worker"]
        command += ["--no-reload", "--interval", "0.2", "--no-startup-delay", "-v", "2"]
        environment = {
            **os.environ,
            "DATABASE_URL": database_url_for_tests(),
            "DJANGO_SETTINGS_MODULE": "wscb.settings",
            "DJANGO_JOBS_HEARTBEAT_SECONDS": "1",
            "DJANGO_DEBUG": "0",
            "PYTHONPATH": str(ROOT),
            **(env or {}),
        }
        self.process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=self.log, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def stop(self, timeout: float = 60) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.process.returncode

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)

    def close(self) -> None:
        self.kill()
        with contextlib.suppress(OSError):
            os.unlink(self.log.name)


def wait_for(condition, *, timeout: float = 90, every: float = 0.2, what: str = "the condition", worker=None):
    """Poll ``condition()`` until it is true; fail with the worker's output if it never is."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    output = worker.output() if worker is not None else ""
    raise AssertionError(f"Timed out waiting for {what}.\n--- worker output ---\n{output}")
