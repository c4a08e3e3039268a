"""Membership of the board (seed section 12): job title, agency and status of each member.

TO WIRE (after the meetings app is merged): the board's membership for the year from
``meetings.reporting`` (or partners' board membership) in one call into
``MembershipData.members``, set ``status=READY`` and render the table in
``templates/annual/sections/membership.html``.
"""

from dataclasses import dataclass, field

from reports.annual.sections.base import not_yet_available

KEY = "membership"
TITLE = "Membership of the Board"
REASON = "Board membership (job titles, agencies and status) is not recorded in the portal yet."


@dataclass
class MembershipData:
    members: list = field(default_factory=list)  # [(job title, agency, status)]


def provide(*, board, year, bundle):
    return not_yet_available(key=KEY, title=TITLE, reason=REASON)
