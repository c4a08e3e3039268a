"""Partner updates (seed section 10): each agency's accepted self-report for the year.

TO WIRE (after the partner update forms are merged): read the accepted returns through the
self-report selectors/reporting in one call, list them in ``PartnerUpdatesData.returns`` and
agencies whose return is not accepted in ``PartnerUpdatesData.not_accepted`` (the readiness
check lists those), set ``status=READY`` and render them in
``templates/annual/sections/partner_updates.html``.
"""

from dataclasses import dataclass, field

from reports.annual.sections.base import not_yet_available

KEY = "partner_updates"
TITLE = "Partner updates"
REASON = "Partner agencies' yearly returns are not collected through the portal yet."


@dataclass
class PartnerUpdatesData:
    returns: list = field(default_factory=list)
    not_accepted: list[str] = field(default_factory=list)


def provide(*, board, year, bundle):
    return not_yet_available(key=KEY, title=TITLE, reason=REASON)
