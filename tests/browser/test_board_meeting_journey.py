"""Business support builds a meeting's agenda with three items and two PDF papers, compiles the board
pack through a real worker, publishes it and sends the invitations; a board member gets the e-mail
with the pack's link and the .ics, and opens the pack (a bookmark per item, pages in order); after the
meeting business support records a decision and a declaration, drafts the minutes, records their
approval at the next meeting, and the minutes then refuse edits. Axe on every page reached."""

import base64
import datetime
import io
import re
import time

import pytest
from pypdf import PdfReader

from tests.jobs.worker import WorkerProcess
from tests.meetings.factories import GroupFactory, MeetingFactory, MembershipFactory, PersonFactory, pdf_bytes
from wscb.mail.models import Email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def worker(media, live_server):
    process = WorkerProcess(env={"DJANGO_MEDIA_ROOT": str(media), "DJANGO_PORTAL_BASE_URL": live_server.url})
    yield process
    process.stop()
    process.close()


def sent_to(address, *, kind, timeout=120):
    """The e-mail of ``kind`` to ``address`` once the worker has sent it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for email in Email.objects.filter(kind=kind, status=Email.Status.SENT):
            if email.to == [address]:
                return email
        time.sleep(0.3)
    raise AssertionError(f"No {kind} e-mail was sent to {address}")


def test_a_board_meeting_from_agenda_to_approved_minutes(
    business_support, board_member, board, agency_a, sign_in, live_server, assert_accessible, worker, tmp_path, settings
):
    settings.PORTAL_BASE_URL = live_server.url  # the links in the e-mails
    group = GroupFactory(board=board, name="Safeguarding Board")
    MembershipFactory(group=group, person=PersonFactory(full_name="Bea Member", partner=agency_a, user=board_member))
    papers = {}
    for name in ("Budget report", "Audit findings"):
        papers[name] = tmp_path / f"{name}.pdf"
        papers[name].write_bytes(pdf_bytes(name, pages=2))

    page = sign_in(business_support)
    page.goto(f"{live_server.url}/meetings/add/")
    page.get_by_label("Group").select_option(label="Safeguarding Board")
    page.get_by_label("Date").fill("2016-09-05")
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Venue").fill("Town Hall")
    page.get_by_role("button", name="Save the meeting").click()
    page.wait_for_load_state()
    meeting_url = page.url

    for title, purpose in [
        ("Budget", "For decision"),
        ("Audit", "For discussion"),
        ("Any other business", "For information"),
    ]:
        page.get_by_role("link", name="Add an agenda item").click()
        page.wait_for_load_state()
        page.get_by_label("Title").fill(title)
        page.get_by_label("Purpose").select_option(label=purpose)
        page.get_by_label("Time allowed (minutes)").fill("20")
        if title == "Budget":
            assert_accessible(page)
        page.get_by_role("button", name="Save the item").click()
        page.wait_for_load_state()
    for number, name in [(1, "Budget report"), (2, "Audit findings")]:
        page.get_by_role("link", name=f"Add a paper to item {number}").click()
        page.wait_for_load_state()
        page.get_by_label("Title").fill(name)
        page.get_by_label("Paper").set_input_files(str(papers[name]))
        if number == 1:
            assert_accessible(page)
        page.get_by_role("button", name="Upload the paper").click()
        page.wait_for_load_state()
    assert page.locator("#agenda-items > li").count() == 3
    assert_accessible(page)

    page.get_by_role("button", name="Compile the board pack").click()
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))
    assert_accessible(page)
    result = page.get_by_role("link", name="Back to the meeting's papers")
    result.wait_for(timeout=180_000)
    result.click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Publish the papers to members").click()
    page.wait_for_load_state()
    assert board_member.email in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Publish and e-mail the members").click()
    page.wait_for_load_state()
    assert "The papers are published" in page.inner_text(".messages")
    page.get_by_role("link", name="Send the calendar invitations").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Send the invitations").click()
    page.wait_for_load_state()

    papers_email = sent_to(board_member.email, kind="meetings.papers")
    invitation = sent_to(board_member.email, kind="meetings.invitation")
    pack_link = re.search(r"(http\S+/pack/)", papers_email.body).group(1)
    (attachment,) = invitation.attachments  # the outbox keeps an attachment's bytes in base64
    ics = base64.b64decode(attachment["content"]).decode("utf-8")
    assert attachment["filename"] == "invitation.ics" and attachment["content_type"].startswith("text/calendar")
    assert "METHOD:REQUEST" in ics and "SEQUENCE:0" in ics

    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    page = sign_in(board_member)
    page.goto(meeting_url)
    assert page.get_by_role("link", name="Download the board pack").is_visible()
    assert_accessible(page)
    pack = page.request.get(pack_link)
    assert pack.status == 200 and pack.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pack.body()))
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert titles == ["Cover and agenda", "1. Budget", "2. Audit", "3. Any other business"]
    texts = [page_.extract_text() for page_ in reader.pages]
    first_paper = reader.get_destination_page_number(reader.outline[1])
    assert "Budget report, page 3" in texts[first_paper - 1].replace("\n", " ")  # the agenda says where
    papers_pages = texts[first_paper:]
    order = [line for text in papers_pages for line in text.splitlines() if re.match(r"(Budget|Audit) \w+, page", line)]
    assert order == [
        "Budget report, page 1",
        "Budget report, page 2",
        "Audit findings, page 1",
        "Audit findings, page 2",
    ]
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]

    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    page = sign_in(business_support)
    page.goto(meeting_url)
    page.get_by_role("link", name="Record attendance").click()
    page.wait_for_load_state()
    page.get_by_label("Status of Bea Member").select_option("present")
    page.get_by_role("button", name="Save the attendance").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Minutes, decisions and declarations").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Record a decision on item 1").click()
    page.wait_for_load_state()
    page.get_by_label("Decision").fill("The budget for 2017/18 is agreed.")
    page.get_by_label("Votes for").fill("9")
    page.get_by_label("Votes against").fill("0")
    assert_accessible(page)
    page.get_by_role("button", name="Record it").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Record a declaration on item 2").click()
    page.wait_for_load_state()
    page.get_by_label("Declared by").select_option(label="Bea Member (Agency A)")
    page.get_by_label("The interest declared").fill("Her sister works for the auditor.")
    page.get_by_role("button", name="Record it").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Draft the minutes").click()
    page.wait_for_load_state()
    page.get_by_label("1. Budget").fill("The treasurer presented the budget.")
    assert_accessible(page)
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()
    assert "draft, not yet approved." in page.inner_text("#minutes-status")
    minutes_text = page.inner_text("main")
    assert "The budget for 2017/18 is agreed. (for 9, against 0" in minutes_text
    assert "Bea Member: Her sister works for the auditor." in minutes_text

    MeetingFactory(group=group, held_on=datetime.date(2016, 12, 5))
    page.get_by_role("link", name="Record the approval").click()
    page.wait_for_load_state()
    page.get_by_label("Approved at the meeting of").select_option(label="05/12/2016")
    page.get_by_label("Approved on").fill("2016-12-05")
    assert_accessible(page)
    page.get_by_role("button", name="Approve the minutes").click()
    page.wait_for_load_state()
    status = page.inner_text("#minutes-status")
    assert "approved on 05/12/2016 at the meeting of 05/12/2016" in status
    assert page.get_by_role("link", name="Draft the minutes").count() == 0
    assert page.get_by_role("link", name="Edit the draft").count() == 0
    page.goto(page.url.replace("/minutes/", "/minutes/draft/"))
    page.wait_for_load_state()
    assert "approved and cannot change" in page.inner_text(".messages")
    assert_accessible(page)
