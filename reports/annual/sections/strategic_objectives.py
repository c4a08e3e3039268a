"""Strategic objectives and activity (seed section 4): the introduction, each priority with its key
objectives, then each priority's activity during the year. The evidence tagged to each priority is
counted for the readiness check, which flags priorities with little evidence; the report itself does
not print the counts (they are the portal's bookkeeping, not the board's account).

Evidence counted: indicators and engagement events tagged to the priority (this app's records),
training courses tagged to it that run in the year, answers about it in the year's accepted
partner updates, and case studies tagged to it that the report publishes. Meeting actions are
not counted: an action has no link to a strategic priority (``NOT_COUNTED`` says so in the report).
"""

from dataclasses import dataclass

from django.urls import reverse

from reports.annual.models import NarrativeSection
from reports.annual.reporting import PriorityRow
from reports.annual.sections.base import INCOMPLETE, MISSING, READY, Narrative, Section

KEY = "strategic_objectives"
TITLE = "Strategic objectives"
#: Fewer pieces of evidence than this flags the priority as having little evidence.
LITTLE_EVIDENCE = 2
#: Evidence the report cannot count yet, and why (shown under the priorities).
NOT_COUNTED = ("meeting actions are not counted: actions are not tagged to a strategic priority",)


@dataclass
class StrategicData:
    rows: list[PriorityRow]
    narrative: Narrative
    not_counted: tuple[str, ...] = NOT_COUNTED
    little_evidence: int = LITTLE_EVIDENCE


def activity_edit_url(year, priority) -> str:
    return reverse("annual:activity-edit", kwargs={"start_year": year.start_year, "priority_pk": priority.pk})


def provide(*, board, year, bundle):
    rows = bundle.priority_rows  # with every source's evidence counted
    without_activity = [row for row in rows if row.activity is None or not row.activity.text.strip()]
    if not rows:
        status, reason = MISSING, f"No strategic priorities cover {year.label}."
    elif without_activity:
        numbers = ", ".join(str(row.priority.number) for row in without_activity)
        status, reason = INCOMPLETE, f"No activity is written for priority {numbers}."
    else:
        status, reason = READY, ""
    return Section(
        key=KEY,
        title=TITLE,
        template="annual/sections/strategic_objectives.html",
        status=status,
        reason=reason,
        fix_url=activity_edit_url(year, without_activity[0].priority) if without_activity else "",
        fix_label="Write the activity",
        data=StrategicData(rows=rows, narrative=bundle.narrative(NarrativeSection.Kind.STRATEGIC_OBJECTIVES)),
    )
