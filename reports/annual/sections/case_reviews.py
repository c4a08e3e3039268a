"""Serious case reviews and local learning reviews: the narrative text business support writes for the year."""

from reports.annual.models import NarrativeSection
from reports.annual.sections.base import narrative_section

KEY = "case_reviews"
TITLE = "Serious case reviews and local learning reviews"
LEVEL = 2


def provide(*, board, year, bundle):
    return narrative_section(key=KEY, title=TITLE, kind=NarrativeSection.Kind.CASE_REVIEWS, bundle=bundle, level=LEVEL)
