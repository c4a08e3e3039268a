"""SQLite's write lock: a request that waited too long for it gets a "please try again" page, not a 500."""

import logging

from django.db import DatabaseError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


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
