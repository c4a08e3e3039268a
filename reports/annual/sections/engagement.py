"""Engagement (seed section 8): the narrative and the year's engagement events by audience."""

from dataclasses import dataclass

from django.urls import reverse

from reports.annual.models import NarrativeSection
from reports.annual.reporting import group_events
from reports.annual.sections.base import INCOMPLETE, MISSING, READY, Narrative, Section

KEY = "engagement"
TITLE = "Engagement"


@dataclass
class EngagementData:
    narrative: Narrative
    events: list
    by_audience: list
    total_reach: int


def provide(*, board, year, bundle):
    narrative = bundle.narrative(NarrativeSection.Kind.ENGAGEMENT)
    events = bundle.engagement_events
    if not narrative.is_written and not events:
        status, reason = MISSING, "Neither the engagement text nor any engagement events are recorded."
    elif not narrative.is_written:
        status, reason = INCOMPLETE, "The engagement text has not been written."
    elif not events:
        status, reason = INCOMPLETE, f"No engagement events are recorded for {year.label}."
    else:
        status, reason = READY, ""
    return Section(
        key=KEY,
        title=TITLE,
        template="annual/sections/engagement.html",
        status=status,
        reason=reason,
        fix_url=narrative.edit_url if not narrative.is_written else reverse("admin:annual_engagementevent_add"),
        fix_label="Write the engagement text" if not narrative.is_written else "Record an engagement event",
        data=EngagementData(
            narrative=narrative,
            events=events,
            by_audience=group_events(events),
            total_reach=sum(event.reach or 0 for event in events),
        ),
    )
