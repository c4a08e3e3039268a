"""The readiness check before publishing: what is missing, each item linked to where it is fixed.

Checks: sections missing or incomplete (including those whose records are not in the portal
yet), required narrative not written, placeholders naming no figure, numbers typed into the text
(so business support can replace them with live figures), agencies whose return is not accepted,
every reconciliation finding (``reports.annual.reconciliation``, grouped by kind, saying whether the
report prints it), priorities with little or no evidence, and the Working Together 2018 yearly-report
expectations.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from reports.annual import placeholders, reconciliation
from reports.annual.assembly import AnnualReport
from reports.annual.models import EngagementEvent, NarrativeSection
from reports.annual.sections import strategic_objectives
from reports.annual.sections.base import INCOMPLETE, MISSING, narrative_edit_url

BLOCKING = "missing"
WARNING = "warning"
MET = "met"


@dataclass(frozen=True)
class ReadinessItem:
    group: str
    message: str
    level: str  # missing / warning / met
    fix_url: str = ""
    fix_label: str = ""


@dataclass
class Readiness:
    items: list[ReadinessItem]

    @property
    def problems(self) -> list[ReadinessItem]:
        return [item for item in self.items if item.level != MET]

    @property
    def missing_count(self) -> int:
        return sum(1 for item in self.items if item.level == BLOCKING)

    @property
    def warning_count(self) -> int:
        return sum(1 for item in self.items if item.level == WARNING)

    @property
    def is_ready(self) -> bool:
        return not self.problems

    def groups(self) -> list[tuple[str, list[ReadinessItem]]]:
        order: dict[str, list[ReadinessItem]] = {}
        for item in self.items:
            order.setdefault(item.group, []).append(item)
        return list(order.items())


def check_readiness(report: AnnualReport) -> Readiness:
    items: list[ReadinessItem] = []
    sections = {section.key: section for section in report.all_sections}
    year = report.year

    for section in report.all_sections:
        if section.status in (MISSING, INCOMPLETE):
            items.append(
                ReadinessItem(
                    "Sections",
                    f"{section.heading}: {section.reason}",
                    BLOCKING if section.status == MISSING else WARNING,
                    section.fix_url,
                    section.fix_label,
                )
            )

    written = {kind for kind, row in report.bundle.narrative_rows.items() if row.body.strip()}
    for kind in NarrativeSection.REQUIRED:
        if kind not in written:
            items.append(
                ReadinessItem(
                    "Narrative",
                    f"{NarrativeSection.Kind(kind).label} is not written.",
                    BLOCKING,
                    narrative_edit_url(year, kind),
                    "Write it",
                )
            )

    items.extend(_text_items(report))
    updates = getattr(sections.get("partner_updates"), "data", None)
    for pending in getattr(updates, "not_accepted", []) or []:
        items.append(
            ReadinessItem(
                "Partner returns",
                f"{pending.agency}: the {year.label} return is not accepted ({pending.status.lower()}).",
                BLOCKING,
                reverse("reports:selfreport-detail", args=[pending.report_id]),
                "Review the return",
            )
        )
    items.extend(_finding_items(report))

    strategic = sections.get(strategic_objectives.KEY)
    rows = strategic.data.rows if strategic and strategic.data else []
    for row in rows:
        total = row.evidence_total
        if total < strategic_objectives.LITTLE_EVIDENCE:
            items.append(
                ReadinessItem(
                    "Evidence for priorities",
                    f"Priority {row.priority.number} has {'no' if total == 0 else 'little'} evidence tagged to it "
                    f"({total}).",
                    WARNING,
                    strategic_objectives.activity_edit_url(year, row.priority),
                    "Review the priority",
                )
            )
    items.extend(_working_together(report, sections, written))
    return Readiness(items=items)


def _text_items(report) -> list[ReadinessItem]:
    """Placeholders that name no figure (missing) and numbers typed into the text (to check)."""
    year, items = report.year, []
    texts = [
        (NarrativeSection.Kind(kind).label, row.body, narrative_edit_url(year, kind))
        for kind, row in sorted(report.bundle.narrative_rows.items())
    ]
    texts += [
        (
            f"Activity for priority {row.priority.number}",
            row.activity.text,
            strategic_objectives.activity_edit_url(year, row.priority),
        )
        for row in report.bundle.priority_rows
        if row.activity is not None
    ]
    for label, text, url in texts:
        unknown = [name for name in placeholders.names_used(text) if name not in report.figures]
        if unknown:
            items.append(
                ReadinessItem(
                    "Live figures in the text",
                    f"{label}: no figure is called {', '.join(unknown)} (see the list beside the editor).",
                    BLOCKING,
                    url,
                    "Correct the text",
                )
            )
        broken = placeholders.malformed(text)
        if broken:
            items.append(
                ReadinessItem(
                    "Live figures in the text",
                    f"{label}: {', '.join(broken)} is not a figure name (letters, digits, _ . - only).",
                    WARNING,
                    url,
                    "Correct the text",
                )
            )
        typed = placeholders.typed_numbers(text)
        if typed:
            shown = "; ".join(f"{number.number} (“{number.context}”)" for number in typed[:12])
            more = f"; and {len(typed) - 12} more" if len(typed) > 12 else ""
            items.append(
                ReadinessItem(
                    "Numbers typed into the text",
                    f"{label}: {len(typed)} number(s) typed, which will not follow the records: {shown}{more}. "
                    "Replace the ones the portal holds with live figures.",
                    WARNING,
                    url,
                    "Edit the text",
                )
            )
    return items


def _finding_items(report) -> list[ReadinessItem]:
    """Every reconciliation finding, grouped by kind, saying whether the report prints it."""
    hidden = set(report.configuration.hidden_checks or []) if report.configuration else set()
    by_key = {section.key: section for section in report.all_sections}
    items = []
    for finding in report.findings:
        section = by_key.get(finding.section)
        where = (
            f"section {section.number} {section.title}"
            if section and section.number
            else (section.title if section else finding.section)
        )
        shown = "not printed in the report" if finding.check in hidden else f"printed in {where}"
        items.append(
            ReadinessItem(
                f"Figures that do not add up: {reconciliation.KINDS[finding.kind].lower()}",
                f"{finding.message} ({shown})",
                WARNING,
                finding.fix_url,
                "Check the figures",
            )
        )
    return items


def _working_together(report, sections, written) -> list[ReadinessItem]:
    """Working Together 2018: what a yearly report is expected to show."""
    year = report.year
    group = "Working Together 2018 expectations"
    items = []
    performance = sections.get("performance")
    tables = performance.data.tables if performance and performance.data else []
    rated = [t for t in tables if t.latest is not None and t.direction not in ("Not known",)]
    items.append(
        ReadinessItem(
            group,
            "Evidence of impact: "
            + (
                f"{len(rated)} indicators show a direction of travel."
                if rated
                else "no indicator has two years of figures to show a direction of travel."
            ),
            MET if rated else BLOCKING,
            "" if rated else sections["performance"].fix_url,
            "Enter the figures",
        )
    )
    worsening = [t for t in tables if t.direction == "Worsening" or t.rag == "Red"]
    analysed = NarrativeSection.Kind.NEXT_YEAR in written and NarrativeSection.Kind.EXECUTIVE_SUMMARY in written
    items.append(
        ReadinessItem(
            group,
            f"Analysis of areas with little or no progress: {len(worsening)} indicator(s) worsening or red; "
            + (
                "the executive summary and 'towards next year' are written."
                if analysed
                else "write the executive summary and 'towards next year' to analyse them."
            ),
            MET if analysed else BLOCKING,
            "" if analysed else narrative_edit_url(year, NarrativeSection.Kind.NEXT_YEAR),
            "Write it",
        )
    )
    training = sections.get("training")
    items.append(
        ReadinessItem(
            group,
            "Training and its impact: "
            + ("reported." if training and not training.is_missing else "no training records are available yet."),
            MET if training and not training.is_missing else BLOCKING,
        )
    )
    reviews = NarrativeSection.Kind.CASE_REVIEWS in written
    items.append(
        ReadinessItem(
            group,
            "Learning from reviews: " + ("the case reviews text is written." if reviews else "no case reviews text."),
            MET if reviews else BLOCKING,
            "" if reviews else narrative_edit_url(year, NarrativeSection.Kind.CASE_REVIEWS),
            "Write it",
        )
    )
    engagement = sections.get("engagement")
    events = engagement.data.events if engagement and engagement.data else []
    with_children = [e for e in events if e.audience == EngagementEvent.Audience.CHILDREN]
    views_used = bool(with_children) and NarrativeSection.Kind.ENGAGEMENT in written
    items.append(
        ReadinessItem(
            group,
            "How children's views were used: "
            + (
                f"{len(with_children)} event(s) with children and young people and the engagement text."
                if views_used
                else "record events with children and young people and write the engagement text."
            ),
            MET if views_used else BLOCKING,
            "" if views_used else narrative_edit_url(year, NarrativeSection.Kind.ENGAGEMENT),
            "Write it",
        )
    )
    return items
