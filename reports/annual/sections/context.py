"""Context (seed section 2): the board's text about the area and its vision, with the year's context
facts. Facts the text names through a placeholder (``{{ context.child_population }}``) are printed
there; the rest are listed in a table (with a source column only when a source is recorded)."""

from dataclasses import dataclass, field

from django.urls import reverse

from reports.annual import placeholders
from reports.annual.models import ContextFact, NarrativeSection
from reports.annual.sections.base import INCOMPLETE, MISSING, READY, Narrative, Section

KEY = "context"
TITLE = "Context"


def fact_name(fact: ContextFact) -> str:
    """The placeholder name of a fact: ``context.child_population``; facts of kind "other" by their order."""
    return f"context.other_{fact.order}" if fact.kind == ContextFact.Kind.OTHER else f"context.{fact.kind}"


@dataclass
class ContextData:
    facts: list[ContextFact]
    child_population: ContextFact | None
    narrative: Narrative
    facts_in_table: list[ContextFact] = field(default_factory=list)

    @property
    def has_sources(self) -> bool:
        return any(fact.source for fact in self.facts_in_table)

    @property
    def population_in_text(self) -> bool:
        return self.child_population is not None and self.child_population not in self.facts_in_table


def provide(*, board, year, bundle):
    facts = bundle.context_facts
    population = next((f for f in facts if f.kind == ContextFact.Kind.CHILD_POPULATION), None)
    narrative = bundle.narrative(NarrativeSection.Kind.CONTEXT)
    named = set(placeholders.names_used(narrative.source))
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
            facts=facts,
            child_population=population,
            narrative=narrative,
            facts_in_table=[fact for fact in facts if fact_name(fact) not in named],
        ),
    )
