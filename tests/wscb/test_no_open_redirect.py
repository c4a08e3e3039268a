"""Finding (Medium): an open redirect through the back-office sign-in.

``GET /admin/login/?next=https://evil.example/phish`` sent a signed-in staff user to the other
site, also when chained through the portal's sign-in. Every ``next`` in the project now goes
through ``wscb.security.safe_next`` (Django's ``url_has_allowed_host_and_scheme``):
``test_no_code_reads_next_without_safe_next`` fails when a new place reads ``next`` itself.
"""

import ast
import re
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.partners.factories import TEST_PASSWORD
from tests.wscb.test_import_graph import project_modules
from tests.wscb.test_two_factor import password_only

pytestmark = pytest.mark.django_db

HOSTILE_NEXT = [
    "https://evil.example/phish",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "////evil.example/",
    "\\\\evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "https:evil.example",
    "https:/evil.example",
    " https://evil.example",
    "\thttps://evil.example",
    "https://testserver@evil.example",
    "https://testserver.evil.example/",
    "javascript:alert(1)",
    "data:text/html,<b>hi</b>",
    "/admin/login/?next=https://evil.example/phish",
    "/account/sign-in/?next=//evil.example",
    "/admin/login/?next=/admin/login/?next=//evil.example",
]


def off_site(location: str, base: str) -> bool:
    """Where a browser would go: it drops surrounding blanks and tabs, reads a backslash as a
    slash and any run of two or more leading slashes as the start of another host."""
    text = re.sub(r"[\t\r\n]", "", location).strip().replace("\\", "/")
    text = re.sub(r"^/{2,}", "//", text)
    target = urlsplit(urljoin(base, text))
    return target.scheme not in ("http", "https") or target.hostname != "testserver"


def hops(client, method: str, url: str, data=None, limit: int = 6):
    """Every Location the client is sent to, following redirects on the site."""
    response = getattr(client, method)(url, data or {})
    seen = []
    while response.status_code in (301, 302, 303, 307, 308) and len(seen) < limit:
        location = response["Location"]
        seen.append(location)
        if off_site(location, "http://testserver" + url):
            return seen
        url = urljoin("http://testserver" + url, location)
        split = urlsplit(url)
        response = client.get(split.path + (f"?{split.query}" if split.query else ""))
    return seen


def assert_stays_on_site(locations):
    bad = [location for location in locations if off_site(location, "http://testserver/")]
    assert not bad, f"sent off the site: {bad}"


@pytest.mark.parametrize("hostile", HOSTILE_NEXT)
def test_the_back_office_sign_in_never_sends_a_signed_in_user_off_the_site(hostile, business_support):
    assert_stays_on_site(hops(client_for(business_support), "get", f"/admin/login/?{urlencode({'next': hostile})}"))


@pytest.mark.parametrize("hostile", HOSTILE_NEXT)
def test_the_back_office_sign_in_never_sends_an_anonymous_visitor_off_the_site(hostile):
    client = Client()
    locations = hops(client, "get", f"/admin/login/?{urlencode({'next': hostile})}")
    assert_stays_on_site(locations)
    # and signing in from where it lands stays on the site too
    last = urlsplit(locations[-1]) if locations else None
    if last is not None and last.path == reverse("login"):
        assert_stays_on_site(hops(client, "post", f"{last.path}?{last.query}", {"username": "x@y.z"}))


@pytest.mark.parametrize("hostile", HOSTILE_NEXT)
def test_the_portal_sign_in_never_sends_anyone_off_the_site_even_through_the_back_office(hostile, board_member):
    client = Client()
    data = {"username": board_member.email, "password": TEST_PASSWORD, "next": hostile}
    assert_stays_on_site(hops(client, "post", reverse("login"), data))


@pytest.mark.parametrize("hostile", HOSTILE_NEXT)
def test_the_second_step_and_the_board_switch_never_send_anyone_off_the_site(hostile, administrator, board):
    from tests.conftest import verified_device
    from tests.wscb.test_two_factor import code_for

    device = verified_device(administrator)
    client = Client()
    password_only(client, administrator)
    assert_stays_on_site(hops(client, "get", f"{reverse('two-factor-verify')}?{urlencode({'next': hostile})}"))
    assert_stays_on_site(
        hops(client, "post", reverse("two-factor-verify"), {"code": code_for(device), "next": hostile})
    )
    assert_stays_on_site(hops(client, "post", reverse("board-switch"), {"board": board.pk, "next": hostile}))
    assert_stays_on_site(hops(client, "post", reverse("logout"), {"next": hostile}))


def _reads_next(node) -> bool:
    """``request.GET.get("next")``, ``request.POST["next"]`` and the like."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "getlist"):
        owner, args = node.func.value, node.args
    elif isinstance(node, ast.Subscript):
        owner, args = node.value, [node.slice]
    else:
        return False
    return (
        isinstance(owner, ast.Attribute)
        and owner.attr in ("GET", "POST", "REQUEST")
        and bool(args)
        and isinstance(args[0], ast.Constant)
        and args[0].value == "next"
    )


def test_no_code_reads_next_without_safe_next():
    readers = []
    for name, path in project_modules().items():
        if name == "wscb.security":
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if _reads_next(node):
                readers.append(f"{name}:{node.lineno}")
    assert readers == [], f"read 'next' through wscb.security.next_from(request) instead: {readers}"
