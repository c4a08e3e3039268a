"""Writes of agencies and their board memberships.

Agencies are shared by the boards they belong to; a board's list, choices, counts, imports and
report use its member agencies only (``Partner.objects`` inside the board's scope). An agency
joins a board through ``agency_join_board``; names and short names must be unique among the
agencies of each board the agency belongs to (``agency_name_clash``).
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from partners.models import Board, BoardMembership, Partner, Person
from wscb.scoping import scopes_disabled


def agency_boards(*, partner: Partner) -> list[Board]:
    """Every board the agency is a member of, whichever board is current: the agency's own page
    says where a change to its name shows."""
    if partner.pk is None:
        return []
    with scopes_disabled():  # on purpose: which boards share this agency
        return list(Board.objects.filter(agency_memberships__partner=partner).order_by("name").distinct())


def agency_name_clash(*, name: str, short_name: str, boards: list[Board], exclude: Partner | None = None) -> str:
    """A message when another agency of one of ``boards`` already has this name or short name, else ""."""
    if not boards:
        return ""
    with scopes_disabled():  # the check spans every board the agency belongs to
        others = Partner.objects.filter(board_memberships__board__in=boards).distinct()
        if exclude is not None and exclude.pk is not None:
            others = others.exclude(pk=exclude.pk)
        clash = others.filter(Q(name__iexact=name.strip()) | Q(short_name__iexact=short_name.strip())).first()
        if clash is None:
            return ""
        where = next((board for board in boards if clash.board_memberships.filter(board=board).exists()), boards[0])
    field = "name" if clash.name.casefold() == name.strip().casefold() else "short name"
    return f"Another agency of {where.short_name} already has this {field} ({clash.name}, {clash.short_name})."


def agency_join_board(
    *,
    partner: Partner,
    board: Board,
    is_statutory: bool | None = None,
    started_on: datetime.date | None = None,
    ended_on: datetime.date | None = None,
    main_contact: Person | None = None,
) -> BoardMembership:
    """Make ``partner`` a member of ``board`` (or update its membership there): only the values given change."""
    membership, _ = BoardMembership._base_manager.get_or_create(board=board, partner=partner)
    changes = {
        name: value
        for name, value in (
            ("is_statutory", is_statutory),
            ("started_on", started_on),
            ("ended_on", ended_on),
            ("main_contact", main_contact),
        )
        if value is not None
    }
    if changes:
        for name, value in changes.items():
            setattr(membership, name, value)
        membership.full_clean(exclude=["board", "partner", "main_contact"], validate_unique=False)
        membership.save(update_fields=list(changes))
    if main_contact is not None:
        main_contact.boards.add(board)
    return membership


def person_join_board(*, person: Person, board: Board) -> None:
    """Record ``person`` for ``board``: its business support can then see and choose them."""
    person.boards.add(board)


def member_agencies(*, board: Board) -> QuerySet[Partner]:
    """The agencies of ``board`` (any date), whatever the scope: for code that names its board."""
    members = BoardMembership._base_manager.filter(board=board).values("partner_id")
    return Partner.objects.every_board().filter(pk__in=members)


def board_current_year_set(*, board: Board, start_year: int | None) -> Board:
    """Set the reporting year ``board``'s pages open on (``None``: the latest year with records)."""
    Board.objects.filter(pk=board.pk).update(current_reporting_year=start_year)
    board.current_reporting_year = start_year
    return board
