"""Performance (seed section 6): every indicator's four-year table and trend chart; with the portal's
analysis switched on in the report's settings, also the direction of travel and the rating against
England, labelled as the portal's (an England value repeated from the year before is not rated)."""

from dataclasses import dataclass

from django.urls import reverse

from reports.annual.models import NarrativeSection
from reports.annual.reporting import IndicatorTable
from reports.annual.sections.base import INCOMPLETE, MISSING, READY, Narrative, Section

KEY = "performance"
TITLE = "Performance update on strategic objectives"


@dataclass
class PerformanceData:
    tables: list[IndicatorTable]
    narrative: Narrative
    include_analysis: bool = False  # the report's setting: print the direction of travel and ratings


def provide(*, board, year, bundle):
    tables = bundle.indicator_tables
    without_figures = [table for table in tables if table.latest is None]
    if not tables:
        status, reason = MISSING, "No performance indicators are defined."
    elif without_figures:
        names = "; ".join(table.indicator.name for table in without_figures[:3])
        status, reason = INCOMPLETE, f"{len(without_figures)} indicator(s) have no figures for {year.label}: {names}."
    else:
        status, reason = READY, ""
    return Section(
        key=KEY,
        title=TITLE,
        template="annual/sections/performance.html",
        status=status,
        reason=reason,
        fix_url=reverse("admin:annual_indicatorvalue_changelist"),
        fix_label="Enter or import the figures",
        data=PerformanceData(
            tables=tables,
            narrative=bundle.narrative(NarrativeSection.Kind.PERFORMANCE),
            include_analysis=bundle.configuration.include_analysis,
        ),
    )
