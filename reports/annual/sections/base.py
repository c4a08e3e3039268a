"""What every section provider returns, and the shared bundle of this app's records.

A provider is a module in this package with ``KEY``, ``TITLE`` and
``provide(*, board, year, bundle) -> Section``. ``bundle`` is the ``ReportBundle`` for the
board and year: the annual app's own records, all loaded in one query on first use, so
assembling the report costs the same number of queries whatever the data size.
Providers for other apps' sections call those apps' ``reporting.py`` functions (one call each);
a result two providers share (the board's attendance and membership) is cached on the bundle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.urls import reverse

from reports.annual import placeholders, reporting
from reports.annual.markdown import render_markdown
from reports.annual.models import NarrativeSection
from wscb.periods import ReportingYear

READY = "ready"
INCOMPLETE = "incomplete"
MISSING = "missing"


@dataclass
class Section:
    """One section of the report as the templates render it."""

    key: str
    title: str
    template: str
    level: int = 1
    numbered: bool = True
    status: str = READY
    reason: str = ""  # why the section is missing or incomplete, in plain words
    fix_url: str = ""  # where the reason is fixed
    fix_label: str = ""
    data: Any = None
    number: str = ""  # given by the assembly from the report's configuration: "3", "6.1"; "" for none
    children: list[Section] = field(default_factory=list)
    #: For a section much longer than the rest (the partner updates' own words): what the draft on
    #: screen shows in its place, linking the section's own page (``annual:draft-section``). The
    #: report's files (HTML, PDF, Word) and published versions always hold the whole section.
    summary_template: str = ""
    #: The reconciliation's findings about this section that the report prints (set by the assembly).
    findings: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"section-{self.key.replace('_', '-')}"

    @property
    def slug(self) -> str:
        """The section's part of its own page's address (``partner-updates``)."""
        return self.key.replace("_", "-")

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip() if self.number else self.title

    @property
    def is_missing(self) -> bool:
        return self.status == MISSING


@dataclass
class Narrative:
    """A narrative text ready to render. ``source`` is the Markdown as written (with placeholders);
    ``body`` is the Markdown the report prints (placeholders replaced by the figures, once the whole
    report is assembled) and ``html`` its safe HTML."""

    kind: str
    label: str
    body: str
    html: str
    signed_by: str = ""
    edit_url: str = ""
    source: str = ""

    @property
    def is_written(self) -> bool:
        return bool(self.body.strip())

    def resolve(self, figures: dict) -> None:
        """Put the report's figures into the text (see ``reports.annual.placeholders``)."""
        self.body = placeholders.resolve(self.source, figures)
        self.html = render_markdown(self.body)


class ReportBundle:
    """The annual app's records for one board and year, each loaded once on first use."""

    def __init__(self, *, board, year: ReportingYear):
        self.board = board
        self.year = year
        self.narratives_made: list[Narrative] = []

    @cached_property
    def records(self) -> reporting.ReportRecords:
        """This app's records and the other apps' evidence per priority, in one query."""
        evidence = {name: source(board=self.board, year=self.year) for name, source in reporting.EVIDENCE_SOURCES}
        return reporting.report_records(board=self.board, year=self.year, evidence=evidence)

    @property
    def narrative_rows(self) -> dict[str, NarrativeSection]:
        return self.records.narratives

    def narrative(self, kind: str) -> Narrative:
        """The year's text of ``kind``; its placeholders are resolved when the report is assembled."""
        row = self.narrative_rows.get(kind)
        body = row.body if row else ""
        narrative = Narrative(
            kind=kind,
            label=NarrativeSection.Kind(kind).label,
            body=body,
            html=render_markdown(body),
            signed_by=row.signed_by if row else "",
            edit_url=narrative_edit_url(self.year, kind),
            source=body,
        )
        self.narratives_made.append(narrative)
        return narrative

    @property
    def configuration(self):
        """The year's ``ReportConfiguration`` (an unsaved default when business support has set none)."""
        return self.records.configuration

    @property
    def text_figures(self):
        return self.records.text_figures

    @cached_property
    def training_report(self):
        """The training app's figures for the year (shared by the training and finance sections)."""
        from training.reporting import training_report

        return training_report(board=self.board, year=self.year)

    @property
    def context_facts(self):
        return self.records.context_facts

    @property
    def priority_rows(self):
        return self.records.priority_rows

    @property
    def indicator_tables(self):
        return self.records.indicator_tables

    @property
    def engagement_events(self):
        return self.records.engagement_events

    @cached_property
    def board_attendance(self):
        """The meetings app's section 3 and 12 figures (None when the board group is not set up)."""
        from meetings.reporting import board_attendance

        return board_attendance(self.year, self.board)


def narrative_edit_url(year: ReportingYear, kind: str) -> str:
    return reverse("annual:narrative-edit", kwargs={"start_year": year.start_year, "kind": kind})


def narrative_section(*, key: str, title: str, kind: str, bundle: ReportBundle, level: int = 1) -> Section:
    """A section that is one narrative text; missing until business support writes it."""
    narrative = bundle.narrative(kind)
    return Section(
        key=key,
        title=title,
        template="annual/sections/narrative.html",
        level=level,
        status=READY if narrative.is_written else MISSING,
        reason="" if narrative.is_written else f"The {narrative.label.lower()} text has not been written.",
        fix_url=narrative.edit_url,
        fix_label=f"Write the {narrative.label.lower()}",
        data=narrative,
    )


def not_yet_available(*, key: str, title: str, reason: str, level: int = 1) -> Section:
    """A section whose records live in an app the portal does not have yet: shown as missing."""
    return Section(
        key=key,
        title=title,
        template="annual/sections/not_available.html",
        level=level,
        status=MISSING,
        reason=reason,
    )
