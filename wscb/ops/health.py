"""``/health/`` for load balancers and monitoring: no sign-in, no data, 200 or 503 with short JSON.

    {"status": "ok", "checks": {"database": "ok", "migrations": "ok", "worker": "ok", "storage": "ok"}}

- database: a query answers;
- migrations: every migration of the code is applied (checked until it is true once per process);
- worker: a worker (``run_worker``) wrote its heartbeat within ``JOBS_WORKER_STALE_SECONDS``;
- storage: a small file can be written to and removed from the file storage (uploads).

Any check failing gives 503 and names it ("fail"), never why: the reason is in the server log.
"""

from __future__ import annotations

import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from wscb.jobs.selectors import worker_is_alive
from wscb.security import no_store

logger = logging.getLogger("wscb.health")

_migrations_applied = False


def _database() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _migrations() -> bool:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_applied


def _storage() -> bool:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        return default_storage.exists(name)
    finally:
        default_storage.delete(name)


CHECKS = {"database": _database, "migrations": _migrations, "worker": worker_is_alive, "storage": _storage}


def health_checks() -> dict[str, bool]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = bool(check())
        except Exception:
            logger.exception("Health check %s failed.", name)
            results[name] = False
        if name == "database" and not results[name]:
            # Without the database the others cannot answer either.
            return {**dict.fromkeys(CHECKS, False)}
    return results


@require_safe
@no_store
def health(request):
    results = health_checks()
    healthy = all(results.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "fail",
            "checks": {name: "ok" if ok else "fail" for name, ok in results.items()},
        },
        status=200 if healthy else 503,
    )
