"""Context (seed section 2): the area's facts for the year and the board's vision text."""

from dataclasses import dataclass

from django.urls import reverse

from reports.annual.models import ContextFact, NarrativeSection
from reports.annual.sections.base import INCOMPLETE, MISSING, READY, Narrative, Section

KEY = "context"
TITLE = "Context"


@dataclass
class ContextData:
    facts: list[ContextFact]
    child_population: ContextFact | None
    narrative: Narrative


def provide(*, board, year, bundle):
    facts = bundle.context_facts
    population = next((f for f in facts if f.kind == ContextFact.Kind.CHILD_POPULATION), None)
    if not facts:
        status, reason = MISSING, f"No context facts are recorded for {year.label}."
    elif population is None:
        status, reason = (
            INCOMPLETE,
            "The number of children (0-17) is missing, so rates per 10,000 cannot be worked out.",
        )
    else:
        status, reason = READY, ""
    return Section(
        key=KEY,
        title=TITLE,
        template="annual/sections/context.html",
        status=status,
        reason=reason,
        fix_url=reverse("admin:annual_contextfact_changelist") + f"?year_start={year.start_year}",
        fix_label="Record the context facts",
        data=ContextData(
            facts=facts, child_population=population, narrative=bundle.narrative(NarrativeSection.Kind.CONTEXT)
        ),
    )
