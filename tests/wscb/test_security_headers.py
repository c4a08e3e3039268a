"""Response headers on sample pages: CSP without inline script, framing refused, nosniff,
referrer policy, and ``Cache-Control: no-store`` on sign-in and account pages."""

import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.views import View

from wscb.security import NoStoreMixin, no_store

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)


def sample_pages(cast):
    return [
        (None, reverse("login")),
        (None, reverse("password_reset")),
        (cast.lead_a, reverse("home")),
        (cast.lead_a, reverse("partners:partner-detail", args=[cast.agency_a.pk])),
        (cast.board_member, reverse("partners:partner-list")),
        (cast.business_support, reverse("home")),
        (cast.business_support, "/admin/"),
        (cast.business_support, reverse("admin:partners_partner_change", args=[cast.agency_a.pk])),
        (cast.administrator, reverse("admin:partners_user_change", args=[cast.lead_a.pk])),
        (cast.administrator, reverse("audit-list")),
        (cast.lead_a, "/no-such-page/"),
        (cast.business_support, reverse("two-factor-setup")),
    ]


def test_every_sample_page_sends_the_security_headers(cast, as_user):
    checked = 0
    for user, url in sample_pages(cast):
        response = as_user(user).get(url)
        assert response.status_code in (200, 404), url
        csp = response["Content-Security-Policy"]
        for directive in ("script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in csp, (url, directive)
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        checked += 1
    assert checked == 12


def test_no_sample_page_has_an_inline_script_so_the_policy_breaks_nothing(cast, as_user):
    for user, url in sample_pages(cast):
        html = as_user(user).get(url).content.decode()
        assert not INLINE_SCRIPT.findall(html), url


@pytest.mark.parametrize(
    "name", ["login", "password_change", "two-factor", "two-factor-setup", "sessions", "audit-list"]
)
def test_sign_in_and_account_pages_are_not_stored(name, as_user, cast):
    user = None if name == "login" else cast.administrator
    response = as_user(user).get(reverse(name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_pages_with_personal_data_are_not_cached_by_the_browser(as_user, cast):
    """Finding (Low): agency people, attendance, delegates, return status lists and agency profiles
    were sent without no-store. Every signed-in page is no-store now (a middleware), unless its view
    opted out with ``may_be_cached``; the permission-matrix test checks every signed-in GET page."""
    from tests.meetings.factories import MeetingFactory
    from tests.training.factories import SessionFactory

    meeting, session = MeetingFactory(group__board=cast.board), SessionFactory(course__board=cast.board)
    pages = [
        reverse("partners:partner-detail", args=[cast.agency_a.pk]),  # the agency's people
        reverse("meetings:meeting-detail", args=[meeting.pk]),  # attendance
        reverse("meetings:attendance-summary"),
        reverse("training:session-detail", args=[session.pk]),  # delegates
        reverse("reports:selfreport-list"),  # return status
        reverse("dashboards:agency-profile", args=[cast.agency_a.pk]),
        reverse("partners:partner-list"),
    ]
    client = as_user(cast.business_support)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url


def test_an_anonymous_page_that_opted_for_nothing_may_be_cached(client):
    assert "no-store" not in client.get(reverse("password_reset")).get("Cache-Control", "")


def test_a_view_may_opt_out_only_with_a_reason():
    from wscb.security import may_be_cached

    with pytest.raises(ValueError):
        may_be_cached(" ")


def test_the_decorator_and_the_mixin_add_no_store():
    request = RequestFactory().get("/")

    @no_store
    def view(request):
        return HttpResponse("case study")

    class PageView(NoStoreMixin, View):
        def get(self, request):
            return HttpResponse("return")

    for response in (view(request), PageView.as_view()(request)):
        assert "no-store" in response["Cache-Control"]
        assert "max-age=0" in response["Cache-Control"]
