"""Governance and accountability (seed section 3): arrangements text, key roles, board
attendance table and chart.

TO WIRE (after the meetings app is merged): fill ``GovernanceData`` from
``meetings.reporting`` in one call each, e.g.
``key_roles = meetings.reporting.key_roles(board, year)`` and
``attendance = meetings.reporting.attendance_by_agency(board, year)``, set ``status=READY`` and
render the table and chart in ``templates/annual/sections/governance.html``. Until then the
section is reported as missing; no figures are invented.
"""

from dataclasses import dataclass, field

from reports.annual.models import NarrativeSection
from reports.annual.sections.base import MISSING, Narrative, Section

KEY = "governance"
TITLE = "Governance and accountability"
REASON = (
    "Key roles and meeting attendance are not recorded in the portal yet "
    "(they come from the meetings records when those are available)."
)


@dataclass
class GovernanceData:
    narrative: Narrative
    key_roles: list = field(default_factory=list)  # [(role title, person name)]
    attendance: object = None  # meetings.reporting result: meetings x agencies
    attendance_chart_svg: str = ""
    attendance_chart_text: str = ""


def provide(*, board, year, bundle):
    return Section(
        key=KEY,
        title=TITLE,
        template="annual/sections/governance.html",
        status=MISSING,
        reason=REASON,
        data=GovernanceData(narrative=bundle.narrative(NarrativeSection.Kind.GOVERNANCE)),
    )
