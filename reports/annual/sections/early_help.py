"""Early help: the narrative text business support writes for the year."""

from reports.annual.models import NarrativeSection
from reports.annual.sections.base import narrative_section

KEY = "early_help"
TITLE = "Early help"
LEVEL = 2


def provide(*, board, year, bundle):
    return narrative_section(key=KEY, title=TITLE, kind=NarrativeSection.Kind.EARLY_HELP, bundle=bundle, level=LEVEL)
