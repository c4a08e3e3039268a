"""Towards next year ("Towards 2017/18" in the 2016/17 report): the narrative text business support writes."""

from reports.annual.models import NarrativeSection
from reports.annual.sections.base import narrative_section

KEY = "next_year"
TITLE = "Towards next year"
LEVEL = 1


def provide(*, board, year, bundle):
    return narrative_section(
        key=KEY, title=f"Towards {year.next.label}", kind=NarrativeSection.Kind.NEXT_YEAR, bundle=bundle, level=LEVEL
    )
