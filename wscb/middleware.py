"""Session lifetime and current-board middleware."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.functional import SimpleLazyObject

from wscb.boards import current_board

SIGNED_IN_AT = "signed_in_at"


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
