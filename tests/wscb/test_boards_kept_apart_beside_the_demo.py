"""The issue's own case: the demo board loaded, and a second board made through the services beside
it. Every list and form page of the portal and the back office (every URL of the permission matrix
that names no object), asked for by the second board's business support and by an administrator
working in the second board, shows none of the demo board's records (in the page's context or its
text) and offers none of its agencies, people or other records in any choice field.

The object pages of the demo board's kind are tests/wscb/test_permission_matrix.py's (the
second-board dimension) and tests/wscb/test_boards_kept_apart_in_the_back_office.py's.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from partners.models import Board, User
from tests import permission_matrix as matrix
from tests.conftest import client_for
from tests.partners.second_board import board_markers, board_rows, leaks
from wscb.scoping import scopes_disabled

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    entry
    for entry in matrix.all_entries()
    if entry.kwargs is None and entry.path is None and entry.method == "get" and not entry.query
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo board, loaded once for the module (and rolled back after it)."""
    with django_db_blocker.unblock(), scopes_disabled(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield Board.objects.get(short_name="WSCB")
        transaction.set_rollback(True)


@pytest.fixture
def demo_rows(demo, second_board_records):
    rows = board_rows(demo)
    markers = board_markers(demo, rows, except_in=board_rows(second_board_records.board))
    # The demo's agency "Schools" is named by an ordinary word too ("Schools trained, or events held.").
    return rows, markers - {"Schools"}


def _walk(client, rows, markers, *, installation_pages=()):
    """{entry id: what leaked} over every list page, and how many pages were shown (200)."""
    found, shown = {}, 0
    for entry in LIST_PAGES:
        response = client.get(reverse(entry.name))
        status = response.status_code
        assert status in (200, 302, 403, 404, 405) or (entry.name, status) == ("health", 503), (entry.id, status)
        if status != 200 or entry.name.startswith(("public:", *installation_pages)):
            continue
        shown += 1
        if leaked := leaks(response, rows, markers):
            found[entry.id] = leaked[:5]
    return found, shown


def test_the_second_boards_business_support_sees_nothing_of_the_demo_board(demo_rows, second_board_records):
    rows, markers = demo_rows
    found, shown = _walk(client_for(second_board_records.business_support), rows, markers)
    assert not found, found
    assert shown >= 60  # the walk really went through the portal and the back office


def test_an_administrator_working_in_the_second_board_sees_nothing_of_the_demo_board(demo_rows, second_board_records):
    from tests.wscb.test_permission_matrix import INSTALLATION_PAGES

    rows, markers = demo_rows
    found, shown = _walk(
        client_for(second_board_records.administrator), rows, markers, installation_pages=INSTALLATION_PAGES
    )
    assert not found, found
    assert shown >= 60


def test_the_walk_finds_the_demo_board_where_it_is_shown(demo, demo_rows):
    """The check can fail: the demo board's own business support sees its agencies, people and records."""
    rows, markers = demo_rows
    with scopes_disabled():
        support = User.objects.get(email="support@demo.test")
    client = client_for(support)
    for name in ("partners:partner-list", "meetings:meeting-list", "admin:partners_person_changelist"):
        assert leaks(client.get(reverse(name)), rows, markers), name


def test_every_back_office_change_page_of_a_demo_record_is_not_found(demo, demo_rows, second_board_records):
    """For every registered admin of a board-owned model: the change page of one of the demo board's
    rows gives the second board's business support 404 (403 where the model is not theirs to see)."""
    from django.contrib import admin
    from django.urls import NoReverseMatch

    from wscb.scoping import is_board_scoped

    rows, _markers = demo_rows
    client = client_for(second_board_records.business_support)
    not_found = []
    for model, _model_admin in admin.site._registry.items():
        if not is_board_scoped(model) or not rows.get(model):
            continue
        try:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[min(rows[model])])
        except NoReverseMatch:
            continue
        status = client.get(url).status_code
        assert status in (403, 404), f"{model._meta.label}: {status}"
        not_found.append(model._meta.label)
    assert len(not_found) >= 25, not_found  # the demo has rows in nearly every model
