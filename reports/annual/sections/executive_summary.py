"""Executive summary: the narrative text business support writes for the year."""

from reports.annual.models import NarrativeSection
from reports.annual.sections.base import narrative_section

KEY = "executive_summary"
TITLE = "Executive summary"
LEVEL = 1


def provide(*, board, year, bundle):
    return narrative_section(
        key=KEY, title=TITLE, kind=NarrativeSection.Kind.EXECUTIVE_SUMMARY, bundle=bundle, level=LEVEL
    )
