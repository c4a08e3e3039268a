"""Pages kept per state of the data: the part of a page made from records is rendered once per
state of its board's data and then served from Django's cache, until a write moves the board's
data version (``wscb.data.changes``). A repeated view costs one lookup of the version and one of
the cache; a change is on the very next view.

    body = cached_fragment(
        request,
        name="dashboards.dashboard",
        parts=(year.start_year,),
        render=lambda: render_to_string("dashboards/_dashboard_body.html", {...}, request=request),
    )
    return render(request, "dashboards/dashboard.html", {"year": year, "body": body})

The key is made of everything the fragment depends on besides the records: the page and its
``parts`` (year, agency...), the board, what the viewer may see (role, and a partner lead's agency:
the scoped selectors decide by nothing else), the day (pages say what is overdue), the data
version and the code version (a deployment never shows what the old code made). So the fragment
must not hold anything personal to one request: no CSRF token (refused when stored), no user's
name, no ``?next=`` of the request. The base layout around it (header, messages, the form tokens)
is rendered for each request as usual.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from wscb.data.changes import code_version, data_version
from wscb.roles import Role

#: How long an unused page stays in the cache (its key dies with the day anyway).
PAGE_TIMEOUT = 24 * 3600


def viewer_key(user) -> str:
    """What decides which records a viewer sees: their role, and a partner lead's agency."""
    if user is None or not user.is_authenticated:
        return "anonymous"
    agency = user.partner_id if user.role == Role.PARTNER_LEAD else ""
    return f"{user.role}:{agency or ''}"


def request_data_version(request, board) -> str:
    """``board``'s data version, read once per GET or HEAD request however many parts of the page
    ask (its year chooser, its kept fragment); read afresh at every call in other requests, which
    may write between two calls. A GET writes nothing a page shows (its tables are exempt)."""
    if getattr(request, "method", None) not in ("GET", "HEAD"):
        return data_version(board)
    memo = request.__dict__.setdefault("_data_versions", {})
    if board.pk not in memo:
        memo[board.pk] = data_version(board)
    return memo[board.pk]


def fragment_key(*, name: str, board_id: int, parts: tuple, viewer: str, version: str) -> str:
    day = timezone.localdate().isoformat()
    raw = "|".join([name, str(board_id), *map(str, parts), viewer, day, version, code_version()])
    return f"page:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cached_fragment(request, *, name: str, render: Callable[[], str], parts: tuple = ()) -> SafeString:
    """The HTML ``render()`` makes for the request's board, from the cache when nothing it reads has
    changed. The data version is read before rendering, so a fragment is never stored under a
    version older than the records it shows."""
    board = getattr(request, "board", None)
    if not board:  # no board yet (request.board is lazy: its truth is the board's)
        return mark_safe(render())  # noqa: S308 - our own template's output
    key = fragment_key(
        name=name,
        board_id=board.pk,
        parts=parts,
        viewer=viewer_key(request.user),
        version=request_data_version(request, board),
    )
    html = cache.get(key)
    if html is None:
        html = render()
        if "csrfmiddlewaretoken" in html:
            raise ImproperlyConfigured(f"The cached fragment {name} holds a form's CSRF token: keep forms outside it.")
        cache.set(key, html, PAGE_TIMEOUT)
    return mark_safe(html)  # noqa: S308 - our own template's output
