"""Partner updates as documents: one update section by section, and a year's accepted updates compiled
in agency order for section 10 of the annual report. Bounded queries: no per-row lookups."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, QuerySet

from partners.models import Board
from reports.selfreports import selectors
from reports.selfreports.models import Answer, CaseStudy, FormSection, Question, ReviewComment, SelfReport
from wscb.periods import ReportingYear


@dataclass
class AnswerLine:
    question: str
    value: str


@dataclass
class SectionBlock:
    section: FormSection
    answers: list[AnswerLine]
    comments: list[ReviewComment] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(line.value for line in self.answers)


@dataclass
class ReportDocument:
    report: SelfReport
    sections: list[SectionBlock]
    case_studies: list[CaseStudy]
    wrong_year: str

    @property
    def partner(self):
        return self.report.partner


def display_value(kind: str, value: str) -> str:
    if not value:
        return ""
    if kind == Question.Kind.DATE:
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if kind == Question.Kind.YES_NO:
        return {"yes": "Yes", "no": "No"}.get(value, value)
    return value


def _document(report: SelfReport, sections, priorities_specs, answers: dict, comments, case_studies) -> ReportDocument:
    blocks = []
    for section in sections:
        if section.kind == FormSection.Kind.CASE_STUDIES:
            continue
        if section.kind == FormSection.Kind.PRIORITIES:
            specs = priorities_specs(section)
        else:
            specs = [
                selectors.QuestionSpec(q.key, q.text, q.help_text, q.kind, q.is_required)
                for q in section.questions.all()
            ]
        lines = [AnswerLine(spec.text, display_value(spec.kind, answers.get(spec.key, ""))) for spec in specs]
        blocks.append(SectionBlock(section, lines, comments.get(section.pk, [])))
    return ReportDocument(
        report=report,
        sections=blocks,
        case_studies=case_studies,
        wrong_year=selectors.wrong_year_message(report=report, answers=answers),
    )


def report_document(*, report: SelfReport, for_user, with_comments: bool = True) -> ReportDocument:
    """One update with every section's answers; case studies only where the user may see them."""
    sections = list(report.round.template.sections.prefetch_related("questions"))
    answers = selectors.report_answers(report=report)
    comments = defaultdict(list)
    if with_comments and not for_user.is_board_member:
        for comment in report.comments.select_related("author"):
            comments[comment.section_id].append(comment)
    board, year = report.round.board, report.round.year

    def priorities_specs(section):
        return selectors.section_questions(section=section, board=board, year=year)

    studies = list(selectors.visible_case_studies(report=report, for_user=for_user))
    return _document(report, sections, priorities_specs, answers, comments, studies)


def compiled_partner_updates(*, board: Board, year: ReportingYear) -> list[ReportDocument]:
    """Every accepted update of ``year`` in agency order, with the case studies marked for publication.

    Queries: a fixed number whatever the count of agencies (reports, sections, questions, priorities,
    answers, case studies).
    """
    reports = list(
        SelfReport.objects.filter(
            round__board=board, round__start_year=year.start_year, status=SelfReport.Status.ACCEPTED
        )
        .select_related("round__board", "round__template", "partner")
        .prefetch_related(
            Prefetch(
                "case_studies",
                queryset=CaseStudy.objects.filter(is_for_publication=True).select_related("priority"),
                to_attr="published_case_studies",
            )
        )
        .order_by("partner__name")
    )
    if not reports:
        return []
    template = reports[0].round.template
    sections = list(template.sections.prefetch_related("questions"))
    priority_section = next((s for s in sections if s.kind == FormSection.Kind.PRIORITIES), None)
    priority_specs = (
        selectors.section_questions(section=priority_section, board=board, year=year) if priority_section else []
    )
    answers: dict[int, dict[str, str]] = defaultdict(dict)
    for report_id, key, value in Answer.objects.filter(entry__report__in=reports).values_list(
        "entry__report_id", "key", "value"
    ):
        answers[report_id][key] = value
    return [
        _document(
            report, sections, lambda _section: priority_specs, answers[report.pk], {}, report.published_case_studies
        )
        for report in reports
    ]


@dataclass(frozen=True)
class PendingReturn:
    """An agency asked for an update whose return is not accepted yet."""

    report_id: int
    agency: str
    status: str


@dataclass(frozen=True)
class YearReturns:
    """Whether the board asked for updates for the year, and which returns are not accepted."""

    has_round: bool
    asked: int
    not_accepted: list[PendingReturn]


def year_returns(*, board: Board, year: ReportingYear) -> YearReturns:
    """The year's round: agencies asked and the returns not accepted, in agency order. One query."""
    rows = list(
        SelfReport.objects.filter(round__board=board, round__start_year=year.start_year)
        .order_by("partner__name")
        .values_list("pk", "partner__name", "status")
    )
    labels = dict(SelfReport.Status.choices)
    return YearReturns(
        has_round=bool(rows),
        asked=len(rows),
        not_accepted=[
            PendingReturn(pk, name, labels[status]) for pk, name, status in rows if status != SelfReport.Status.ACCEPTED
        ],
    )


def answers_by_priority(*, board: Board, year: ReportingYear) -> dict[int, int]:
    """Evidence: answered strategic-priority questions in the year's accepted updates, per priority id. One query."""
    return dict(answers_by_priority_queryset(board=board, year=year))


def answers_by_priority_queryset(*, board: Board, year: ReportingYear) -> QuerySet:
    """(priority id, count) pairs for ``answers_by_priority``, unevaluated (for a batch)."""
    return (
        Answer.objects.filter(
            entry__report__round__board=board,
            entry__report__round__start_year=year.start_year,
            entry__report__status=SelfReport.Status.ACCEPTED,
            priority__isnull=False,
        )
        .exclude(value="")
        .values("priority_id")
        .annotate(count=Count("pk"))
        .values_list("priority_id", "count")
    )


def case_studies_by_priority(*, board: Board, year: ReportingYear) -> dict[int, int]:
    """Evidence: case studies tagged to a priority in the year's accepted updates and marked for
    publication (those the report prints in section 10), per priority id. One query."""
    return dict(case_studies_by_priority_queryset(board=board, year=year))


def case_studies_by_priority_queryset(*, board: Board, year: ReportingYear) -> QuerySet:
    """(priority id, count) pairs for ``case_studies_by_priority``, unevaluated (for a batch)."""
    return (
        CaseStudy.objects.filter(
            report__round__board=board,
            report__round__start_year=year.start_year,
            report__status=SelfReport.Status.ACCEPTED,
            is_for_publication=True,
            priority__isnull=False,
        )
        .values("priority_id")
        .annotate(count=Count("pk"))
        .values_list("priority_id", "count")
    )
