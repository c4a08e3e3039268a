"""python manage.py run_worker: take jobs from the queue and run them, one at a time, until stopped.

django-tasks-db's ``db_worker`` with a heartbeat: every ``JOBS_HEARTBEAT_SECONDS`` the worker writes
that it is alive (``WorkerHeartbeat``), so /health/ can tell whether jobs are being taken and a job
whose worker was killed shows as stopped (and may be retried). Run as many as you like, on as many
machines as you like, against the same database: a job is taken by exactly one of them.
Ctrl+C (SIGINT) or SIGTERM finishes the current job, then stops; a second one stops at once.
"""

import os
import secrets
import socket
import threading

from django.conf import settings
from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from wscb.jobs.services import worker_heartbeat, worker_stopped


def default_worker_id() -> str:
    """Host, process and a random part: unique across machines, and readable on the jobs list."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{secrets.token_hex(4)}"


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str, every: float):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.every = every
        self.stopping = threading.Event()

    def beat(self) -> None:
        try:
            worker_heartbeat(worker_id=self.worker_id)
        except Exception as error:  # a busy or briefly unreachable database: try again next time
            self.stderr_write(f"Heartbeat not written ({error}); trying again.")
        finally:
            connections.close_all()

    def stderr_write(self, text: str) -> None:
        import sys

        print(text, file=sys.stderr)

    def run(self) -> None:
        while not self.stopping.is_set():
            self.beat()
            self.stopping.wait(self.every)


class Command(DatabaseWorkerCommand):
    help = "Run a worker: take background jobs (publishing, layouts, imports, e-mail) and run them."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=None, queue_name="*")

    def handle(self, *args, worker_id=None, reload=False, batch=False, **options):
        worker_id = worker_id or default_worker_id()
        in_reloader_parent = reload and not batch and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        heartbeat = None
        if not in_reloader_parent:  # the process that runs the jobs is the one that says it is alive
            heartbeat = Heartbeat(worker_id, settings.JOBS_HEARTBEAT_SECONDS)
            heartbeat.beat()
            heartbeat.start()
        try:
            super().handle(*args, worker_id=worker_id, reload=reload, batch=batch, **options)
        finally:
            if heartbeat is not None:
                heartbeat.stopping.set()
                worker_stopped(worker_id=worker_id)
