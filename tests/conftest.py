"""The named cast used by every test, and reporting of the database and permission matrix."""

import contextvars
import os
import threading
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client, override_settings

from partners.models import Partner
from tests.partners.factories import BoardFactory, PartnerFactory, PartnerLeadFactory, UserFactory
from wscb.roles import Role
from wscb.scoping import scopes_disabled

# Playwright's sync API runs an event loop in the test thread; the ORM calls there are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The tests serve static files from the source folders, so they need no collectstatic: plain
# storage instead of the hashed, compressed one (tests/wscb/test_static_files.py checks that one).
override_settings(
    STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()

ROLES = ("anonymous", "lead_a", "business_support", "board_member", "administrator", "learner")

_database_seen: list[str] = []


@pytest.fixture(scope="session", autouse=True)
def _test_code_sees_every_board():
    """Test code sets up and checks any board's rows, so board scoping is off in the test itself,
    and in the threads a test starts (they run in a copy of the starting thread's context, as
    ``Thread(context=...)`` will do in Python 3.14).

    What the tests exercise is scoped as in production: every request through the test client (or a
    browser) runs in its board's scope (``wscb.boards.CurrentBoardMiddleware``), and code that runs
    outside requests is tested with ``no_board_scope`` to prove it sets its own scope
    (tests/wscb/test_board_scoping.py).
    """
    original_start = threading.Thread.start

    def start_in_this_context(thread):
        context, run = contextvars.copy_context(), thread.run
        thread.run = lambda: context.run(run)
        original_start(thread)

    threading.Thread.start = start_in_this_context
    try:
        with scopes_disabled():
            yield
    finally:
        threading.Thread.start = original_start


@pytest.fixture
def no_board_scope():
    """Inside the test, no board scope and scoping not disabled: as in a task or command that forgot
    its scope, so a query on a board's records raises ``ScopeError``."""
    from wscb.scoping import _state

    token = _state.set(None)
    yield
    _state.reset(token)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _record_database(django_db_setup, django_db_blocker):
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("select version()")
            version = cursor.fetchone()[0]
        else:
            cursor.execute("select sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
        # SQLite asks once per connection whether it has JSON functions (wscb.data.batching uses them):
        # ask now, so that the question is not counted in a test's query budget.
        assert connection.features.supports_json_field
    _database_seen.append(version)
    if os.environ.get("PORTAL_REQUIRE_POSTGRES") and connection.vendor != "postgresql":
        pytest.exit(f"CI must run on PostgreSQL, but the database is {version}.", returncode=3)


def pytest_terminal_summary(terminalreporter):
    if _database_seen:
        terminalreporter.write_sep("-", f"database: {_database_seen[0]}")
    from tests import permission_matrix

    permission_matrix.report(terminalreporter)


@pytest.fixture
def board(db):
    return BoardFactory()


@pytest.fixture
def agency_a(board):
    return PartnerFactory(
        name="Agency A Trust", short_name="Agency A", sector=Partner.Sector.HEALTH, is_statutory=True, boards=[board]
    )


@pytest.fixture
def agency_b(board):
    return PartnerFactory(
        name="Agency B Police", short_name="Agency B", sector=Partner.Sector.POLICE, is_statutory=True, boards=[board]
    )


@pytest.fixture
def lead_a(board, agency_a):
    return PartnerLeadFactory(email="lead.a@example.org", full_name="Lena Lead-A", partner=agency_a, boards=[board])


@pytest.fixture
def lead_b(board, agency_b):
    return PartnerLeadFactory(email="lead.b@example.org", full_name="Ben Lead-B", partner=agency_b, boards=[board])


@pytest.fixture
def business_support(board):
    return UserFactory(email="support@example.org", full_name="Sam Support", role=Role.BUSINESS_SUPPORT, boards=[board])


@pytest.fixture
def board_member(board):
    return UserFactory(email="member@example.org", full_name="Bea Member", role=Role.BOARD_MEMBER, boards=[board])


@pytest.fixture
def administrator(board):
    return UserFactory(email="admin@example.org", full_name="Ada Admin", role=Role.ADMINISTRATOR)


@pytest.fixture
def learner(board, agency_a):
    """A learner of agency A who has verified their e-mail address (training self-service)."""
    from tests.training.factories import LearnerFactory

    return LearnerFactory(board=board, partner=agency_a, user__email="learner@example.org").user


@pytest.fixture
def learner_b(board, agency_b):
    """Another learner (agency B), whose bookings ``learner`` must not see."""
    from tests.training.factories import LearnerFactory

    return LearnerFactory(board=board, partner=agency_b, user__email="learner.b@example.org").user


@pytest.fixture
def cast(board, agency_a, agency_b, lead_a, lead_b, business_support, board_member, administrator, learner, learner_b):
    """Everyone at once, for tests that loop over roles (the permission matrix)."""
    return SimpleNamespace(
        board=board,
        agency_a=agency_a,
        agency_b=agency_b,
        lead_a=lead_a,
        lead_b=lead_b,
        business_support=business_support,
        board_member=board_member,
        administrator=administrator,
        learner=learner,
        learner_b=learner_b,
        anonymous=None,
    )


def verified_device(user):
    """The confirmed authenticator that test sign-ins use for the second step."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)


def client_for(user) -> Client:
    """A test client signed in as ``user``; roles that need a second factor (and anyone who has
    set one up) have done that step too, with a test authenticator."""
    client = Client()
    if user is not None:
        client.force_login(user)
        from django_otp import user_has_device

        from wscb.accounts.two_factor import second_factor_required

        if second_factor_required(user) or user_has_device(user):
            from django_otp import DEVICE_ID_SESSION_KEY

            session = client.session
            session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
            session.save()
    return client


@pytest.fixture
def run_jobs():
    """``run_jobs()`` runs what the committed transaction and a worker would: queued e-mails, layouts,
    imports (see tests/jobs/worker.py)."""
    from tests.jobs.worker import run_jobs as run

    return run


@pytest.fixture
def as_user():
    """``as_user(lead_a)`` gives a test client signed in as that user (``None``: anonymous)."""
    return client_for


@pytest.fixture
def second_board(db):
    """A second board (a Partnership) in the same installation, with its agencies and users:
    tests/partners/second_board.py. Build on it with ``second_board_records``."""
    from tests.partners.second_board import build_second_board

    return build_second_board()


@pytest.fixture
def second_board_records(second_board):
    """A 2016/17 year of the second board's records in every app, made through the services."""
    from tests.partners.second_board import build_second_board_records

    build_second_board_records(second_board)
    return second_board
