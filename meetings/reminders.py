"""Reminders about meeting actions: before the due date and once overdue, each sent once (the daily
schedule's job, ``meetings.tasks.action_reminders_task``)."""

from __future__ import annotations

from django.db import transaction

#: Days before its due date that an open action's owner is reminded.
ACTION_REMINDER_DAYS = 7


def action_reminder_due(action, today) -> str | None:
    """The reminder an open action is due today, if any: "overdue" after its due date, "due_soon" in
    the ``ACTION_REMINDER_DAYS`` before it."""
    from datetime import timedelta

    from meetings.models import Action, ActionReminder

    if action.status != Action.Status.OPEN:
        return None
    if today > action.due_on:
        return ActionReminder.Kind.OVERDUE
    if today >= action.due_on - timedelta(days=ACTION_REMINDER_DAYS):
        return ActionReminder.Kind.DUE_SOON
    return None


def action_owner_addresses(action) -> list[str]:
    """The owner agency's active partner leads working for the action's board."""
    from partners.models import User
    from wscb.roles import PARTNER_LEAD

    board_id = action.meeting.group.board_id
    leads = User.objects.filter(partner_id=action.owner_id, role=PARTNER_LEAD, is_active=True, boards=board_id)
    return sorted(leads.values_list("email", flat=True))


def action_reminders_send(*, today) -> list:
    """Queue every action reminder due and not yet sent (across every board; the daily schedule's
    job). One reminder per action, kind and due date: the log row and the e-mail are written in one
    transaction, so a second run (or a second machine) sends nothing again, and a missed day is caught
    up by the next run."""
    from django.conf import settings
    from django.db import IntegrityError
    from django.urls import reverse

    from meetings.models import Action, ActionReminder
    from wscb.mail.services import email_queue

    sent = []
    candidates = Action.objects.filter(status=Action.Status.OPEN, due_on__lte=today + _days(ACTION_REMINDER_DAYS))
    for action in candidates.select_related("meeting__group__board", "owner").order_by("pk"):
        kind = action_reminder_due(action, today)
        if kind is None or ActionReminder.objects.filter(action=action, kind=kind, due_on=action.due_on).exists():
            continue
        recipients = action_owner_addresses(action)
        if not recipients:
            continue  # due again once the agency has a partner lead
        link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("meetings:action-detail", args=[action.pk])
        if kind == ActionReminder.Kind.OVERDUE:
            subject = f"Overdue action from {action.meeting.group.name}"
            opening = f"This action for {action.owner.name} was due on {action.due_on:%d/%m/%Y} and is still open:"
        else:
            subject = f"Action due on {action.due_on:%d/%m/%Y}, {action.meeting.group.name}"
            opening = f"This action for {action.owner.name} is due on {action.due_on:%d/%m/%Y}:"
        body = (
            f"{opening}\n\n{action.description}\n\nFrom the meeting of {action.meeting}.\n\n"
            f"Update its status and progress here:\n{link}"
        )
        with transaction.atomic():
            try:
                with transaction.atomic():
                    log = ActionReminder.objects.create(
                        action=action, kind=kind, due_on=action.due_on, sent_on=today, recipients=", ".join(recipients)
                    )
            except IntegrityError:
                continue  # another run has just sent it
            email_queue(
                kind=f"meetings.action.{kind}",
                to=recipients,
                subject=subject,
                body=body,
                board=action.meeting.group.board,
                key=f"meetings.action:{action.pk}:{kind}:{action.due_on.isoformat()}",
            )
        sent.append(log)
    return sent


def _days(count: int):
    from datetime import timedelta

    return timedelta(days=count)
