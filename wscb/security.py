"""Response headers: the content security policy, and ``Cache-Control: no-store`` for signed-in pages.

Django's SecurityMiddleware already sends nosniff, the referrer policy, COOP and (in
production) HSTS; XFrameOptionsMiddleware sends ``X-Frame-Options: DENY``. This adds the
CSP (no inline script; ``frame-ancestors 'none'``).

Every response to a signed-in user is ``no-store`` (``SecurityHeadersMiddleware``): the
browser keeps no copy of a page with names, returns or case studies on it. A view that holds
nothing personal may opt out, explicitly and with its reason, and must then be on the reviewed
allow-list in ``tests/wscb/test_permission_matrix.py``::

    @may_be_cached("the back office's translation catalogue: the same JavaScript for everyone")
    def i18n_javascript(request): ...

Pages that anonymous visitors reach but that must not be stored either (sign-in, the second
step) use ``no_store`` (function views) or ``NoStoreMixin`` (class views)::

    @no_store
    def case_study_detail(request, pk): ...

    class ReturnDetailView(NoStoreMixin, SignedInMixin, DetailView): ...
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme

#: Set on a response by ``may_be_cached``: why the browser may keep it although someone is signed in.
MAY_BE_CACHED = "wscb_may_be_cached"


class SecurityHeadersMiddleware:
    """The CSP on every response; ``no-store`` on every response to a signed-in user unless the
    view opted out with ``may_be_cached``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not getattr(response, MAY_BE_CACHED, ""):
            _no_store(response)
        return response


def may_be_cached(reason: str):
    """Decorator for a view whose pages hold nothing personal: the browser may keep them even
    for a signed-in user. Give the reason; the view must also be on the reviewed allow-list."""
    if not reason.strip():
        raise ValueError("Say why this page may be kept by the browser.")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            setattr(response, MAY_BE_CACHED, reason)
            return response

        return wrapped

    return decorator


def _no_store(response):
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


def no_store(view):
    """Decorator: the response must not be kept by the browser or any cache."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return _no_store(view(request, *args, **kwargs))

    return wrapped


class NoStoreMixin:
    def dispatch(self, request, *args, **kwargs):
        return _no_store(super().dispatch(request, *args, **kwargs))


def next_from(request, default: str | None = "home") -> str:
    """The ``next`` address of a request (POST first, then the query), if it stays on this site.

    Every ``next`` in the project is read here (``tests/wscb/test_no_open_redirect.py`` fails on
    code that reads it itself), checked with Django's ``url_has_allowed_host_and_scheme``: another
    host, a scheme other than http(s) (https only on a secure request), ``//host``, ``\\host`` and
    the like give ``default`` instead (a URL name or path; ``None`` gives "").
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default) if default else ""
