"""The board's word is data: for a board whose term is "Partnership" (and whose own names and texts
never say "Board", tests/partners/second_board.py), no page, e-mail or report (HTML, PDF text, Word)
says "Board" or "board".

Pages are found by following links from each role's start page (portal pages; the back office is
checked on its index and the change lists and forms business support uses), so a new page is
checked as soon as something links to it. Words allowed because they do not name the board:
"dashboard" (not a whole word), "board pack" (a meeting's papers).
"""

import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from reports.annual import outputs
from reports.annual.assembly import build_report
from reports.selfreports import emails
from tests.conftest import client_for
from wscb.periods import ReportingYear
from wscb.scoping import board_scope

pytestmark = pytest.mark.django_db

YEAR = ReportingYear(2016)
WORD = re.compile(r"\bboards?\b", re.IGNORECASE)
ALLOWED = re.compile(r"\bboard packs?\b", re.IGNORECASE)
#: Links not followed: signing out, leaving the portal, files that are not pages.
SKIP = re.compile(r"^/(account/sign-out|static/|media/)|\.(pdf|docx|xlsx|csv)$|/export|format=|/documents/")


class _Text(HTMLParser):
    """The text a person reads or hears: text nodes (not scripts or styles) and labelling attributes."""

    LABELS = ("aria-label", "title", "alt", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [attributes[name] for name in self.LABELS if attributes.get(name)]
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.parts.append(attributes["value"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def board_words_in(text: str) -> list[str]:
    text = ALLOWED.sub("", text)
    return [text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ") for m in WORD.finditer(text)]


def _read(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def crawl(client, start: str, *, limit: int = 200, within: str = "/") -> dict[str, list[str]]:
    """Follow same-site links from ``start`` (at most two pages of one shape, such as
    /meetings/N/); {url: the board words found on it}."""
    seen, queue, found, shapes = set(), [start], {}, {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or shapes.get(_shape(url), 0) >= 2:
            continue
        seen.add(url)
        shapes[_shape(url)] = shapes.get(_shape(url), 0) + 1
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = _read(response.content.decode())
        words = board_words_in(" ".join(page.parts))
        if words:
            found[url] = words
        for href in page.links:
            target = urljoin(url, href.split("#")[0])
            parts = urlsplit(target)
            if parts.scheme not in ("", "http") or (parts.netloc and parts.netloc != "testserver"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            into_the_back_office = within == "/" and path.startswith("/admin/")
            if path.startswith(within) and not SKIP.search(path) and path not in seen and not into_the_back_office:
                queue.append(path)
    crawl.seen = seen
    return found


@pytest.fixture
def partnership(second_board_records):
    return second_board_records


@pytest.mark.parametrize("role", ["business_support", "board_member", "lead", "administrator"])
def test_no_portal_page_of_a_partnership_says_board(partnership, role):
    client = client_for(getattr(partnership, role))
    found = crawl(client, reverse("home"))
    assert not found, found
    assert len(crawl.seen) >= {"lead": 15, "board_member": 40}.get(role, 80)  # it really went through the portal


def test_the_back_office_of_a_partnership_does_not_say_board(partnership):
    client = client_for(partnership.business_support)
    found = crawl(client, reverse("admin:index"), within="/admin/", limit=80)
    assert not found, found


def test_no_e_mail_of_a_partnership_says_board(partnership, client):
    """The partner-update e-mails (queued in the outbox: wscb/mail) and the password reset (sent at once)."""
    from training.services import Delegate, booking_cancel, booking_create
    from wscb.mail.models import Email

    report = partnership.records.report
    mail.outbox.clear()
    emails.send_invitation(report=report)
    emails.send_reminder(report=report, today=report.round.deadline)
    emails.send_returned(report=report)
    session = partnership.records.course.sessions.create(starts_on="2017-02-01", places_available=1)
    first = booking_create(
        session=session, delegate=Delegate(name="Midshire One", email="one@midshire.test", partner=partnership.police)
    )
    booking_create(
        session=session, delegate=Delegate(name="Midshire Two", email="two@midshire.test", partner=partnership.police)
    )
    booking_cancel(booking=first)  # the waiting list's place offer
    client.post(reverse("password_reset"), {"email": partnership.business_support.email})
    messages = [(email.subject, email.body) for email in Email.objects.filter(board=partnership.board)]
    messages += [(message.subject, message.body) for message in mail.outbox]
    assert len(messages) >= 5, messages
    for subject, body in messages:
        assert not board_words_in(f"{subject}\n{body}"), (subject, body)


def test_the_report_of_a_partnership_does_not_say_board_in_html_pdf_or_word(partnership):
    from docx import Document

    with board_scope(partnership.board):
        report = build_report(board=partnership.board, year=YEAR)
        html = outputs.render_html(report)
        word = outputs.render_docx(report)
        pdf, _pages = outputs.render_pdf(report)
    assert not board_words_in(" ".join(_read(html).parts)), board_words_in(" ".join(_read(html).parts))
    document = Document(io.BytesIO(word))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts += [paragraph.text for section in document.sections for paragraph in section.header.paragraphs]
    assert not board_words_in("\n".join(texts)), board_words_in("\n".join(texts))
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF's text was not checked")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Midshire" in text
    assert not board_words_in(text), board_words_in(text)


def test_the_words_check_finds_board_where_it_is_said(board, board_member):
    """The check can fail: the demo-named board's own pages say "Board"."""
    assert board_words_in("Advisor to the Board") and board_words_in("the board's members")
    assert not board_words_in("the dashboard, the board pack")
    assert crawl(client_for(board_member), reverse("home"), limit=3)
