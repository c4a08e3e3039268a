"""Session lifetime, current-board and busy-database middleware."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject

from wscb.boards import current_board

SIGNED_IN_AT = "signed_in_at"
logger = logging.getLogger(__name__)


def stamp_sign_in_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()


class AbsoluteSessionLifetimeMiddleware:
    """Ends a session SESSION_ABSOLUTE_LIFETIME after sign-in however active it has been.

    The idle limit is Django's own (SESSION_COOKIE_AGE renewed on every request).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            if signed_in_at is None:
                request.session[SIGNED_IN_AT] = time.time()
            elif time.time() - signed_in_at > settings.SESSION_ABSOLUTE_LIFETIME.total_seconds():
                logout(request)
                messages.info(request, "Your session has ended after 12 hours. Please sign in again.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class CurrentBoardMiddleware:
    """Sets ``request.board``: the board the user is working for (chosen in the header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.board = SimpleLazyObject(lambda: current_board(request))
        return self.get_response(request)


#: How long the "please try again" page asks the browser (and any client) to wait, in seconds.
BUSY_RETRY_AFTER = 5


def is_database_busy(error: BaseException) -> bool:
    """SQLite's "database is locked": a writer waited the configured ``timeout`` for the write lock."""
    return isinstance(error, OperationalError) and "database is locked" in str(error).lower()


class DatabaseBusyMiddleware:
    """A write that could not get SQLite's write lock in time gets a friendly "please try again" page
    (HTTP 503 with Retry-After, in the normal layout) instead of a server error. Nothing was saved: the
    request's transaction was rolled back. Any other database error goes on to the usual 500 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_busy(exception):
            return None
        logger.warning("Database busy on %s %s: %s", request.method, request.path, exception)
        try:
            response = render(request, "503.html", status=503)
        except DatabaseError:  # the layout reads the database too; fall back to a page that does not
            response = HttpResponse(render_to_string("503_plain.html"), status=503)
        response["Retry-After"] = str(BUSY_RETRY_AFTER)
        return response
