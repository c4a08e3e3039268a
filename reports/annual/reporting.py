"""Pure reads of the annual report's own records for a board and a ``ReportingYear``.

Each function runs one query whatever the amount of data (no per-row queries). ``report_records``
reads everything the report needs from this app, and the evidence other apps count per priority,
in one batched query (``wscb.data.batching``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet

from partners.models import KeyObjective
from partners.selectors import priorities_for
from reports.annual import charts
from reports.annual.models import (
    ComparatorValue,
    ContextFact,
    EngagementEvent,
    Indicator,
    IndicatorValue,
    NarrativeSection,
    PriorityActivity,
    ReportConfiguration,
    TextFigure,
    compute_value,
)
from reports.selfreports.reporting import answers_by_priority_queryset, case_studies_by_priority_queryset
from training.reporting import courses_per_priority_queryset
from wscb.data.batching import fetch
from wscb.periods import ReportingYear

#: How many years the indicator tables show, ending with the report's year (the seed shows four).
TABLE_YEARS = 4
#: Amber when worse than England by no more than this share of England's value; red beyond it.
AMBER_MARGIN = Decimal("0.05")

#: (name, function(board=, year=) -> queryset of (priority id, count) pairs) for evidence held by
#: other apps. The bundle reads them in the same query as this app's records.
EVIDENCE_SOURCES: list[tuple[str, Callable[..., QuerySet]]] = [
    ("training courses", courses_per_priority_queryset),
    ("partner answers", answers_by_priority_queryset),
    ("case studies", case_studies_by_priority_queryset),
]


def _context_facts(*, board, year: ReportingYear) -> QuerySet:
    return ContextFact.objects.filter(board=board, year_start=year.start_year).order_by("order", "pk")


def context_facts(*, board, year: ReportingYear) -> list[ContextFact]:
    """The year's context facts in the order the report lists them (one query)."""
    return list(_context_facts(board=board, year=year))


def _child_populations(*, board, start_years) -> QuerySet:
    return ContextFact.objects.filter(
        board=board, kind=ContextFact.Kind.CHILD_POPULATION, year_start__in=list(start_years)
    ).values_list("year_start", "value")


def child_populations(*, board, start_years) -> dict[int, int]:
    """Children aged 0-17 by start year, from the context facts (one query)."""
    return {year_start: int(value) for year_start, value in _child_populations(board=board, start_years=start_years)}


def _narratives(*, board, year: ReportingYear) -> QuerySet:
    return NarrativeSection.objects.filter(board=board, year_start=year.start_year)


def narratives(*, board, year: ReportingYear) -> dict[str, NarrativeSection]:
    """The year's narrative sections by kind (one query)."""
    return {section.kind: section for section in _narratives(board=board, year=year)}


def _engagement_events(*, board, year: ReportingYear) -> QuerySet:
    return EngagementEvent.objects.filter(board=board, year_start=year.start_year).order_by(
        F("held_on").asc(nulls_last=True), "pk"
    )


def engagement_events(*, board, year: ReportingYear) -> list[EngagementEvent]:
    """Engagement events counted in the year, by date (undated ones last; one query)."""
    return list(_engagement_events(board=board, year=year))


@dataclass
class PriorityRow:
    priority: object
    objectives: list
    activity: PriorityActivity | None
    evidence: dict[str, int] = field(default_factory=dict)
    #: The activity text as the report prints it (placeholders resolved by the assembly) and its HTML.
    activity_text: str = ""
    activity_html: str = ""

    @property
    def evidence_total(self) -> int:
        return sum(self.evidence.values())


def _priorities(*, board, year: ReportingYear) -> QuerySet:
    return (
        priorities_for(board=board, year=year)
        .prefetch_related(None)
        .annotate(
            indicator_count=Count("indicators", filter=Q(indicators__is_active=True), distinct=True),
            event_count=Count(
                "engagement_events", filter=Q(engagement_events__year_start=year.start_year), distinct=True
            ),
        )
    )


def _priority_parts(*, board, year: ReportingYear) -> dict[str, QuerySet]:
    priorities = _priorities(board=board, year=year)
    keys = priorities_for(board=board, year=year).values("pk")
    return {
        "priorities": priorities,
        "objectives": KeyObjective.objects.filter(priority__in=keys),
        "activities": PriorityActivity.objects.filter(priority__in=keys, year_start=year.start_year),
    }


def _priority_rows(rows: dict[str, list]) -> list[PriorityRow]:
    objectives = defaultdict(list)
    for objective in rows["objectives"]:
        objectives[objective.priority_id].append(objective)
    activities = {activity.priority_id: activity for activity in rows["activities"]}
    return [
        PriorityRow(
            priority=priority,
            objectives=objectives[priority.pk],
            activity=activities.get(priority.pk),
            evidence={"indicators": priority.indicator_count, "engagement events": priority.event_count},
        )
        for priority in rows["priorities"]
    ]


def priority_rows(*, board, year: ReportingYear) -> list[PriorityRow]:
    """Each priority that applies in the year, its key objectives, activity text and evidence counts.

    Evidence counted here is what this app holds (indicators and engagement events tagged to the
    priority); the strategic objectives section adds the other apps' evidence. One query.
    """
    return _priority_rows(fetch(**_priority_parts(board=board, year=year)))


@dataclass
class IndicatorTable:
    """One indicator as the report shows it: four years of figures, comparators, trend and RAG."""

    indicator: Indicator
    labels: list[str]
    numerators: list[int | None]
    denominators: list[int | None]
    values: list[Decimal | None]
    comparators: list[tuple[str, list[Decimal | None]]]
    direction: str
    rag: str
    rag_reason: str
    chart_svg: str = ""
    chart_text: str = ""

    @property
    def latest(self) -> Decimal | None:
        return self.values[-1] if self.values else None

    @property
    def has_comparators(self) -> bool:
        return any(any(v is not None for v in values) for _, values in self.comparators)

    @property
    def chart_series(self) -> list[tuple[str, list]]:
        series = [("Local", self.values)]
        series += [(name, values) for name, values in self.comparators if any(v is not None for v in values)]
        return series


def direction_of_travel(*, previous: Decimal | None, latest: Decimal | None, polarity: str) -> str:
    """ "Improving", "Worsening", "No change" (or "Up"/"Down" when neither direction is better)."""
    if previous is None or latest is None:
        return "Not known"
    if latest == previous:
        return "No change"
    went_up = latest > previous
    if polarity == Indicator.Polarity.HIGH_IS_GOOD:
        return "Improving" if went_up else "Worsening"
    if polarity == Indicator.Polarity.LOW_IS_GOOD:
        return "Worsening" if went_up else "Improving"
    return "Up" if went_up else "Down"


NOT_RATED = "Not rated"


def rag_against_england(
    *, value: Decimal | None, england: Decimal | None, polarity: str, england_before: Decimal | None = None
) -> tuple[str, str]:
    """(rating, reason): Green at least as good as England, Amber worse by up to 5% of England's
    value, Red worse than that. Not rated: indicators with no preferred direction, years without
    an England value, and an England value identical to the year before's (most likely last year's
    figure carried forward, not a new one)."""
    if polarity == Indicator.Polarity.NEITHER:
        return NOT_RATED, "neither high nor low is better for this indicator"
    if value is None or england is None:
        return NOT_RATED, "no England comparator for the year"
    if england_before is not None and england == england_before:
        return NOT_RATED, "the England value is the same as the year before's, so it may not have been updated"
    better_or_equal = value >= england if polarity == Indicator.Polarity.HIGH_IS_GOOD else value <= england
    if better_or_equal:
        return "Green", "as good as or better than England"
    if abs(value - england) <= abs(england) * AMBER_MARGIN:
        return "Amber", "slightly worse than England (within 5%)"
    return "Red", "worse than England by more than 5%"


def _table_years(year: ReportingYear) -> list[ReportingYear]:
    return [ReportingYear(year.start_year - offset) for offset in range(TABLE_YEARS - 1, -1, -1)]


def _indicator_parts(*, board, year: ReportingYear) -> dict[str, QuerySet]:
    starts = [y.start_year for y in _table_years(year)]
    indicators = Indicator.objects.filter(board=board, is_active=True).order_by("order", "pk")
    return {
        "indicators": indicators,
        "indicator_values": IndicatorValue.objects.filter(indicator__in=indicators.values("pk"), year_start__in=starts),
        "comparator_values": ComparatorValue.objects.filter(
            indicator__in=indicators.values("pk"), year_start__in=starts
        ),
        "populations": _child_populations(board=board, start_years=starts),
    }


def indicator_tables(*, board, year: ReportingYear, with_charts: bool = True) -> list[IndicatorTable]:
    """Every active indicator of the board with the four years ending in ``year``. One query.

    Values are computed from numerator and denominator (percent) or from the numerator and the
    child population of that year (rate per 10,000; a denominator typed on the yearly row, the
    population estimate the publisher used, takes precedence).
    """
    return _indicator_tables(year, fetch(**_indicator_parts(board=board, year=year)), with_charts=with_charts)


def _indicator_tables(year: ReportingYear, rows: dict[str, list], *, with_charts: bool) -> list[IndicatorTable]:
    years = _table_years(year)
    starts = [y.start_year for y in years]
    indicators = rows["indicators"]
    values = {(row.indicator_id, row.year_start): row for row in rows["indicator_values"]}
    comparator_values: dict[tuple, Decimal] = {
        (row.indicator_id, row.comparator, row.year_start): row.value for row in rows["comparator_values"]
    }
    populations = {year_start: int(value) for year_start, value in rows["populations"]}
    tables = []
    for indicator in indicators:
        numerators, denominators, computed = [], [], []
        for start in starts:
            row = values.get((indicator.pk, start))
            if row is None:
                numerators.append(None)
                denominators.append(None)
                computed.append(None)
                continue
            denominator = row.denominator
            if indicator.is_rate and not denominator:
                denominator = populations.get(start)
            numerators.append(row.numerator)
            denominators.append(denominator)
            computed.append(compute_value(unit=indicator.unit, numerator=row.numerator, denominator=denominator))
        comparators = [
            (label, [comparator_values.get((indicator.pk, key, start)) for start in starts])
            for key, label in ComparatorValue.Comparator.choices
        ]
        england_values = dict(comparators)[ComparatorValue.Comparator.ENGLAND.label]
        rag, reason = rag_against_england(
            value=computed[-1],
            england=england_values[-1],
            polarity=indicator.polarity,
            england_before=england_values[-2] if len(england_values) > 1 else None,
        )
        table = IndicatorTable(
            indicator=indicator,
            labels=[y.label for y in years],
            numerators=numerators,
            denominators=denominators,
            values=computed,
            comparators=comparators,
            direction=direction_of_travel(previous=computed[-2], latest=computed[-1], polarity=indicator.polarity),
            rag=rag,
            rag_reason=reason,
        )
        suffix = "%" if not indicator.is_rate else " per 10,000"
        table.chart_text = charts.trend_chart_text(labels=table.labels, series=table.chart_series, suffix=suffix)
        tables.append(table)
    if with_charts:  # every chart of the report at once: laid out once per set of numbers (charts.svgs)
        specs = [
            charts.trend_chart(
                title=table.indicator.name,
                labels=table.labels,
                series=table.chart_series,
                suffix="%" if not table.indicator.is_rate else " per 10,000",
            )
            for table in tables
        ]
        for table, chart in zip(tables, charts.trend_chart_svgs(specs), strict=True):
            table.chart_svg = chart
    return tables


@dataclass
class ReportRecords:
    """This app's records for one report, read in one query."""

    narratives: dict[str, NarrativeSection]
    context_facts: list[ContextFact]
    priority_rows: list[PriorityRow]
    indicator_tables: list[IndicatorTable]
    engagement_events: list[EngagementEvent]
    configuration: ReportConfiguration | None = None
    text_figures: list[TextFigure] = field(default_factory=list)


def report_records(*, board, year: ReportingYear, evidence: dict[str, QuerySet] | None = None) -> ReportRecords:
    """Everything the report reads from this app, in one query. ``evidence`` maps a name to a
    queryset of (priority id, count) pairs from another app; its counts are added to each
    priority row's evidence under that name, in the same query."""
    evidence = evidence or {}
    rows = fetch(
        narratives=_narratives(board=board, year=year),
        context_facts=_context_facts(board=board, year=year),
        engagement_events=_engagement_events(board=board, year=year),
        configurations=ReportConfiguration.objects.filter(board=board, year_start=year.start_year),
        text_figures=TextFigure.objects.filter(board=board, year_start=year.start_year).order_by("order", "pk"),
        **_priority_parts(board=board, year=year),
        **_indicator_parts(board=board, year=year),
        **{f"evidence_{index}": queryset for index, queryset in enumerate(evidence.values())},
    )
    priority_rows = _priority_rows(rows)
    for index, name in enumerate(evidence):
        counts = dict(rows[f"evidence_{index}"])
        for row in priority_rows:
            row.evidence[name] = counts.get(row.priority.pk, 0)
    return ReportRecords(
        narratives={section.kind: section for section in rows["narratives"]},
        context_facts=rows["context_facts"],
        priority_rows=priority_rows,
        indicator_tables=_indicator_tables(year, rows, with_charts=True),
        engagement_events=rows["engagement_events"],
        configuration=(rows["configurations"] or [ReportConfiguration(board=board, year_start=year.start_year)])[0],
        text_figures=rows["text_figures"],
    )


def evidence_by_priority(*, board, year: ReportingYear) -> dict[int, dict[str, int]]:
    """Evidence counts per priority id for the readiness check."""
    return {row.priority.pk: row.evidence for row in priority_rows(board=board, year=year)}


def years_with_content(*, board) -> list[ReportingYear]:
    """Reporting years that have narrative, indicator figures or context facts, newest first."""
    starts: set[int] = set()
    starts.update(NarrativeSection.objects.filter(board=board).values_list("year_start", flat=True).distinct())
    starts.update(ContextFact.objects.filter(board=board).values_list("year_start", flat=True).distinct())
    starts.update(IndicatorValue.objects.filter(indicator__board=board).values_list("year_start", flat=True).distinct())
    return [ReportingYear(start) for start in sorted(starts, reverse=True)]


def group_events(events) -> list[tuple[str, list]]:
    grouped = defaultdict(list)
    for event in events:
        grouped[event.audience].append(event)
    return [(label, grouped[key]) for key, label in EngagementEvent.Audience.choices if grouped[key]]
