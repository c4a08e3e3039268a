"""Assemble a board's report for a year: the section providers in order, numbered, with contents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

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

    @property
    def title(self) -> str:
        return f"{self.board.name} Annual Report {self.year.start_year}-{(self.year.start_year + 1) % 100:02d}"

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


def build_report(*, board, year: ReportingYear) -> AnnualReport:
    """Run every provider once and number the sections: 1, 2, ... and 5.1, 5.2 for sub-sections.

    Every section reads the same snapshot of the database (one transaction), so a change someone
    commits while the report is assembled appears in all of its sections or in none.
    """
    bundle = ReportBundle(board=board, year=year)
    with snapshot():
        sections = [provider.provide(board=board, year=year, bundle=bundle) for provider in PROVIDERS]
    top: list[Section] = []
    number = 0
    for section in sections:
        if section.level == 2 and top:
            parent = top[-1]
            section.number = f"{parent.number}.{len(parent.children) + 1}" if parent.number else ""
            parent.children.append(section)
            continue
        if section.numbered:
            number += 1
            section.number = str(number)
        top.append(section)
    return AnnualReport(board=board, year=year, sections=top, generated_at=timezone.now(), bundle=bundle)
