"""Reads for partner updates, scoped to the user asking (another agency's update is a 404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from partners.models import Board, StrategicPriority
from partners.selectors import partner_leads, priorities_for
from reports.selfreports import default_form
from reports.selfreports.models import (
    Answer,
    AnswerChange,
    CaseStudy,
    FormSection,
    FormTemplate,
    Question,
    Round,
    SectionEntry,
    SelfReport,
)
from wscb.boards import boards_for
from wscb.periods import ReportingYear
from wscb.permissions import RECORD_KEEPERS


@dataclass(frozen=True)
class QuestionSpec:
    """A question as the form shows it: a template question, or one generated per strategic priority."""

    key: str
    text: str
    help_text: str
    kind: str
    is_required: bool
    choices: tuple[str, ...] = ()
    priority: StrategicPriority | None = None


def section_questions(*, section: FormSection, board: Board, year: ReportingYear) -> list[QuestionSpec]:
    if section.kind == FormSection.Kind.PRIORITIES:
        return priority_specs(section=section, priorities=priorities_for(board=board, year=year))
    return [
        QuestionSpec(q.key, q.text, q.help_text, q.kind, q.is_required, tuple(q.choice_list))
        for q in section.questions.all()
    ]


def priority_specs(*, section: FormSection | None, priorities) -> list[QuestionSpec]:
    """The priorities section's questions: one per strategic priority, then any questions of the section's
    own (for example one about the priorities as a whole); none without the section."""
    if section is None:
        return []
    specs = [
        QuestionSpec(
            key=f"priority-{priority.number}",
            text=f"{priority.number}. {priority.title}",
            help_text="",
            kind=Question.Kind.LONG_TEXT,
            is_required=section.answers_required,
            priority=priority,
        )
        for priority in priorities
    ]
    return specs + [
        QuestionSpec(q.key, q.text, q.help_text, q.kind, q.is_required, tuple(q.choice_list))
        for q in section.questions.all()
    ]


# --- scope ---------------------------------------------------------------------------------------------
def self_report_list(*, for_user) -> QuerySet[SelfReport]:
    """Leads: their agency's updates; business support: their boards'; board members: accepted only."""
    reports = SelfReport.objects.select_related("round__board", "round__template", "partner")
    if not for_user.is_authenticated:
        return reports.none()
    if for_user.is_partner_lead:
        return reports.filter(partner_id=for_user.partner_id)
    boards = boards_for(for_user)
    if for_user.role in RECORD_KEEPERS:
        return reports.filter(round__board__in=boards)
    if for_user.is_board_member:
        return reports.filter(round__board__in=boards, status=SelfReport.Status.ACCEPTED)
    return reports.none()


def self_report_get(*, for_user, pk: int) -> SelfReport:
    return get_object_or_404(self_report_list(for_user=for_user), pk=pk)


def case_study_list(*, for_user) -> QuerySet[CaseStudy]:
    """Case studies describe real children: the agency's own leads and business support only."""
    studies = CaseStudy.objects.select_related("report__round", "report__partner", "priority")
    if not for_user.is_authenticated:
        return studies.none()
    if for_user.is_partner_lead:
        return studies.filter(report__partner_id=for_user.partner_id)
    if for_user.role in RECORD_KEEPERS:
        return studies.filter(report__round__board__in=boards_for(for_user))
    return studies.none()


def case_study_get(*, for_user, report: SelfReport, pk: int) -> CaseStudy:
    return get_object_or_404(case_study_list(for_user=for_user), report=report, pk=pk)


def visible_case_studies(*, report: SelfReport, for_user) -> QuerySet[CaseStudy]:
    """What a page may show: everything to those in scope, published ones to board members."""
    if for_user.is_board_member:
        return report.case_studies.filter(is_for_publication=True).select_related("priority")
    return case_study_list(for_user=for_user).filter(report=report)


def template_list(*, for_user) -> QuerySet[FormTemplate]:
    return FormTemplate.objects.filter(board__in=boards_for(for_user)).select_related("board")


def round_list(*, for_user) -> QuerySet[Round]:
    return (
        Round.objects.filter(board__in=boards_for(for_user))
        .select_related("board")
        .annotate(
            asked=Count("reports", distinct=True),
            accepted=Count("reports", filter=Q(reports__status=SelfReport.Status.ACCEPTED), distinct=True),
        )
    )


def open_reports_for_lead(*, user) -> QuerySet[SelfReport]:
    """The lead's agency's updates that are waiting for them (not submitted, or returned)."""
    if not user.is_partner_lead:
        return SelfReport.objects.none()
    return self_report_list(for_user=user).filter(status__in=SelfReport.EDITABLE).order_by("round__deadline")


# --- one return ----------------------------------------------------------------------------------------
@dataclass
class SectionRow:
    section: FormSection
    status: str  # "not_started", "in_progress", "completed", "optional"
    status_label: str
    entry: SectionEntry | None
    comment_count: int = 0


def task_list(*, report: SelfReport) -> list[SectionRow]:
    entries = {entry.section_id: entry for entry in report.entries.all()}
    comments = dict(report.comments.values("section_id").annotate(n=Count("pk")).values_list("section_id", "n"))
    case_studies = report.case_studies.count()
    rows = []
    for section in report.round.template.sections.all():
        entry = entries.get(section.pk)
        if section.kind == FormSection.Kind.CASE_STUDIES:
            status, label = ("completed", f"{case_studies} added") if case_studies else ("optional", "Optional")
        elif entry is None:
            status, label = "not_started", "Not started"
        else:
            status, label = entry.status, entry.get_status_display()
        rows.append(SectionRow(section, status, label, entry, comments.get(section.pk, 0)))
    return rows


def report_answers(*, report: SelfReport) -> dict[str, str]:
    return dict(Answer.objects.filter(entry__report=report).values_list("key", "value"))


def period_covered(*, answers: dict[str, str]) -> tuple[date | None, date | None]:
    def parse(value):
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            return None

    return parse(answers.get(default_form.PERIOD_START)), parse(answers.get(default_form.PERIOD_END))


def wrong_year_message(*, report: SelfReport, answers: dict[str, str]) -> str:
    """A message when the period covered is not the round's reporting year; "" when it is (or is blank)."""
    start, end = period_covered(answers=answers)
    year = report.round.year
    if start is None and end is None:
        return ""
    if start == year.start and end == year.end:
        return ""
    covered = ReportingYear.containing(start).label if start else "another period"
    shown = f"{start:%d/%m/%Y} to {end:%d/%m/%Y}" if start and end else covered
    return (
        f"The period covered ({shown}) is not the {year.label} reporting year "
        f"(01/04/{year.start_year} to {year.end:%d/%m/%Y}): this looks like a return for {covered}."
    )


def report_problems(*, report: SelfReport) -> list[str]:
    """Why the update cannot be submitted yet: unanswered required questions and a wrong period."""
    answers = report_answers(report=report)
    problems = []
    for section in report.round.template.sections.prefetch_related("questions"):
        specs = section_questions(section=section, board=report.round.board, year=report.round.year)
        missing = [spec for spec in specs if spec.is_required and not answers.get(spec.key)]
        if missing:
            problems.append(
                f'"{section.heading}": {len(missing)} required question{"s" if len(missing) > 1 else ""} not answered.'
            )
    message = wrong_year_message(report=report, answers=answers)
    if message:
        problems.append(message)
    return problems


def answer_history(*, report: SelfReport, limit: int = 200) -> list:
    """Every change to the update's answers, newest first, with the question's text where it has one."""
    labels = dict(Question.objects.filter(section__template_id=report.round.template_id).values_list("key", "text"))
    changes = list(AnswerChange.objects.filter(entry__report=report).select_related("changed_by")[:limit])
    for change in changes:
        change.question = labels.get(change.key, change.key)
    return changes


def last_year_report(*, report: SelfReport) -> SelfReport | None:
    return (
        SelfReport.objects.filter(
            partner_id=report.partner_id,
            round__board_id=report.round.board_id,
            round__start_year=report.round.start_year - 1,
            status=SelfReport.Status.ACCEPTED,
        )
        .select_related("round")
        .first()
    )


def recipients_for(*, report: SelfReport) -> list[str]:
    return list(partner_leads(partner=report.partner, board=report.round.board).values_list("email", flat=True))


# --- tracker ---------------------------------------------------------------------------------------------
@dataclass
class TrackerRow:
    report: SelfReport
    sections_completed: int
    sections_total: int
    last_change: object
    is_overdue: bool


def tracker_rows(*, round_: Round, today: date) -> list[TrackerRow]:
    """Each agency's status, sections completed and last change, in a bounded number of queries."""
    sections_total = round_.template.sections.exclude(kind=FormSection.Kind.CASE_STUDIES).count()
    reports = (
        round_.reports.select_related("partner")
        .annotate(
            completed=Count("entries", filter=Q(entries__status=SectionEntry.Status.COMPLETED), distinct=True),
            last_entry=Max("entries__updated_at"),
        )
        .order_by("partner__name")
    )
    rows = []
    for report in reports:
        report.round = round_
        last = max(filter(None, [report.last_changed_at, report.last_entry]), default=None)
        rows.append(TrackerRow(report, report.completed, sections_total, last, report.is_overdue(today)))
    return rows


def work_queue_items(request) -> list:
    """Start-page items for business support: submitted partner updates waiting for review, one item
    per round (reporting year), each linking to that round's tracker."""
    from django.urls import reverse

    from wscb.work_queue import QueueItem

    waiting = (
        self_report_list(for_user=request.user)
        .filter(status=SelfReport.Status.SUBMITTED)
        .values("round_id", "round__start_year")
        .annotate(count=Count("pk"))
        .order_by("-round__start_year")
    )
    items = []
    for row in waiting:
        count, label = row["count"], ReportingYear(row["round__start_year"]).label
        noun = "partner update is" if count == 1 else "partner updates are"
        url = reverse("reports:round-detail", args=[row["round_id"]])
        items.append(QueueItem(f"{count} {noun} waiting for review ({label})", url, count))
    return items
