"""Local Authority Designated Officer (LADO): the narrative text business support writes for the year."""

from reports.annual.models import NarrativeSection
from reports.annual.sections.base import narrative_section

KEY = "lado"
TITLE = "Local Authority Designated Officer (LADO)"
LEVEL = 2


def provide(*, board, year, bundle):
    return narrative_section(key=KEY, title=TITLE, kind=NarrativeSection.Kind.LADO, bundle=bundle, level=LEVEL)
