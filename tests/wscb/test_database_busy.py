"""Reliability plan T62: a writer that meets SQLite's "database is locked" (after waiting the configured
timeout) gets a friendly "please try again" page, never a 500; other database errors are not hidden."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.urls import reverse

from tests.training.factories import BookingFactory, CourseFactory, SessionFactory
from training import services as training_services
from training.models import Booking

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def booking(board):
    session = SessionFactory(course=CourseFactory(board=board), starts_on=datetime.date(2030, 6, 14))
    return BookingFactory(session=session, delegate_name="Ann")


def post_attendance(client, booking):
    url = reverse("training:attendance", args=[booking.session_id])
    return client.post(url, {"version": booking.session.version, f"booking_{booking.pk}": "attended"})


def raise_on_save(error):
    def attendance_record(**kwargs):
        raise error

    return attendance_record


def test_a_writer_that_finds_the_database_locked_gets_a_please_try_again_page(
    as_user, business_support, booking, monkeypatch
):
    monkeypatch.setattr(training_services, "attendance_record", raise_on_save(OperationalError("database is locked")))

    response = post_attendance(as_user(business_support), booking)

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "The portal is busy: please try again" in page
    assert "has <strong>not</strong> been saved" in page
    assert "Skip to main content" in page and "Sign out" in page, "rendered in the normal layout"
    assert "OperationalError" not in page and "Traceback" not in page
    assert Booking.objects.get(pk=booking.pk).status == "booked"


def test_the_busy_page_falls_back_to_a_plain_page_when_the_layout_cannot_read_the_database(
    as_user, business_support, booking, monkeypatch
):
    monkeypatch.setattr(training_services, "attendance_record", raise_on_save(OperationalError("database is locked")))
    client = as_user(business_support)

    def layout_fails(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("wscb.data.database_busy.render", layout_fails)

    response = post_attendance(client, booking)

    assert response.status_code == 503
    assert "The portal is busy: please try again" in response.content.decode()


def test_other_database_errors_are_not_disguised_as_busy(as_user, business_support, booking, monkeypatch):
    monkeypatch.setattr(training_services, "attendance_record", raise_on_save(OperationalError("no such table: x")))
    with pytest.raises(OperationalError, match="no such table"):
        post_attendance(as_user(business_support), booking)


def test_other_database_errors_still_give_the_500_page(as_user, business_support, booking, monkeypatch):
    monkeypatch.setattr(training_services, "attendance_record", raise_on_save(OperationalError("disk I/O error")))
    client = as_user(business_support)
    client.raise_request_exception = False

    response = post_attendance(client, booking)

    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


def test_sqlite_writers_wait_for_the_lock_with_a_configured_timeout(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}", DJANGO_SQLITE_TIMEOUT="7")
    code = (
        "from django.conf import settings; options = settings.DATABASES['default']['OPTIONS'];"
        "print(options['timeout'], options['transaction_mode'], settings.DATABASES['default']['TEST']['NAME'])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    timeout, mode, test_name = result.stdout.split()[-3:]
    assert (timeout, mode) == ("7", "IMMEDIATE")
    assert test_name.endswith(".sqlite3"), "tests use a file database, so racing threads get their own connections"
