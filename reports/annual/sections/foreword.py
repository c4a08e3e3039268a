"""Foreword (unnumbered): the narrative text, signed."""

from reports.annual.models import NarrativeSection
from reports.annual.sections.base import narrative_section

KEY = "foreword"
TITLE = "Foreword"


def provide(*, board, year, bundle):
    section = narrative_section(key=KEY, title=TITLE, kind=NarrativeSection.Kind.FOREWORD, bundle=bundle)
    section.numbered = False
    return section
