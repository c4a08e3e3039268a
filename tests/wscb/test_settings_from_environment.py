"""Settings come from the environment; production hardening passes check --deploy; bad values stop start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP"


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deployment_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_local_defaults_fail_the_deployment_checklist_so_the_switch_matters():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_PRODUCTION": "1", "DJANGO_ALLOWED_HOSTS": "portal.example.org"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_PRODUCTION": "1", "DJANGO_SECRET_KEY": "short", "DJANGO_ALLOWED_HOSTS": "x.org"}, "50 random"),
        ({"DJANGO_PRODUCTION": "1", "DJANGO_SECRET_KEY": GOOD_KEY}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_PRODUCTION": "1", "DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "*"}, "no '*'"),
        ({"DJANGO_PRODUCTION": "1", "DJANGO_DEBUG": "1", "DJANGO_SECRET_KEY": GOOD_KEY}, "DJANGO_DEBUG"),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be one of"),
        ({"DJANGO_EMAIL_PORT": "twenty-five"}, "DJANGO_EMAIL_PORT must be a whole number"),
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
    ],
)
def test_bad_values_stop_start_up_with_a_clear_message(env, message):
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_sets_the_hardening_switches(settings):
    # Imported fresh in a subprocess so the module-level logic runs with the production environment.
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='wscb.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(DJANGO_PRODUCTION="1", DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="portal.example.org")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True", "True", "True", "31536000"], result.stderr


def test_local_defaults_use_uk_dates_and_london_time(settings):
    assert settings.TIME_ZONE == "Europe/London"
    assert settings.LANGUAGE_CODE == "en-gb"
    from datetime import date

    from django.utils.formats import date_format

    assert date_format(date(2017, 3, 31), "SHORT_DATE_FORMAT") == "31/03/2017"
