"""Assemble a board's report for a year: the section providers in order, numbered as the year's
configuration says, the text's live figures filled in and the reconciliation checks run."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from reports.annual import placeholders, reconciliation
from reports.annual.figures import report_figures
from reports.annual.markdown import render_markdown
from reports.annual.sections import PROVIDERS
from reports.annual.sections.base import MISSING, ReportBundle, Section
from wscb.data.batching import snapshot
from wscb.periods import ReportingYear


@dataclass
class AnnualReport:
    board: object
    year: ReportingYear
    sections: list[Section]  # top level, each with its sub-sections in ``children``
    generated_at: datetime
    version: int | None = None  # set for a published version
    is_draft: bool = True
    bundle: ReportBundle | None = None
    figures: dict = field(default_factory=dict)  # name -> placeholders.Figure
    findings: list = field(default_factory=list)  # every reconciliation.Finding, shown or not

    @property
    def title(self) -> str:
        return f"{self.board.name} Annual Report {self.year.start_year}-{(self.year.start_year + 1) % 100:02d}"

    @property
    def configuration(self):
        return self.bundle.configuration if self.bundle else None

    @property
    def include_analysis(self) -> bool:
        """Whether the report prints the portal's own analysis (thresholds, quorum, ratings)."""
        return bool(self.configuration and self.configuration.include_analysis)

    @property
    def all_sections(self) -> list[Section]:
        flat = []
        for section in self.sections:
            flat.append(section)
            flat.extend(section.children)
        return flat

    @property
    def missing_sections(self) -> list[Section]:
        return [section for section in self.all_sections if section.status == MISSING]

    def section(self, key: str) -> Section | None:
        return next((section for section in self.all_sections if section.key == key), None)


def number_sections(sections: list[Section], numbers: dict[str, str]) -> list[Section]:
    """Nest level-2 sections under the level-1 section before them and number them.

    With ``numbers`` (the configuration's section key -> number, "" or missing for none) each section
    gets exactly its configured number; without, they are numbered 1, 2, ... and 5.1, 5.2 in order
    (unnumbered sections, like the foreword, are skipped)."""
    top: list[Section] = []
    count = 0
    for section in sections:
        section.children = []
        if section.level == 2 and top:
            parent = top[-1]
            if numbers:
                section.number = str(numbers.get(section.key, "")).strip()
            else:
                section.number = f"{parent.number}.{len(parent.children) + 1}" if parent.number else ""
            parent.children.append(section)
            continue
        if numbers:
            section.number = str(numbers.get(section.key, "")).strip()
        elif section.numbered:
            count += 1
            section.number = str(count)
        top.append(section)
    return top


def build_report(*, board, year: ReportingYear) -> AnnualReport:
    """Run every provider once, number the sections, put the figures into the text and reconcile.

    Every section reads the same snapshot of the database (one transaction), so a change someone
    commits while the report is assembled appears in all of its sections or in none.
    """
    bundle = ReportBundle(board=board, year=year)
    with snapshot():
        sections = [provider.provide(board=board, year=year, bundle=bundle) for provider in PROVIDERS]
    configuration = bundle.configuration
    top = number_sections(sections, configuration.section_numbers or {})
    report = AnnualReport(board=board, year=year, sections=top, generated_at=timezone.now(), bundle=bundle)
    report.figures = report_figures(report)
    for narrative in bundle.narratives_made:
        narrative.resolve(report.figures)
    for row in bundle.priority_rows:
        row.activity_text = placeholders.resolve(row.activity.text if row.activity else "", report.figures)
        row.activity_html = render_markdown(row.activity_text)
    report.findings = reconciliation.run_checks(reconciliation.facts_from_report(report, report.figures))
    hidden = set(configuration.hidden_checks or [])
    by_key = {section.key: section for section in report.all_sections}
    for finding in report.findings:
        if finding.check not in hidden and finding.section in by_key:
            by_key[finding.section].findings.append(finding)
    return report
