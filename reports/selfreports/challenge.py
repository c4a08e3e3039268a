"""Challenge events: the board challenging an agency on its self-assessment for a year (date, panel,
questions put, the agency's response, outcome, actions agreed). Business support records them; board
members and administrators read them; an agency's own partner leads read their agency's. Actions
agreed join the agency's action plan (``actions.action_agree``). The annual report counts them
(``reports.selfreports.reporting.challenge_summary``)."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners.models import Board, Partner, User
from reports.selfreports.models import ChallengeEvent
from wscb.boards import boards_for
from wscb.data.versions import EditConflict, versioned_update
from wscb.permissions import RECORD_KEEPERS

FIELDS = ("partner", "start_year", "held_on", "panel", "questions", "response", "outcome", "outcome_notes")


class ChallengeError(Exception):
    """A challenge event cannot be saved (the message says why)."""


class ChallengeConflict(EditConflict):
    pass


def challenge_list(*, for_user) -> QuerySet[ChallengeEvent]:
    events = ChallengeEvent.objects.select_related("partner", "board").annotate(action_count=Count("actions"))
    if not for_user.is_authenticated:
        return events.none()
    if for_user.is_partner_lead:
        return events.filter(partner_id=for_user.partner_id)
    return events.filter(board__in=boards_for(for_user))


def challenge_get(*, for_user, pk: int) -> ChallengeEvent:
    return get_object_or_404(challenge_list(for_user=for_user), pk=pk)


def challenge_save(
    *, board: Board, data: dict, by: User, event: ChallengeEvent | None = None, version: int | None = None
) -> ChallengeEvent:
    """Record a challenge event, or change one (``version``: the one the form was opened with)."""
    if by.role not in RECORD_KEEPERS:
        raise ChallengeError("Only business support can record challenge events.")
    fields = {name: data.get(name) for name in FIELDS}
    partner: Partner = fields["partner"]
    if partner is None or not Partner.objects.filter(pk=partner.pk).exists():  # scoped to the board
        raise ChallengeError("Choose one of the board's agencies.")
    if event is None:
        return ChallengeEvent.objects.create(board=board, created_by=by, **fields)
    versioned_update(
        ChallengeEvent.objects.filter(pk=event.pk, board=board),
        version=version,
        conflict=ChallengeConflict,
        updated_at=timezone.now(),
        **fields,
    )
    event.refresh_from_db()
    return event
