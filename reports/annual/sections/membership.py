"""Membership of the board (seed section 12): job title, agency and status of each member on
the last day of the year, from ``meetings.reporting.board_attendance`` (through the bundle)."""

from dataclasses import dataclass, field

from django.urls import reverse

from reports.annual.sections.base import MISSING, READY, Section
from wscb.words import board_words

KEY = "membership"
TITLE = "Membership of the Board"


@dataclass
class MembershipData:
    members: list = field(default_factory=list)  # meetings.reporting.MemberListing
    on: object = None  # the day the membership is taken on
    term: str = "Board"  # the board's word for itself, for the table's caption


def provide(*, board, year, bundle):
    figures = bundle.board_attendance
    members = figures.membership if figures else []
    if figures is None:
        reason = "The board itself is not set up as a group in meetings, so its membership is not recorded."
    elif not members:
        reason = f"Nobody is recorded as a member of the board on {year.end:%d/%m/%Y}."
    else:
        reason = ""
    return Section(
        key=KEY,
        title=board_words(TITLE, board.term),
        template="annual/sections/membership.html",
        status=READY if members else MISSING,
        reason=board_words(reason, board.term),
        fix_url=reverse("meetings:membership-list"),
        fix_label=board_words("Record the board's members", board.term),
        data=MembershipData(members=members, on=year.end, term=board.term),
    )
