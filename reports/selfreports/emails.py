"""E-mails to partner leads about their update: invitation, reminders and a return for changes.

Each is queued in the outbox (``wscb.mail.services.email_queue``) inside the caller's transaction and
sent by a worker after it commits; the key makes queuing the same message twice one message.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse

from reports.selfreports.selectors import recipients_for
from wscb.mail.services import email_queue


def _link(report) -> str:
    base = settings.PORTAL_BASE_URL.rstrip("/")
    return base + reverse("reports:selfreport-tasks", args=[report.pk])


def _send(*, report, kind: str, subject: str, opening: str, key: str | None = None, details: str = "") -> list[str]:
    recipients = recipients_for(report=report)
    if not recipients:
        return []
    board = report.round.board
    body = (
        f"{opening}\n\n"
        f"{details}"
        f"Agency: {report.partner.name}\n"
        f"Reporting year: {report.round.year.label} (01/04/{report.round.start_year} to "
        f"{report.round.year.end:%d/%m/%Y})\n"
        f"Deadline: {report.round.deadline:%d/%m/%Y}\n\n"
        f"Fill it in here, over as many sittings as you need: {_link(report)}\n\n"
        f"{board.name} business support"
    )
    email_queue(kind=kind, board=board, to=recipients, subject=f"[{board.short_name}] {subject}", body=body, key=key)
    return recipients


def send_invitation(*, report) -> list[str]:
    return _send(
        report=report,
        kind="invitation",
        key=f"invitation:{report.pk}",
        subject=f"Partner annual update {report.round.year.label}: please complete by {report.round.deadline:%d/%m/%Y}",
        opening=f"The {report.round.board.term.lower()} asks {report.partner.short_name} for its annual update "
        "on safeguarding arrangements.",
    )


def _due_words(days_left: int) -> str:
    if days_left > 1:
        return f"is due in {days_left} days"
    if days_left == 1:
        return "is due tomorrow"
    if days_left == 0:
        return "is due today"
    return f"was due {-days_left} day{'s' if days_left != -1 else ''} ago"


def send_reminder(*, report, today: date, key: str | None = None) -> list[str]:
    when = _due_words((report.round.deadline - today).days)
    return _send(
        report=report,
        kind="reminder",
        key=key,
        subject=f"Reminder: partner annual update {report.round.year.label} {when}",
        opening=f"{report.partner.short_name}'s annual update {when} and has not been submitted yet.",
    )


def _review_details(report) -> str:
    """The message sent with the return and the comments of this review (since the last submission)."""
    parts = []
    if report.return_message:
        parts.append(f"Message from business support:\n{report.return_message}\n")
    comments = report.comments.select_related("section").order_by("section__order", "created_at", "pk")
    if report.submitted_at:
        comments = comments.filter(created_at__gte=report.submitted_at)
    lines = [f"- {comment.section.heading}: {comment.text}" for comment in comments]
    if lines:
        parts.append('Comments on sections (marked "Changes requested" in your task list):\n' + "\n".join(lines) + "\n")
    return "\n".join(parts) + ("\n" if parts else "")


def send_returned(*, report, key: str | None = None) -> list[str]:
    return _send(
        report=report,
        kind="returned",
        key=key,
        subject=f"Partner annual update {report.round.year.label} returned for changes",
        opening="Business support has returned your update with comments. Please amend it and submit it again.",
        details=_review_details(report),
    )
