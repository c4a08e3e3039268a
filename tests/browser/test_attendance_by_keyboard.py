"""Business support records a 37-member meeting's attendance with the keyboard alone: everyone
marked present, one apology, one deputy with name and job title, in at most 80 key presses (every
key counted, the letters typed included); and the page keeps full status labels at 320 px."""

import pytest

from meetings import services
from meetings.models import Attendance
from tests.meetings.factories import GroupFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEMBERS = 37
APOLOGY, DEPUTY = 3, 30  # positions in the list, counting from 1
KEY_BUDGET = 80


class Keyboard:
    """The page's keyboard, counting every key pressed."""

    def __init__(self, page):
        self.page = page
        self.presses = 0

    def press(self, key, times=1):
        for _ in range(times):
            self.page.keyboard.press(key)
            self.presses += 1

    def type(self, text):
        for character in text:
            self.press(character)

    def focused_label(self) -> str:
        return self.page.evaluate(
            "() => { const el = document.activeElement; const label = el.labels && el.labels[0];"
            " return label ? label.textContent.trim() : (el.textContent || '').trim(); }"
        )


@pytest.fixture
def big_meeting(board, business_support):
    group = GroupFactory(board=board, name="Safeguarding Board", quorum_minimum_members=10)
    memberships = [
        MembershipFactory(group=group, person=PersonFactory(full_name=f"Member {number:02d}"), order=number)
        for number in range(1, MEMBERS + 1)
    ]
    meeting = MeetingFactory(group=group)
    # An earlier save had five members absent: "Mark everyone present" has something to undo.
    services.attendance_record(
        meeting=meeting,
        entries=[
            services.MemberEntry(membership=membership, status="absent" if index < 5 else "present")
            for index, membership in enumerate(memberships)
        ],
        others=[],
        version=meeting.version,
        by=business_support,
    )
    meeting.refresh_from_db()
    return meeting


def test_attendance_for_37_members_is_recorded_by_keyboard_in_at_most_80_presses(
    big_meeting, business_support, sign_in, live_server
):
    page = sign_in(business_support)
    page.goto(f"{live_server.url}/meetings/{big_meeting.pk}/attendance/")
    keys = Keyboard(page)

    keys.press("Tab")  # the skip link
    assert keys.focused_label() == "Skip to main content"
    keys.press("Enter")
    keys.press("Tab")
    assert keys.focused_label() == "Mark everyone present"
    keys.press("Enter")
    statuses = page.locator("[data-attendance-form] select[name$='-status']")
    assert statuses.count() == MEMBERS
    assert set(statuses.evaluate_all("els => els.map(el => el.value)")) == {"present"}

    keys.press("Tab", APOLOGY)
    assert keys.focused_label() == f"Status of Member {APOLOGY:02d}"
    keys.press("a")  # Apologies sent

    keys.press("Tab", DEPUTY - APOLOGY)  # one Tab stop per member: no hidden deputy fields in the way
    assert keys.focused_label() == f"Status of Member {DEPUTY:02d}"
    keys.press("r")  # Represented by a deputy: the deputy's fields appear, next in the Tab order
    keys.press("Tab")
    assert keys.focused_label() == f"Deputy's name for Member {DEPUTY:02d}"
    keys.type("Dee Deputy")
    keys.press("Tab")
    keys.type("Inspector")
    with page.expect_navigation():
        keys.press("Enter")  # Enter in a text box sends the form: Save the attendance

    assert "The attendance has been saved." in page.inner_text(".messages")
    assert keys.presses <= KEY_BUDGET, f"{keys.presses} key presses"
    rows = {row.name: row for row in Attendance.objects.filter(meeting=big_meeting)}
    assert rows[f"Member {APOLOGY:02d}"].status == Attendance.Status.APOLOGIES
    deputy = rows[f"Member {DEPUTY:02d}"]
    assert (deputy.status, deputy.deputy_name, deputy.deputy_job_title) == ("deputy", "Dee Deputy", "Inspector")
    others = [row for name, row in rows.items() if name not in (f"Member {APOLOGY:02d}", f"Member {DEPUTY:02d}")]
    assert len(others) == MEMBERS - 2 and {row.status for row in others} == {Attendance.Status.PRESENT}


def test_deputy_fields_show_only_for_a_deputy_and_labels_are_whole_at_320_px(
    big_meeting, business_support, sign_in, live_server
):
    page = sign_in(business_support)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/meetings/{big_meeting.pk}/attendance/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    deputy_name = page.get_by_label("Deputy's name for Member 01")
    assert not deputy_name.is_visible()
    status = page.get_by_label("Status of Member 01")
    status.select_option("deputy")
    assert deputy_name.is_visible()
    # The chosen status is shown whole: the control is wide enough for its longest label.
    fits = status.evaluate(
        "el => { const probe = document.createElement('span'); probe.style.font = getComputedStyle(el).font;"
        " probe.textContent = 'Represented by a deputy'; document.body.append(probe);"
        " const wide = probe.getBoundingClientRect().width; probe.remove(); return el.clientWidth - 40 >= wide; }"
    )
    assert fits
    status.select_option("present")
    assert not deputy_name.is_visible()


def test_without_javascript_the_deputy_fields_show_and_mark_everyone_present_reloads_the_form(
    big_meeting, business_support, sign_in, live_server, browser
):
    signed_in = sign_in(business_support)
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(signed_in.context.cookies())
    page = context.new_page()
    page.goto(f"{live_server.url}/meetings/{big_meeting.pk}/attendance/")
    assert page.get_by_label("Status of Member 01").input_value() == "absent"
    assert page.get_by_label("Deputy's name for Member 01").is_visible()
    page.get_by_role("link", name="Mark everyone present").click()
    page.wait_for_load_state()
    values = page.locator("select[name$='-status']").evaluate_all("els => els.map(el => el.value)")
    assert set(values) == {"present"}
    assert Attendance.objects.filter(meeting=big_meeting, status="absent").count() == 5  # nothing saved yet
    page.get_by_role("button", name="Save the attendance").click()
    page.wait_for_load_state()
    assert not Attendance.objects.filter(meeting=big_meeting, status="absent").exists()
    context.close()
