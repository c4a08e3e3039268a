"""Child Death Overview Panel: the narrative text business support writes for the year."""

from reports.annual.models import NarrativeSection
from reports.annual.sections.base import narrative_section

KEY = "cdop"
TITLE = "Child Death Overview Panel"
LEVEL = 2


def provide(*, board, year, bundle):
    return narrative_section(key=KEY, title=TITLE, kind=NarrativeSection.Kind.CDOP, bundle=bundle, level=LEVEL)
