"""Every URL is in the permission matrix, and every role gets what the matrix says."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.shortcuts import resolve_url
from django.urls import reverse

from tests import permission_matrix as matrix
from tests.conftest import client_for

ENTRIES = matrix.all_entries()

#: Signed-in GET pages the browser may keep (``wscb.security.may_be_cached``), each reviewed: they
#: hold nothing personal. Every other signed-in page must answer ``Cache-Control: no-store``.
MAY_BE_CACHED = {
    "admin:jsi18n": "the back office's translation catalogue: the same JavaScript for everyone",
}


def test_every_url_in_the_resolver_has_an_entry_in_the_matrix():
    covered = {entry.name for entry in ENTRIES}
    missing = sorted(matrix.resolver_names() - covered)
    assert not missing, f"URLs with no permission-matrix entry: {missing}"


def test_every_back_office_model_has_a_policy():
    policies = matrix.admin_policies()
    missing = sorted(
        model._meta.label_lower for model in admin.site._registry if model._meta.label_lower not in policies
    )
    assert not missing, f"Back-office models with no AdminPolicy in a tests/<app>/matrix.py: {missing}"


def test_the_matrix_names_no_url_that_does_not_exist():
    unknown = sorted({entry.name for entry in ENTRIES} - matrix.resolver_names())
    assert not unknown, f"Matrix entries for URLs that no longer exist: {unknown}"


@pytest.mark.parametrize("role", matrix.ROLES)
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.id)
def test_each_role_gets_what_the_matrix_says(entry, role, cast):
    user = getattr(cast, role)
    client = client_for(user)
    url = entry.path(cast) if entry.path else reverse(entry.name, kwargs=entry.kwargs(cast) if entry.kwargs else None)
    if entry.query:
        url = f"{url}?{entry.query}"
    response = getattr(client, entry.method)(url)
    expected = entry.expect[role]
    if expected == matrix.LOGIN:
        assert response.status_code == 302, (
            f"{role} {entry.id}: expected a redirect to sign in, got {response.status_code}"
        )
        assert response.url.startswith(resolve_url(settings.LOGIN_URL)), (
            f"{role} {entry.id}: redirected to {response.url}"
        )
        outcome = "login"
    else:
        assert response.status_code == expected, f"{role} {entry.id}: expected {expected}, got {response.status_code}"
        outcome = response.status_code
    if user is not None and entry.method == "get":
        cache_control = response.get("Cache-Control", "")
        if entry.name in MAY_BE_CACHED and response.status_code == 200:
            assert "no-store" not in cache_control, f"{entry.id} is allowed to be cached: why is it no-store?"
        else:
            assert "no-store" in cache_control, f"{role} {entry.id}: a signed-in page without no-store"
    matrix.record(entry, role, outcome)


# --- the second-board dimension -------------------------------------------------------------------
#: Pages that are the installation's, not a board's: administrators keep the boards themselves, the
#: audit trail and the sign-in records for every board, give accounts their boards (the user list's
#: board filter and the boards field name them all), and add an agency another board already has to
#: the board they are working in (a shared agency). A user of another board who is not an
#: administrator gets none of them.
INSTALLATION_PAGES = (
    "admin:partners_board_",
    "audit-",
    "admin:wscb_auditevent_",
    "admin:axes_",
    "admin:partners_user_add",
    "admin:partners_user_changelist",
    "admin:partners_boardmembership_add",
)

#: Pages open to everyone, without sign-in, that name the board of their address: a board's training
#: catalogue and its sessions, and the pages of a signed e-mail link (the link is the permission).
PUBLIC_PAGES = (
    "learning:catalogue",
    "learning:session",
    "learning:sign-up-done",
    "learning:cancel-link",
    "learning:offer-accept",
    "learning:approval",
)


@pytest.mark.parametrize("role", matrix.OTHER_BOARD_ROLES)
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.id)
def test_a_user_of_another_board_gets_nothing_of_this_board(entry, role, cast, second_board):
    """Every URL, asked for by the second board's business support and by an administrator working
    in the second board, with the objects of the first board (the cast's): refused (403), not found
    (404), sent elsewhere (302), or a page that shows none of the first board's records."""
    from tests.partners.second_board import board_markers, board_rows, leaks

    user = second_board.business_support if role == "other_board_support" else second_board.administrator
    client = client_for(user)
    url = entry.path(cast) if entry.path else reverse(entry.name, kwargs=entry.kwargs(cast) if entry.kwargs else None)
    if entry.query:
        url = f"{url}?{entry.query}"
    response = getattr(client, entry.method)(url)
    status = response.status_code
    assert status in (200, 302, 400, 403, 404, 405) or (entry.name, status) == ("health", 503), f"{role} {entry.id}"
    public = entry.name.startswith("public:") or entry.name.startswith(PUBLIC_PAGES)  # the public's, by definition
    installation = role == "other_board_admin" and entry.name.startswith(INSTALLATION_PAGES)
    if status in (200, 400) and not (public or installation):
        rows = board_rows(cast.board)
        found = leaks(response, rows, board_markers(cast.board, rows, except_in=board_rows(second_board.board)))
        assert not found, f"{role} {entry.id} shows the first board's records: {found[:10]}"
    matrix.record(entry, role, status)
