"""Strategic objectives and activity (seed section 4): each priority, its key objectives, the
year's activity text and the evidence tagged to it; priorities with little evidence are flagged.

Evidence counted now: indicators and engagement events tagged to the priority. Training courses,
partner answers, case studies and actions are added when those apps are merged: append a
function to ``EVIDENCE_SOURCES`` (one query each) and remove its name from ``PENDING_EVIDENCE``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from reports.annual.models import NarrativeSection
from reports.annual.reporting import PriorityRow
from reports.annual.sections.base import INCOMPLETE, MISSING, READY, Narrative, Section

KEY = "strategic_objectives"
TITLE = "Strategic objectives and activity"
#: Fewer pieces of evidence than this flags the priority as having little evidence.
LITTLE_EVIDENCE = 2
PENDING_EVIDENCE = ("training courses", "partner answers", "case studies", "actions")
#: (name, function(board=, year=) -> {priority id: count}) for evidence held by other apps, e.g.
#: ("training courses", training.reporting.courses_by_priority). Each must run a fixed number of queries.
EVIDENCE_SOURCES: list[tuple[str, Callable[..., dict[int, int]]]] = []


@dataclass
class StrategicData:
    rows: list[PriorityRow]
    narrative: Narrative
    pending_evidence: tuple[str, ...] = PENDING_EVIDENCE
    little_evidence: int = LITTLE_EVIDENCE


def activity_edit_url(year, priority) -> str:
    return reverse("annual:activity-edit", kwargs={"start_year": year.start_year, "priority_pk": priority.pk})


def provide(*, board, year, bundle):
    rows = bundle.priority_rows
    for name, source in EVIDENCE_SOURCES:
        counts = source(board=board, year=year)
        for row in rows:
            row.evidence[name] = counts.get(row.priority.pk, 0)
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
