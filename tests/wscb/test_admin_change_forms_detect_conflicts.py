"""Reliability plan T60: the back office (Django admin) change forms of versioned records refuse a
stale save instead of silently overwriting, and their saves raise the version the portal checks.

Each test drives the real admin URL: open the change form (GET), someone else changes the row, the
form as the browser would send it is POSTed -> 200 with the conflict message and the row unchanged;
a fresh form saves and raises the version by one."""

import datetime
import threading
from html.parser import HTMLParser

import pytest
from django.db import connection, connections
from django.urls import reverse

from meetings import services as meetings_services
from meetings.models import Attendance, Meeting
from tests.meetings.factories import AttendanceFactory, GroupFactory, MeetingFactory
from tests.training.factories import BookingFactory, CourseFactory, SessionFactory
from training import services as training_services
from training.models import Booking, Session
from wscb.data.versions import CONFLICT_MESSAGE, VersionedModelAdmin

pytestmark = pytest.mark.django_db

CONFLICT = "This record was changed by someone else while you were editing it"


class _FormFields(HTMLParser):
    """What a browser would submit from the admin's change form: every named control with its value."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.append((name, ""))

    def handle_data(self, data):
        if self._textarea:
            name, value = self.data[-1]
            self.data[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def open_change_form(client, model, pk):
    """GET the admin change form; return the fields it would POST (a dict, lists for multiple values)."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    response = client.get(url)
    assert response.status_code == 200
    parser = _FormFields(f"{model._meta.model_name}_form")
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    assert "version" in data, "the change form carries the version it was opened with"
    return url, {name: values if len(values) > 1 else values[0] for name, values in data.items()}


def assert_refused(response):
    assert response.status_code == 200
    page = response.content.decode()
    assert CONFLICT in page
    assert "Reload the page" in page
    assert response.context["adminform"].form.non_field_errors() == [CONFLICT_MESSAGE]


@pytest.fixture
def session(board):
    return SessionFactory(course=CourseFactory(board=board), starts_on=datetime.date(2030, 6, 14), venue="Room 1")


@pytest.fixture
def meeting(board):
    return MeetingFactory(group=GroupFactory(board=board), held_on=datetime.date(2016, 9, 5), venue="Town Hall")


# --- training sessions -------------------------------------------------------------------------


def test_a_stale_session_form_is_refused_after_another_admin_saved(as_user, business_support, administrator, session):
    mine, theirs = as_user(business_support), as_user(administrator)
    url, stale = open_change_form(mine, Session, session.pk)
    _, fresh = open_change_form(theirs, Session, session.pk)
    assert stale["version"] == str(session.version) == "1"
    assert theirs.post(url, {**fresh, "venue": "Room 2"}).status_code == 302

    response = mine.post(url, {**stale, "venue": "Room 3", "trainer_names": "Tess Trainer"})

    assert_refused(response)
    session.refresh_from_db()
    assert (session.venue, session.trainer_names, session.version) == ("Room 2", "", 2)
    assert 'value="Room 3"' in response.content.decode(), "the typed values are kept to be reapplied"


def test_a_fresh_session_form_saves_and_raises_the_version(as_user, business_support, session):
    client = as_user(business_support)
    url, data = open_change_form(client, Session, session.pk)
    response = client.post(url, {**data, "venue": "Room 9"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.venue, session.version) == ("Room 9", 2)


def test_a_session_changed_in_the_back_office_makes_an_open_attendance_page_stale(as_user, business_support, session):
    booking = BookingFactory(session=session, delegate_name="Ann")
    client = as_user(business_support)
    opened_at = session.version  # the portal's attendance page was opened at this version
    url, data = open_change_form(client, Session, session.pk)
    assert client.post(url, {**data, "venue": "Room 4"}).status_code == 302

    response = client.post(
        reverse("training:attendance", args=[session.pk]), {"version": opened_at, f"booking_{booking.pk}": "attended"}
    )
    assert response.status_code == 200
    assert "Someone else has changed this session" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "booked"


# --- training bookings (guarded by their session's version) --------------------------------------


def test_a_stale_booking_form_is_refused_after_the_sessions_attendance_was_marked(as_user, business_support, session):
    booking = BookingFactory(session=session, delegate_name="Ann")
    client = as_user(business_support)
    url, stale = open_change_form(client, Booking, booking.pk)
    training_services.attendance_record(session=session, outcomes={booking.pk: "attended"}, version=session.version)

    response = client.post(url, {**stale, "status": "cancelled", "delegate_name": "Ann Other"})

    assert_refused(response)
    booking.refresh_from_db()
    assert (booking.status, booking.delegate_name) == ("attended", "Ann")
    assert Session.objects.get(pk=session.pk).version == 2


def test_a_fresh_booking_form_saves_and_raises_the_sessions_version(as_user, business_support, session):
    booking = BookingFactory(session=session, delegate_name="Ann")
    client = as_user(business_support)
    url, data = open_change_form(client, Booking, booking.pk)
    assert data["version"] == "1"
    assert client.post(url, {**data, "delegate_name": "Ann Smith"}).status_code == 302
    booking.refresh_from_db()
    assert booking.delegate_name == "Ann Smith"
    assert Session.objects.get(pk=session.pk).version == 2


# --- meetings ----------------------------------------------------------------------------------


def test_a_stale_meeting_form_is_refused_after_attendance_was_recorded_in_the_portal(
    as_user, business_support, meeting
):
    client = as_user(business_support)
    url, stale = open_change_form(client, Meeting, meeting.pk)
    other = meetings_services.OtherAttendee(
        name="Gus Guest", job_title="", partner=None, represents="", attendee_role="observer"
    )
    meetings_services.attendance_record(meeting=meeting, entries=[], others=[other], version=0, by=business_support)

    response = client.post(url, {**stale, "venue": "Library"})

    assert_refused(response)
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.version) == ("Town Hall", 1)
    assert list(meeting.attendances.values_list("name", flat=True)) == ["Gus Guest"]


def test_a_fresh_meeting_form_saves_and_raises_the_version(as_user, administrator, meeting):
    client = as_user(administrator)
    url, data = open_change_form(client, Meeting, meeting.pk)
    assert data["version"] == "0"
    assert client.post(url, {**data, "venue": "Library"}).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.version) == ("Library", 1)


# --- meeting attendance (guarded by the meeting's version, the one the portal's form checks) -----


def test_a_stale_attendance_row_form_is_refused_after_the_meeting_was_saved(as_user, business_support, meeting):
    row = AttendanceFactory(meeting=meeting, name="Gus Guest", attendee_role="observer")
    client = as_user(business_support)
    url, stale = open_change_form(client, Attendance, row.pk)
    assert stale["version"] == "0"
    meeting.venue = "Library"
    meetings_services.meeting_save(meeting=meeting, by=business_support, version=0)

    response = client.post(url, {**stale, "status": "apologies"})

    assert_refused(response)
    row.refresh_from_db()
    assert row.status == "present"
    assert Meeting.objects.get(pk=meeting.pk).version == 1


def test_an_attendance_row_changed_in_the_back_office_makes_an_open_attendance_page_stale(
    as_user, business_support, administrator, meeting
):
    row = AttendanceFactory(meeting=meeting, name="Gus Guest", attendee_role="observer")
    portal = as_user(business_support)
    page = portal.get(reverse("meetings:attendance-record", args=[meeting.pk]))
    opened_at = page.context["version"]["version"].value()
    assert opened_at == 0
    back_office = as_user(administrator)
    url, data = open_change_form(back_office, Attendance, row.pk)
    assert back_office.post(url, {**data, "status": "apologies"}).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).version == opened_at + 1

    response = portal.post(
        reverse("meetings:attendance-record", args=[meeting.pk]),
        {
            "version": opened_at,
            "members-TOTAL_FORMS": 0,
            "members-INITIAL_FORMS": 0,
            "others-TOTAL_FORMS": 1,
            "others-INITIAL_FORMS": 0,
            "others-0-name": "Pat Presenter",
            "others-0-job_title": "",
            "others-0-partner": "",
            "others-0-attendee_role": "presenter",
        },
        follow=True,
    )
    assert "Someone else saved this attendance" in response.content.decode()
    assert list(Attendance.objects.filter(meeting=meeting).values_list("name", "status")) == [
        ("Gus Guest", "apologies")
    ]


def test_adding_and_deleting_attendance_in_the_back_office_raise_the_meetings_version(as_user, administrator, meeting):
    client = as_user(administrator)
    add = reverse("admin:meetings_attendance_add")
    response = client.post(
        add,
        {
            "meeting": meeting.pk,
            "name": "Nia New",
            "attendee_role": "observer",
            "status": "present",
            "version": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    row = Attendance.objects.get(meeting=meeting, name="Nia New")
    assert Meeting.objects.get(pk=meeting.pk).version == 1

    delete = reverse("admin:meetings_attendance_delete", args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Attendance.objects.filter(pk=row.pk).exists()
    assert Meeting.objects.get(pk=meeting.pk).version == 2


# --- the check and the write are one step -------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="on SQLite the admin's transaction takes the write lock at BEGIN IMMEDIATE: nothing can land in between",
)
def test_a_save_landing_between_the_check_and_the_write_is_refused_and_nothing_is_written(
    as_user, business_support, session, monkeypatch
):
    """The form's check passes, then another connection commits a save before this one writes: the
    conditional UPDATE refuses, everything is rolled back and the form comes back with the message."""
    client = as_user(business_support)
    url, data = open_change_form(client, Session, session.pk)
    original = VersionedModelAdmin.save_model
    interleaved = []

    def someone_else_saves_first(self, request, obj, form, change):
        if not interleaved:
            interleaved.append(True)

            def other_connection():
                Session.objects.filter(pk=session.pk).update(venue="Their room", version=2)
                connections.close_all()

            thread = threading.Thread(target=other_connection)
            thread.start()
            thread.join(timeout=30)
        return original(self, request, obj, form, change)

    monkeypatch.setattr(VersionedModelAdmin, "save_model", someone_else_saves_first)

    response = client.post(url, {**data, "venue": "My room"})

    assert interleaved == [True]
    assert_refused(response)
    session.refresh_from_db()
    assert (session.venue, session.version) == ("Their room", 2)


def test_a_form_without_its_version_is_refused(as_user, business_support, session):
    client = as_user(business_support)
    url, data = open_change_form(client, Session, session.pk)
    del data["version"]
    assert_refused(client.post(url, {**data, "venue": "Room 5"}))
    assert Session.objects.get(pk=session.pk).venue == "Room 1"


def test_every_back_office_model_with_a_version_is_guarded_or_read_only(rf, administrator):
    """A model added later with a ``version`` and an editable admin fails here until it is guarded."""
    from django.contrib import admin

    request = rf.get("/admin/")
    request.user = administrator
    versioned = {
        model._meta.label: model_admin
        for model, model_admin in admin.site._registry.items()
        if any(field.name == "version" for field in model._meta.concrete_fields)
    }
    unguarded = [
        label
        for label, model_admin in versioned.items()
        if model_admin.has_change_permission(request) and not isinstance(model_admin, VersionedModelAdmin)
    ]
    assert unguarded == []
    guarded = sorted(
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, VersionedModelAdmin)
    )
    assert guarded == [
        "meetings.Action",
        "meetings.AgendaItem",
        "meetings.Attendance",
        "meetings.Meeting",
        "training.Booking",
        "training.Session",
    ]
    assert {label for label, model_admin in versioned.items() if not model_admin.has_change_permission(request)} == {
        "annual.NarrativeSection",
        "annual.PriorityActivity",
        "meetings.Minutes",  # approved minutes are frozen; drafts are written on the minutes page
    }
