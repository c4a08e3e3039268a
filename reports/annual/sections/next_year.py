"""Towards next year: the narrative text business support writes for the year."""

from reports.annual.models import NarrativeSection
from reports.annual.sections.base import narrative_section

KEY = "next_year"
TITLE = "Towards next year"
LEVEL = 1


def provide(*, board, year, bundle):
    return narrative_section(key=KEY, title=TITLE, kind=NarrativeSection.Kind.NEXT_YEAR, bundle=bundle, level=LEVEL)
