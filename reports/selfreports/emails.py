"""E-mails to partner leads about their update: invitation, reminders and a return for changes."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from reports.selfreports.selectors import recipients_for


def _link(report) -> str:
    base = settings.PORTAL_BASE_URL.rstrip("/")
    return base + reverse("reports:selfreport-tasks", args=[report.pk])


def _send(*, report, subject: str, opening: str) -> list[str]:
    recipients = recipients_for(report=report)
    if not recipients:
        return []
    board = report.round.board
    body = (
        f"{opening}\n\n"
        f"Agency: {report.partner.name}\n"
        f"Reporting year: {report.round.year.label} (01/04/{report.round.start_year} to "
        f"{report.round.year.end:%d/%m/%Y})\n"
        f"Deadline: {report.round.deadline:%d/%m/%Y}\n\n"
        f"Fill it in here, over as many sittings as you need: {_link(report)}\n\n"
        f"{board.name} business support"
    )
    send_mail(f"[{board.short_name}] {subject}", body, None, recipients)
    return recipients


def send_invitation(*, report) -> list[str]:
    return _send(
        report=report,
        subject=f"Partner annual update {report.round.year.label}: please complete by {report.round.deadline:%d/%m/%Y}",
        opening=f"The {report.round.board.term.lower()} asks {report.partner.short_name} for its annual update "
        "on safeguarding arrangements.",
    )


def send_reminder(*, report, today: date) -> list[str]:
    days_left = (report.round.deadline - today).days
    when = f"is due in {days_left} days" if days_left > 0 else f"was due {-days_left} days ago"
    return _send(
        report=report,
        subject=f"Reminder: partner annual update {report.round.year.label} {when}",
        opening=f"{report.partner.short_name}'s annual update {when} and has not been submitted yet.",
    )


def send_returned(*, report) -> list[str]:
    return _send(
        report=report,
        subject=f"Partner annual update {report.round.year.label} returned for changes",
        opening="Business support has returned your update with comments. Please amend it and submit it again.",
    )
