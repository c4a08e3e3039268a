"""A session as an iCalendar event (RFC 5545), for the catalogue's ``.ics`` link and the confirmation."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from training.models import Session


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (a CRLF and one space), never inside a character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def session_ics(session: Session, *, url: str, uid_host: str) -> str:
    """The session as a calendar file: in UTC when it has times, else an all-day event."""

    def utc(day, at):
        local = timezone.make_aware(datetime.combine(day, at), timezone.get_default_timezone())
        return local.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Safeguarding board portal//Training//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:training-session-{session.pk}@{uid_host}",
        f"DTSTAMP:{timezone.now().astimezone(UTC):%Y%m%dT%H%M%SZ}",
    ]
    if session.start_time:
        end = session.end_time or (datetime.combine(session.starts_on, session.start_time) + timedelta(hours=1)).time()
        lines += [f"DTSTART:{utc(session.starts_on, session.start_time)}", f"DTEND:{utc(session.starts_on, end)}"]
    else:
        lines += [
            f"DTSTART;VALUE=DATE:{session.starts_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{session.starts_on + timedelta(days=1):%Y%m%d}",
        ]
    lines += [
        f"SUMMARY:{_escape(session.course.title)}",
        f"LOCATION:{_escape(session.where)}",
        f"DESCRIPTION:{_escape(session.course.description)}",
        f"URL:{url}",
    ]
    if session.is_cancelled:
        lines.append("STATUS:CANCELLED")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
