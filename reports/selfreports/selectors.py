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
from wscb.permissions import BUSINESS_SUPPORT, RECORD_KEEPERS
from wscb.words import board_words


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
    levels: tuple = ()  # a rating question's scale (``RatingLevel``s, lowest first)
    justification_required: bool = False
    action_threshold: int | None = None
    standard: str = ""

    @property
    def is_rating(self) -> bool:
        return self.kind == Question.Kind.RATING

    @property
    def justification_key(self) -> str:
        return justification_key(self.key)

    def level(self, value: str):
        """The ``RatingLevel`` an answer's text names, or None."""
        return next((level for level in self.levels if str(level.number) == value), None)

    def suggests_action(self, value: str) -> bool:
        level = self.level(value)
        return bool(level and self.action_threshold and level.number <= self.action_threshold)


def justification_key(key: str) -> str:
    """Where a rating's justification is kept: an answer of its own beside the rating."""
    return f"{key}--why"


def question_spec(question: Question) -> QuestionSpec:
    return QuestionSpec(
        question.key,
        question.text,
        question.help_text,
        question.kind,
        question.is_required,
        tuple(question.choice_list),
        levels=question.levels if question.kind == Question.Kind.RATING else (),
        justification_required=question.justification_required,
        action_threshold=question.action_threshold,
        standard=question.standard or question.text[:80],
    )


def answer_keys(specs: list[QuestionSpec]) -> set[str]:
    """Every answer key a section's questions keep (a rating's justification too)."""
    keys = {spec.key for spec in specs}
    return keys | {spec.justification_key for spec in specs if spec.is_rating}


def rating_display(spec: QuestionSpec, value: str) -> str:
    level = spec.level(value)
    if level is None:
        return value
    return f"{level.label}: {level.descriptor}" if level.descriptor else level.label


def section_questions(*, section: FormSection, board: Board, year: ReportingYear) -> list[QuestionSpec]:
    if section.kind == FormSection.Kind.PRIORITIES:
        return priority_specs(section=section, priorities=priorities_for(board=board, year=year))
    return [question_spec(q) for q in section.questions.all()]


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


#: Who reads case studies (the one statement of the policy; pages say it with ``CASE_STUDY_POLICY``):
#: the agency's own partner leads and business support read every case study of a return; everyone else
#: who may read the return (board members, administrators) only those business support marked for
#: publication, which the published annual report makes public anyway. Every read is audited.
CASE_STUDY_POLICY = (
    "Case studies describe real children, so only {agency}'s partner leads and business support can read "
    "them. Administrators and board members see only the case studies business support marks for "
    "publication in the annual report. Every time a case study is read, it is recorded in the audit trail."
)


def case_study_policy(*, report: SelfReport) -> str:
    return board_words(CASE_STUDY_POLICY.format(agency=report.partner.short_name), report.round.board.term)


def opens_case_studies(user) -> bool:
    """Whether ``user`` reads a return's case studies in full on their own pages (the policy above)."""
    return bool(user.is_authenticated and (user.is_partner_lead or user.role == BUSINESS_SUPPORT))


def case_study_list(*, for_user) -> QuerySet[CaseStudy]:
    """Every case study the user may open: the agency's own leads and business support (see the policy)."""
    studies = CaseStudy.objects.select_related("report__round", "report__partner", "priority")
    if not for_user.is_authenticated:
        return studies.none()
    if for_user.is_partner_lead:
        return studies.filter(report__partner_id=for_user.partner_id)
    if for_user.role == BUSINESS_SUPPORT:
        return studies.filter(report__round__board__in=boards_for(for_user))
    return studies.none()


def case_study_get(*, for_user, report: SelfReport, pk: int) -> CaseStudy:
    return get_object_or_404(case_study_list(for_user=for_user), report=report, pk=pk)


def visible_case_studies(*, report: SelfReport, for_user) -> QuerySet[CaseStudy]:
    """What a page or file of the return may show: everything to its readers, published ones to the rest."""
    if opens_case_studies(for_user):
        return case_study_list(for_user=for_user).filter(report=report)
    return report.case_studies.filter(is_for_publication=True).select_related("priority")


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


CHANGES_REQUESTED = ("changes_requested", "Changes requested")


def task_list(*, report: SelfReport) -> list[SectionRow]:
    """Each section's status. While the return is back with the agency, a section business support
    commented on since it was last saved says "Changes requested" until the lead saves it again."""
    entries = {entry.section_id: entry for entry in report.entries.all()}
    comments = {
        row["section_id"]: row
        for row in report.comments.values("section_id").annotate(n=Count("pk"), latest=Max("created_at"))
    }
    case_studies = report.case_studies.count()
    rows = []
    for section in report.round.template.sections.all():
        entry = entries.get(section.pk)
        comment = comments.get(section.pk)
        if section.kind == FormSection.Kind.CASE_STUDIES:
            status, label = ("completed", f"{case_studies} added") if case_studies else ("optional", "Optional")
        elif entry is None:
            status, label = "not_started", "Not started"
        else:
            status, label = entry.status, entry.get_status_display()
        if (
            report.status == SelfReport.Status.RETURNED
            and comment is not None
            and (entry is None or comment["latest"] > entry.updated_at)
        ):
            status, label = CHANGES_REQUESTED
        rows.append(SectionRow(section, status, label, entry, comment["n"] if comment else 0))
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
        missing += [
            spec
            for spec in specs
            if spec.is_rating
            and spec.justification_required
            and answers.get(spec.key)
            and not answers.get(spec.justification_key)
        ]
        if missing:
            problems.append(
                f'"{section.heading}": {len(missing)} required question{"s" if len(missing) > 1 else ""} not answered.'
            )
    copied = list(report.entries.filter(status=SectionEntry.Status.COPIED).values_list("section__heading", flat=True))
    if copied:
        problems.append(
            f"Check and save {'the section' if len(copied) == 1 else 'the sections'} copied from last year: "
            + ", ".join(f'"{heading}"' for heading in copied)
            + "."
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


@dataclass(frozen=True)
class Invitation:
    agency: object
    leads: list[str]


def invitation_preview(*, board: Board, agencies) -> list[Invitation]:
    """Who opening a round will e-mail: each agency with the names of its active partner leads. One query."""
    from partners.models import User
    from wscb.roles import Role

    leads: dict[int, list[str]] = {agency.pk: [] for agency in agencies}
    users = User.objects.filter(partner__in=list(leads), role=Role.PARTNER_LEAD, is_active=True, boards=board)
    for partner_id, name in users.order_by("full_name").values_list("partner_id", "full_name"):
        leads[partner_id].append(name)
    return [Invitation(agency, leads[agency.pk]) for agency in agencies]


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
