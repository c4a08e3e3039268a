"""The GOV.UK error pattern on every form page, the back office's included: a form sent back with
problems has "Error: " at the start of its title, an error summary, and a link from the summary to
each field with a problem.

Every page in the permission matrix that shows a form with fields is sent with every field left
empty (its hidden fields as the page gave them, as a browser sends them), as a role that may use
it; wherever the page comes back (rather than redirecting), the pattern must be there. A new form
page is covered as soon as it has its matrix entry.
"""

import html
import re

import pytest
from django.urls import reverse

from tests import permission_matrix as matrix
from tests.conftest import client_for
from wscb.error_titles import error_title

#: Who sends the form, in order of preference, among the roles the matrix lets in.
SENDERS = ("business_support", "administrator", "lead_a", "board_member", "anonymous")
#: Pages whose POST ends the session, deletes, or acts on a whole list (sent empty they would
#: delete the cast's records or sign the test client out): their forms have no fields to get wrong.
SKIPPED_WORDS = ("delete", "logout", "session-end", "sessions-end", "export", "board-switch", "_changelist")

POST_FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", re.IGNORECASE | re.DOTALL)
FIELD = re.compile(r"<(?:textarea|select)\b|<input\b(?![^>]*type=\"(?:hidden|submit|button)\")", re.IGNORECASE)
SUMMARY_LINK = re.compile(r'href="#([^"]+)"')
HIDDEN = re.compile(r"<input\b[^>]*type=\"hidden\"[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'(name|value)="([^"]*)"')


def _hidden_fields(form_body: str) -> dict:
    data = {}
    for tag in HIDDEN.findall(form_body):
        attributes = dict(ATTRIBUTE.findall(tag))
        if "name" in attributes:
            data[attributes["name"]] = html.unescape(attributes.get("value", ""))
    return data


def _form_pages():
    for entry in matrix.all_entries():
        if entry.method != "get" or entry.query or any(word in entry.name for word in SKIPPED_WORDS):
            continue
        sender = next((role for role in SENDERS if entry.expect.get(role) == 200), None)
        if sender is not None:
            yield pytest.param(entry, sender, id=entry.id)


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    return " ".join(match.group(1).split()) if match else ""


def _summary(html: str) -> str:
    match = re.search(r"<div[^>]*data-error-summary[^>]*>(.*?)</div>", html, re.DOTALL)
    return match.group(1) if match else ""


@pytest.mark.django_db
@pytest.mark.parametrize(("entry", "sender"), list(_form_pages()))
def test_a_form_sent_back_with_problems_says_so_in_its_title_and_links_to_each_field(entry, sender, cast):
    client = client_for(getattr(cast, sender))
    url = entry.path(cast) if entry.path else reverse(entry.name, kwargs=entry.kwargs(cast) if entry.kwargs else None)
    page = client.get(url)
    if page.streaming or not page.get("Content-Type", "").startswith("text/html"):
        pytest.skip("not a page")
    forms_with_fields = [body for body in POST_FORM.findall(page.content.decode()) if FIELD.search(body)]
    if page.status_code != 200 or not forms_with_fields:
        pytest.skip("no form with fields on this page")
    response = client.post(url, _hidden_fields(forms_with_fields[0]))
    if response.status_code in (301, 302, 303, 403, 404, 405):
        return  # nothing to show: the form was accepted or refused as a whole
    content = response.content.decode()
    assert "data-error-summary" in content, f"{entry.id}: the form came back ({response.status_code}) with no summary"
    assert _title(content).startswith("Error: "), f"{entry.id}: title {_title(content)!r}"
    for anchor in SUMMARY_LINK.findall(_summary(content)):
        assert f'id="{anchor}"' in content, f"{entry.id}: the summary links to #{anchor}, which is not on the page"
    assert "This field is required." not in content, f"{entry.id}: a generic message is shown"


def test_the_title_gets_the_prefix_once_and_only_with_a_summary():
    page = b"<html><head><title>Add a meeting</title></head><body><div data-error-summary></div></body></html>"
    assert b"<title>Error: Add a meeting</title>" in error_title(page)
    assert error_title(error_title(page)) == error_title(page)
    assert error_title(b"<title>Add a meeting</title>") == b"<title>Add a meeting</title>"
    admin_page = b"<title>Error: Add partner | Back office</title><div data-error-summary>"
    assert error_title(admin_page) == admin_page
