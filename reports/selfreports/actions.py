"""Action plans of partner updates: reads (scoped to the user asking) and the services that change them.

An action is raised from an answer of an agency's return (a rating at or below its question's
threshold suggests one), owned by a person of the agency, and followed up until it is closed: the
open ones are carried into the agency's next return, shown at the top with their history and updated
there. Overdue ones are listed on the agency's profile and in business support's work queue, and their
owner is e-mailed once per due date by the daily schedule (``action_reminders_send``).

Who: the agency's own partner leads and business support (administrators too) raise and update actions;
board members read the actions of accepted returns; another agency's lead gets a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from partners.models import Person, User
from partners.selectors import partner_leads
from reports.selfreports.models import AssessmentAction, AssessmentActionNote, FormSection, SelfReport
from reports.selfreports.selectors import report_answers, section_questions
from wscb.boards import boards_for
from wscb.data.versions import EditConflict, versioned_update
from wscb.mail.services import email_queue
from wscb.permissions import RECORD_KEEPERS

Status = AssessmentAction.Status


class ActionError(Exception):
    """An action cannot be raised or changed (the message says why)."""


class ActionConflict(EditConflict):
    default_message = (
        "Someone else updated this action while you were working on it, so your update has not been saved. "
        "Its history below shows what they recorded: make your update again."
    )


# --- reads -----------------------------------------------------------------------------------------------
def _with_history(actions: QuerySet) -> QuerySet:
    return actions.select_related("partner", "owner", "report__round", "challenge").prefetch_related(
        Prefetch("notes", queryset=AssessmentActionNote.objects.select_related("by").order_by("pk"))
    )


def action_list(*, for_user) -> QuerySet[AssessmentAction]:
    """Leads: their agency's actions; business support: their boards'; board members: those of accepted
    returns of their boards."""
    actions = AssessmentAction.objects.select_related("partner", "owner", "report__round", "challenge")
    if not for_user.is_authenticated:
        return actions.none()
    if for_user.is_partner_lead:
        return actions.filter(partner_id=for_user.partner_id)
    boards = boards_for(for_user)
    if for_user.role in RECORD_KEEPERS:
        return actions.filter(board__in=boards)
    if for_user.is_board_member:
        return actions.filter(Q(report__status=SelfReport.Status.ACCEPTED) | Q(report__isnull=True), board__in=boards)
    return actions.none()


def action_get(*, for_user, pk: int) -> AssessmentAction:
    return get_object_or_404(_with_history(action_list(for_user=for_user)), pk=pk)


def may_change(user, action_or_report) -> bool:
    """The agency's own partner leads and business support may raise and update its actions."""
    partner_id = action_or_report.partner_id
    return bool(user.role in RECORD_KEEPERS or (user.is_partner_lead and user.partner_id == partner_id))


def carried_actions(*, report: SelfReport, for_user=None) -> list[AssessmentAction]:
    """The actions raised in the agency's earlier returns that are still open, and those closed since this
    round opened (so the lead sees what was closed here), oldest due first, with their history; with
    ``for_user``, only those the user may see."""
    opened = timezone.localdate(report.round.opened_at)
    rows = action_list(for_user=for_user) if for_user is not None else AssessmentAction.objects.all()
    rows = rows.filter(
        partner_id=report.partner_id, board_id=report.round.board_id, start_year__lt=report.round.start_year
    ).filter(Q(status__in=AssessmentAction.OPEN_STATUSES) | Q(closed_on__gte=opened))
    return list(_with_history(rows).order_by("due_on", "pk"))


def actions_raised_in(*, report: SelfReport) -> list[AssessmentAction]:
    return list(_with_history(report.actions.all()).order_by("due_on", "pk"))


def owner_choices(*, partner) -> QuerySet[Person]:
    """The people of the agency an action can be given to."""
    return Person.objects.filter(partner=partner).order_by("full_name", "pk")


@dataclass(frozen=True)
class AnswerRef:
    key: str
    text: str
    section: FormSection
    value: str
    suggests_action: bool


def report_answer_refs(*, report: SelfReport) -> dict[str, AnswerRef]:
    """Every question of the return's form (key -> its wording, section and answer), saying which
    answers suggest an action (a rating at or below its question's threshold)."""
    answers = report_answers(report=report)
    refs = {}
    sections = report.round.template.sections.exclude(kind=FormSection.Kind.CASE_STUDIES).order_by("order", "pk")
    for section in sections:
        for spec in section_questions(section=section, board=report.round.board, year=report.round.year):
            value = answers.get(spec.key, "")
            refs[spec.key] = AnswerRef(spec.key, spec.text, section, value, spec.suggests_action(value))
    return refs


def suggested_keys(*, report: SelfReport, refs: dict[str, AnswerRef] | None = None) -> list[str]:
    """The answers that suggest an action and have none raised from them in this return yet."""
    refs = refs if refs is not None else report_answer_refs(report=report)
    raised = set(report.actions.values_list("question_key", flat=True))
    return [key for key, ref in refs.items() if ref.suggests_action and key not in raised]


def overdue_actions(*, for_user, today: date) -> QuerySet[AssessmentAction]:
    return action_list(for_user=for_user).filter(status__in=AssessmentAction.OPEN_STATUSES, due_on__lt=today)


# --- changes ---------------------------------------------------------------------------------------------
def _check_owner(owner: Person, partner) -> None:
    if owner is None or owner.partner_id != partner.pk:
        raise ActionError("Choose the owner from the agency's people.")


def action_raise(
    *, report: SelfReport, by: User, what: str, owner: Person, due_on: date, question_key: str = ""
) -> AssessmentAction:
    """Raise an action from an answer of ``report`` (``question_key``; blank for the return as a whole).

    The agency's partner leads may raise one while the return is editable; business support at any time.
    """
    if not may_change(by, report):
        raise ActionError("Only the agency's partner leads and business support can raise its actions.")
    if by.is_partner_lead and not report.is_editable:
        raise ActionError("This update has been submitted: actions can be raised again if it is returned to you.")
    what = (what or "").strip()
    if not what:
        raise ActionError("Say what will be done.")
    if due_on is None:
        raise ActionError("Give the date it is due by.")
    _check_owner(owner, report.partner)
    question_text = ""
    if question_key:
        ref = report_answer_refs(report=report).get(question_key)
        if ref is None:
            raise ActionError("That question is not part of this update form.")
        question_text = ref.text
    now = timezone.now()
    with transaction.atomic():
        action = AssessmentAction.objects.create(
            board=report.round.board,
            partner=report.partner,
            report=report,
            start_year=report.round.start_year,
            question_key=question_key,
            question_text=question_text,
            what=what,
            owner=owner,
            due_on=due_on,
            created_by=by,
            created_at=now,
            updated_at=now,
        )
        AssessmentActionNote.objects.create(
            action=action, text="Action raised.", status=action.status, due_on=due_on, by=by, at=now
        )
    return action


def action_update(
    *,
    action: AssessmentAction,
    by: User,
    version: int,
    status: str,
    due_on: date,
    owner: Person,
    note: str = "",
    today: date | None = None,
) -> list[str]:
    """Record progress: a new status, due date or owner and a progress note, kept in the history.

    Closing (Completed, No longer needed) records the day it was closed; reopening clears it. Returns
    the names of the fields that changed. A stale ``version`` is a conflict and writes nothing.
    """
    if not may_change(by, action):
        raise ActionError("Only the agency's partner leads and business support can update its actions.")
    if status not in Status.values:
        raise ActionError("Choose a status.")
    if due_on is None:
        raise ActionError("Give the date it is due by.")
    _check_owner(owner, action.partner)
    note = (note or "").strip()
    today = today or timezone.localdate()
    changed = [
        name
        for name, new, old in (
            ("status", status, action.status),
            ("due_on", due_on, action.due_on),
            ("owner", owner.pk, action.owner_id),
        )
        if new != old
    ]
    if not changed and not note:
        raise ActionError("Nothing was changed: write a progress note or change the status, due date or owner.")
    closing = status not in AssessmentAction.OPEN_STATUSES
    if closing and action.is_open:
        closed_on = today
    elif closing:
        closed_on = action.closed_on or today
    else:
        closed_on = None
    now = timezone.now()
    with transaction.atomic():
        versioned_update(
            AssessmentAction.objects.filter(pk=action.pk),
            version=version,
            conflict=ActionConflict,
            status=status,
            due_on=due_on,
            owner=owner,
            closed_on=closed_on,
            updated_at=now,
        )
        AssessmentActionNote.objects.create(action=action, text=note, status=status, due_on=due_on, by=by, at=now)
    action.refresh_from_db()
    return changed + (["notes"] if note else [])


def _reminder_recipients(action: AssessmentAction) -> list[str]:
    if action.owner.email:
        return [action.owner.email]
    return list(partner_leads(partner=action.partner, board=action.board).values_list("email", flat=True))


def action_reminders_send(*, today: date | None = None) -> list[AssessmentAction]:
    """E-mail the owner of every overdue open action once for its due date (a new due date, once more).

    The mark (``reminded_for``) and the queued e-mail are written in one transaction, and the mark is a
    conditional update, so running it again, or on two machines at once, sends nothing twice. An owner
    without an e-mail address: the agency's partner leads are told instead.
    """
    today = today or timezone.localdate()
    sent = []
    overdue = (
        AssessmentAction.objects.filter(status__in=AssessmentAction.OPEN_STATUSES, due_on__lt=today)
        .exclude(reminded_for=F("due_on"))
        .select_related("board", "partner", "owner", "challenge")
        .order_by("pk")
    )
    for action in overdue:
        with transaction.atomic():
            marked = (
                AssessmentAction.objects.filter(pk=action.pk)
                .exclude(reminded_for=action.due_on)
                .update(reminded_for=action.due_on)
            )
            if not marked:
                continue  # another run has just sent it
            recipients = _reminder_recipients(action)
            if not recipients:
                AssessmentAction.objects.filter(pk=action.pk).update(reminded_for=action.reminded_for)
                continue  # nobody to tell yet: due again once the agency has a partner lead
            _send_reminder(action, recipients, today)
        sent.append(action)
    return sent


def action_agree(*, challenge, by: User, what: str, owner: Person, due_on: date) -> AssessmentAction:
    """An action agreed at a challenge event: it joins the agency's action plan (business support)."""
    if by.role not in RECORD_KEEPERS:
        raise ActionError("Only business support can record the actions agreed at a challenge event.")
    what = (what or "").strip()
    if not what:
        raise ActionError("Say what will be done.")
    if due_on is None:
        raise ActionError("Give the date it is due by.")
    _check_owner(owner, challenge.partner)
    now = timezone.now()
    with transaction.atomic():
        action = AssessmentAction.objects.create(
            board=challenge.board,
            partner=challenge.partner,
            challenge=challenge,
            start_year=challenge.start_year,
            what=what,
            owner=owner,
            due_on=due_on,
            created_by=by,
            created_at=now,
            updated_at=now,
        )
        AssessmentActionNote.objects.create(
            action=action, text="Agreed at the challenge event.", status=action.status, due_on=due_on, by=by, at=now
        )
    return action


def _send_reminder(action: AssessmentAction, recipients: list[str], today: date) -> None:
    board = action.board
    days = (today - action.due_on).days
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("reports:action-detail", args=[action.pk])
    body = (
        f"An action in {action.partner.short_name}'s safeguarding self-assessment is overdue: it was due by "
        f"{action.due_on:%d/%m/%Y} ({days} day{'s' if days != 1 else ''} ago).\n\n"
        f"Action: {action.what}\n"
        f"Owner: {action.owner.full_name}\n"
        f"Status: {action.get_status_display()}\n"
        f"{action.origin}"
        f"\n\nRecord its progress or close it here: {link}\n\n"
        f"{board.name} business support"
    )
    email_queue(
        kind="action-overdue",
        board=board,
        to=recipients,
        subject=f"[{board.short_name}] Self-assessment action overdue since {action.due_on:%d/%m/%Y}",
        body=body,
        key=f"action-overdue:{action.pk}:{action.due_on.isoformat()}",
    )


def work_queue_items(request) -> list:
    """Start-page items for business support: self-assessment actions past their due date."""
    from wscb.work_queue import QueueItem

    if request.user.role not in RECORD_KEEPERS:
        return []
    overdue = overdue_actions(for_user=request.user, today=timezone.localdate()).count()
    if not overdue:
        return []
    noun = "self-assessment action is" if overdue == 1 else "self-assessment actions are"
    return [QueueItem(f"{overdue} {noun} overdue", f"{reverse('reports:action-list')}?show=overdue", overdue)]
