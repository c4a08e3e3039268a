"""Calendar invitations (RFC 5545 ``.ics``) for meetings, and the members' personal feeds.

Each meeting is one event whose UID never changes; ``Meeting.calendar_sequence`` goes up whenever
its date, start time or venue changes (or it is cancelled), so calendar programs replace the event
they hold: METHOD:REQUEST for an invitation or an update, METHOD:CANCEL (STATUS:CANCELLED) when the
meeting is cancelled. A meeting with no start time is an all-day event; the event lasts the time the
agenda allows (two hours when none is set). Times are written in UTC.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, CalendarFeed, Meeting

DEFAULT_LENGTH = datetime.timedelta(hours=2)


def meeting_uid(meeting: Meeting) -> str:
    host = urlsplit(settings.PORTAL_BASE_URL).hostname or "portal"
    return f"meeting-{meeting.pk}@{host}"


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (CRLF and a space), never inside a UTF-8 character."""
    encoded, parts = line.encode(), []
    while len(encoded) > 75:
        cut = 75 if not parts else 74
        while cut > 0 and (encoded[cut] & 0xC0) == 0x80:
            cut -= 1
        parts.append(encoded[:cut].decode())
        encoded = encoded[cut:]
    parts.append(encoded.decode())
    return "\r\n ".join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(meeting: Meeting, *, attendees: list[str], cancelled: bool) -> list[str]:
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("meetings:meeting-detail", args=[meeting.pk])
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting_uid(meeting)}",
        f"SEQUENCE:{meeting.calendar_sequence}",
        f"DTSTAMP:{_utc(timezone.now())}",
    ]
    if meeting.starts_at:
        start = timezone.make_aware(
            datetime.datetime.combine(meeting.held_on, meeting.starts_at), timezone.get_default_timezone()
        )
        minutes = sum(
            AgendaItem.objects.filter(meeting=meeting, minutes_allowed__isnull=False).values_list(
                "minutes_allowed", flat=True
            )
        )
        length = datetime.timedelta(minutes=minutes) if minutes else DEFAULT_LENGTH
        lines += [f"DTSTART:{_utc(start)}", f"DTEND:{_utc(start + length)}"]
    else:
        lines += [
            f"DTSTART;VALUE=DATE:{meeting.held_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{meeting.held_on + datetime.timedelta(days=1):%Y%m%d}",
        ]
    lines += [
        f"SUMMARY:{_escape(meeting.group.name)}",
        f"DESCRIPTION:{_escape(f'{meeting.group.name}. Agenda and papers: {link}')}",
        f"URL:{link}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
    ]
    if meeting.venue:
        lines.append(f"LOCATION:{_escape(meeting.venue)}")
    if attendees:
        lines.append(f"ORGANIZER:mailto:{settings.DEFAULT_FROM_EMAIL}")
        lines += [f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{address}" for address in attendees]
    lines.append("END:VEVENT")
    return lines


def _calendar(events: list[list[str]], *, method: str | None, name: str = "") -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Safeguarding board portal//Meetings//EN",
        "CALSCALE:GREGORIAN",
    ]
    if method:
        lines.append(f"METHOD:{method}")
    if name:
        lines.append(f"X-WR-CALNAME:{_escape(name)}")
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def invitation_ics(meeting: Meeting, *, attendees: list[str]) -> str:
    """The invitation (or its update, or its cancellation) as sent to ``attendees``."""
    cancelled = meeting.status == Meeting.Status.CANCELLED
    return _calendar(
        [_event_lines(meeting, attendees=attendees, cancelled=cancelled)], method="CANCEL" if cancelled else "REQUEST"
    )


def feed_ics(meetings, *, name: str) -> str:
    return _calendar(
        [
            _event_lines(meeting, attendees=[], cancelled=meeting.status == Meeting.Status.CANCELLED)
            for meeting in meetings
        ],
        method="PUBLISH",
        name=name,
    )


# --- personal feeds -----------------------------------------------------------------------------------
def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_create(*, user, board) -> str:
    """A new secret feed address for the user in this board (replacing any earlier one); the token is
    returned once and only its hash kept."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(user=user, board=board).delete()
    CalendarFeed.objects.create(user=user, board=board, token_hash=_hash(token))
    return token


def feed_revoke(*, user, board) -> bool:
    return CalendarFeed.objects.filter(user=user, board=board).delete()[0] > 0


def feed_for_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 100:
        return None
    return (
        CalendarFeed.objects.select_related("user", "board")
        .filter(token_hash=_hash(token), user__is_active=True)
        .first()
    )
