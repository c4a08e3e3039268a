"""Partner updates as documents: one update section by section, and a year's accepted updates compiled
in agency order for section 10 of the annual report. Bounded queries: no per-row lookups."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, QuerySet

from partners.models import Board, Partner, StrategicPriority
from partners.selectors import priorities_for
from reports.selfreports import default_form, selectors
from reports.selfreports.models import (
    Answer,
    AssessmentAction,
    CaseStudy,
    ChallengeEvent,
    FormSection,
    FormTemplate,
    Question,
    ReviewComment,
    Round,
    SelfReport,
)
from wscb.data.batching import fetch, prefetched
from wscb.periods import ReportingYear


@dataclass
class AnswerLine:
    question: str
    value: str
    key: str = ""
    evidence: list = field(default_factory=list)  # files attached to the answer, where the page shows them


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
    case_study_heading: str = "Case studies"  # the form's heading for them

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
    case_study_heading = "Case studies"
    for section in sections:
        if section.kind == FormSection.Kind.CASE_STUDIES:
            case_study_heading = section.heading
            continue
        if section.kind == FormSection.Kind.PRIORITIES:
            specs = priorities_specs(section)
        else:
            specs = [selectors.question_spec(q) for q in section.questions.all()]
        lines = []
        for spec in specs:
            if spec.is_rating:
                lines.append(AnswerLine(spec.text, selectors.rating_display(spec, answers.get(spec.key, "")), spec.key))
                why = answers.get(spec.justification_key, "")
                lines.append(AnswerLine(f"Why this rating? ({spec.standard})", why, spec.justification_key))
            else:
                lines.append(AnswerLine(spec.text, display_value(spec.kind, answers.get(spec.key, "")), spec.key))
        blocks.append(SectionBlock(section, lines, comments.get(section.pk, [])))
    return ReportDocument(
        report=report,
        sections=blocks,
        case_studies=case_studies,
        wrong_year=selectors.wrong_year_message(report=report, answers=answers),
        case_study_heading=case_study_heading,
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
    challenges: ChallengeSummary | None = None  # the year's challenge events (report_partner_updates)


def _year_returns(*, board: Board, year: ReportingYear) -> QuerySet:
    return (
        SelfReport.objects.filter(round__board=board, round__start_year=year.start_year)
        .order_by("partner__name")
        .values_list("pk", "partner__name", "status")
    )


def year_returns(*, board: Board, year: ReportingYear) -> YearReturns:
    """The year's round: agencies asked and the returns not accepted, in agency order. One query."""
    return _returns(list(_year_returns(board=board, year=year)))


def _returns(rows: list[tuple]) -> YearReturns:
    labels = dict(SelfReport.Status.choices)
    return YearReturns(
        has_round=bool(rows),
        asked=len(rows),
        not_accepted=[
            PendingReturn(pk, name, labels[status]) for pk, name, status in rows if status != SelfReport.Status.ACCEPTED
        ],
    )


#: The answers that are personal contact details of the person completing an update: printed in the
#: annual report only where business support marked them for publication (``contact_is_for_publication``).
PERSONAL_CONTACT_KEYS = frozenset({"contact_name", "contact_email", "contact_telephone"})


def without_unpublished_contacts(documents: list[ReportDocument]) -> list[ReportDocument]:
    """The documents as the published report may show them: a return's contact name, e-mail and
    telephone are blanked unless business support marked them for publication."""
    for document in documents:
        if document.report.contact_is_for_publication:
            continue
        for block in document.sections:
            for line in block.answers:
                if line.key in PERSONAL_CONTACT_KEYS:
                    line.value = ""
    return documents


def compiled_partner_updates(*, board: Board, year: ReportingYear) -> list[ReportDocument]:
    """Every accepted update of ``year`` in the report's order (the position business support gives each
    return, then agency name), with the case studies marked for publication.
    One query whatever the count of agencies."""
    return report_partner_updates(board=board, year=year)[1]


def report_partner_updates(*, board: Board, year: ReportingYear) -> tuple[YearReturns, list[ReportDocument]]:
    """The year's returns (asked, not accepted) and the accepted updates compiled, in one query:
    reports, their agencies, the form's sections and questions, the priorities, answers, the case
    studies marked for publication and the year's challenge events (``returns.challenges``)."""
    accepted = SelfReport.objects.filter(
        round__board=board, round__start_year=year.start_year, status=SelfReport.Status.ACCEPTED
    )
    rounds = Round.objects.filter(board=board, start_year=year.start_year)
    studies = CaseStudy.objects.filter(report__in=accepted.values("pk"), is_for_publication=True)
    rows = fetch(
        returns=_year_returns(board=board, year=year),
        reports=accepted.order_by(F("report_position").asc(nulls_last=True), "partner__name"),
        partners=Partner.objects.filter(pk__in=accepted.values("partner_id")),
        rounds=rounds,
        templates=FormTemplate.objects.filter(pk__in=rounds.values("template_id")),
        sections=FormSection.objects.filter(template__in=rounds.values("template_id")),
        questions=Question.objects.filter(section__template__in=rounds.values("template_id")),
        priorities=priorities_for(board=board, year=year).prefetch_related(None),
        studies=studies,
        study_priorities=StrategicPriority.objects.filter(pk__in=studies.values("priority_id")),
        answers=Answer.objects.filter(entry__report__in=accepted.values("pk")).values_list(
            "entry__report_id", "key", "value"
        ),
        **_challenge_parts(board=board, year=year),
    )
    returns = _returns(rows["returns"])
    returns = dataclasses.replace(returns, challenges=_challenges_from(rows, year))
    reports = rows["reports"]
    if not reports:
        return returns, []
    partners = {partner.pk: partner for partner in rows["partners"]}
    templates = {template.pk: template for template in rows["templates"]}
    rounds_by_pk = {}
    for round_ in rows["rounds"]:
        round_.board, round_.template = board, templates[round_.template_id]
        rounds_by_pk[round_.pk] = round_
    questions = defaultdict(list)
    for question in rows["questions"]:
        questions[question.section_id].append(question)
    template = rounds_by_pk[reports[0].round_id].template
    sections = [section for section in rows["sections"] if section.template_id == template.pk]
    for section in sections:
        section.template = template
        prefetched(section, "questions", questions[section.pk])
    priority_section = next((s for s in sections if s.kind == FormSection.Kind.PRIORITIES), None)
    priority_specs = selectors.priority_specs(section=priority_section, priorities=rows["priorities"])
    study_priorities = {priority.pk: priority for priority in rows["study_priorities"]}
    published = defaultdict(list)
    for study in rows["studies"]:
        study.priority = study_priorities.get(study.priority_id)
        published[study.report_id].append(study)
    answers: dict[int, dict[str, str]] = defaultdict(dict)
    for report_id, key, value in rows["answers"]:
        answers[report_id][key] = value
    for report in reports:
        report.round, report.partner = rounds_by_pk[report.round_id], partners[report.partner_id]
        report.published_case_studies = published[report.pk]
    documents = [
        _document(
            report, sections, lambda _section: priority_specs, answers[report.pk], {}, report.published_case_studies
        )
        for report in reports
    ]
    return returns, documents


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


@dataclass
class CopyItem:
    """A section "Start from last year" will fill: what it copies, as the lead will see it."""

    section: FormSection
    values: dict[str, str]
    lines: list[tuple[str, str]]


def copy_last_year_preview(*, report: SelfReport) -> list[CopyItem]:
    """What "Start from last year" copies: last year's accepted answers for each section not yet started
    (case studies never), with the period covered set to this round's reporting year."""
    previous = selectors.last_year_report(report=report)
    if previous is None:
        return []
    old_answers = dict(Answer.objects.filter(entry__report=previous).values_list("key", "value"))
    period = {
        default_form.PERIOD_START: report.round.year.start.isoformat(),
        default_form.PERIOD_END: report.round.year.end.isoformat(),
    }
    started = set(report.entries.values_list("section_id", flat=True))
    sections = (
        report.round.template.sections.exclude(pk__in=started)
        .exclude(kind=FormSection.Kind.CASE_STUDIES)
        .prefetch_related("questions")
    )
    items = []
    for section in sections:
        specs = selectors.section_questions(section=section, board=report.round.board, year=report.round.year)
        values = {spec.key: old_answers[spec.key] for spec in specs if old_answers.get(spec.key)}
        if not values:
            continue
        values.update({key: value for key, value in period.items() if key in {spec.key for spec in specs}})
        lines = [(spec.text, display_value(spec.kind, values[spec.key])) for spec in specs if spec.key in values]
        items.append(CopyItem(section, values, lines))
    return items


# --- challenge of self-assessments, for the annual report -----------------------------------------
@dataclass
class ChallengeSummary:
    """The year's challenge events for the annual report."""

    year: ReportingYear
    events: list = field(default_factory=list)

    @property
    def agencies(self) -> list[str]:
        return sorted({event.partner.short_name for event in self.events})

    @property
    def actions_agreed(self) -> int:
        return sum(event.action_count for event in self.events)

    def outcome_count(self, outcome: str) -> int:
        return sum(1 for event in self.events if event.outcome == outcome)


def _challenge_parts(*, board: Board, year: ReportingYear) -> dict[str, QuerySet]:
    events = ChallengeEvent.objects.filter(board=board, start_year=year.start_year)
    return {
        "challenges": events.order_by("held_on", "partner__name", "pk"),
        "challenge_partners": Partner.objects.filter(pk__in=events.values("partner_id")),
        "challenge_actions": AssessmentAction.objects.filter(challenge__in=events.values("pk"))
        .order_by("pk")
        .values_list("challenge_id", flat=True),
    }


def _challenges_from(rows: dict, year: ReportingYear) -> ChallengeSummary:
    partners = {partner.pk: partner for partner in rows["challenge_partners"]}
    counts = defaultdict(int)
    for challenge_id in rows["challenge_actions"]:
        counts[challenge_id] += 1
    for event in rows["challenges"]:
        event.partner, event.action_count = partners[event.partner_id], counts[event.pk]
    return ChallengeSummary(year=year, events=list(rows["challenges"]))


def challenge_summary(*, board: Board, year: ReportingYear) -> ChallengeSummary:
    """The challenge events of ``year``'s self-assessments, with the actions agreed at each: one query."""
    events = (
        ChallengeEvent.objects.filter(board=board, start_year=year.start_year)
        .select_related("partner")
        .annotate(action_count=Count("actions"))
        .order_by("held_on", "partner__name", "pk")
    )
    return ChallengeSummary(year=year, events=list(events))
