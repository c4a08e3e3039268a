"""/health/: no sign-in, no data; 200 when the database answers, every migration is applied, a worker
was seen recently and the file storage takes a file; otherwise 503 naming the failed check."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from wscb.jobs.models import WorkerHeartbeat
from wscb.jobs.services import worker_heartbeat
from wscb.ops import health


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _get():
    response = Client().get("/health/")
    return response.status_code, response.json()


def test_it_answers_503_when_no_worker_has_been_seen(db, media):
    assert _get() == (
        503,
        {"status": "fail", "checks": {"database": "ok", "migrations": "ok", "worker": "fail", "storage": "ok"}},
    )


def test_it_answers_200_when_a_worker_was_seen_recently(db, media):
    worker_heartbeat(worker_id="portal-1-123-abcd")
    assert _get() == (
        200,
        {"status": "ok", "checks": {"database": "ok", "migrations": "ok", "worker": "ok", "storage": "ok"}},
    )


def test_a_worker_not_seen_for_the_stale_period_counts_as_gone(db, media, settings):
    settings.JOBS_WORKER_STALE_SECONDS = 120
    worker_heartbeat(worker_id="portal-1-123-abcd")
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(seconds=121))
    status, body = _get()
    assert status == 503 and body["checks"]["worker"] == "fail"


def test_unwritable_storage_and_unapplied_migrations_are_503(db, media, monkeypatch):
    worker_heartbeat(worker_id="portal-1-123-abcd")

    def refuse(*args, **kwargs):
        raise OSError("read-only file system")

    monkeypatch.setattr(health.default_storage, "save", refuse)
    status, body = _get()
    assert status == 503 and body["checks"]["storage"] == "fail" and body["checks"]["database"] == "ok"

    monkeypatch.undo()
    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(health.MigrationExecutor, "migration_plan", lambda self, targets: [("unapplied", False)])
    status, body = _get()
    assert status == 503 and body["checks"]["migrations"] == "fail"


def test_a_database_that_does_not_answer_fails_every_check(db, media, monkeypatch):
    def unreachable():
        raise ConnectionError("could not connect to server")

    monkeypatch.setitem(health.CHECKS, "database", unreachable)
    assert _get() == (
        503,
        {"status": "fail", "checks": {"database": "fail", "migrations": "fail", "worker": "fail", "storage": "fail"}},
    )


def test_it_gives_no_data_is_never_cached_and_takes_only_get_and_head(db, media, business_support):
    worker_heartbeat(worker_id="portal-1-123-abcd")
    client = Client()
    response = client.get("/health/")
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert len(response.content) < 120 and b"portal-1" not in response.content
    assert client.head("/health/").status_code == 200
    assert client.post("/health/").status_code == 405


def test_in_production_the_load_balancers_plain_http_check_is_not_redirected_to_https():
    from tests.wscb.test_settings_from_environment import GOOD_KEY, manage

    code = (
        "from django.test import Client; c = Client(); "
        "print(c.get('/health/').status_code, c.get('/account/sign-in/').status_code)"
    )
    result = manage(
        "shell",
        "-c",
        code,
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    assert result.returncode == 0, result.stderr
    health_status, page_status = result.stdout.split()[-2:]
    assert page_status == "301"  # everything else goes to https
    assert health_status in ("200", "503")
