"""Writes for partner updates: forms, rounds, saving sections, the review workflow and case studies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from partners.models import Board, Partner, User
from reports.selfreports import default_form, emails
from reports.selfreports.models import (
    Answer,
    AnswerChange,
    CaseStudy,
    FormSection,
    FormTemplate,
    Question,
    ReminderLog,
    ReviewComment,
    Round,
    SectionEntry,
    SelfReport,
    Transition,
)
from reports.selfreports.reporting import copy_last_year_preview
from reports.selfreports.selectors import answer_keys, last_year_report, report_problems, section_questions
from wscb.data.versions import EditConflict, versioned_update
from wscb.periods import ReportingYear
from wscb.permissions import RECORD_KEEPERS

Status = SelfReport.Status


class SelfReportError(Exception):
    """An action the rules do not allow; the message is shown to the person as it is."""


class SectionConflict(EditConflict):
    """Someone else saved the section since this person opened it; ``saved_values`` is what they saved."""

    def __init__(self, *, entry: SectionEntry, saved_values: dict[str, str]):
        super().__init__(current=entry)
        self.entry = entry
        self.saved_values = saved_values


class CaseStudyConflict(SelfReportError, EditConflict):
    """Someone else changed the case study since this person opened it (shown like any refusal)."""

    default_message = "Someone else changed this case study since you opened it. Reload and try again."


def _section_conflict(entry: SectionEntry) -> SectionConflict:
    entry.refresh_from_db()
    return SectionConflict(entry=entry, saved_values=dict(entry.answers.values_list("key", "value")))


def _is_lead_of(user: User, report: SelfReport) -> bool:
    return bool(user.is_partner_lead and user.partner_id == report.partner_id)


def _require_keeper(user: User) -> None:
    if user.role not in RECORD_KEEPERS:
        raise SelfReportError("Only business support can review partner updates.")


# --- form templates ----------------------------------------------------------------------------------
def _new_template(*, board: Board, year: ReportingYear, **fields) -> FormTemplate:
    """The year's form, or ``SelfReportError`` when it exists (also when it was made a moment ago)."""
    exists = SelfReportError(f"There is already an update form for {year.label}.")
    if FormTemplate.objects.filter(board=board, start_year=year.start_year).exists():
        raise exists
    try:
        with transaction.atomic():
            return FormTemplate.objects.create(board=board, start_year=year.start_year, **fields)
    except IntegrityError:
        raise exists from None


def template_create_default(*, board: Board, year: ReportingYear) -> FormTemplate:
    """Create ``year``'s form from the default (the seed's 2016/17 form)."""
    with transaction.atomic():
        template = _new_template(board=board, year=year)
        default_form.populate(template)
    return template


def template_copy(*, template: FormTemplate) -> FormTemplate:
    """Create next year's form as an editable copy of ``template`` (sections, guidance and questions)."""
    next_year = template.year.next
    with transaction.atomic():
        copy = _new_template(
            board=template.board, year=next_year, title=template.title, introduction=template.introduction
        )
        for section in template.sections.prefetch_related("questions"):
            questions = list(section.questions.all())
            section.pk = None
            section.template = copy
            section.save()
            for question in questions:
                question.pk = None
                question.section = section
            Question.objects.bulk_create(questions)
    return copy


# --- rounds ---------------------------------------------------------------------------------------------
def round_open(
    *,
    board: Board,
    template: FormTemplate,
    deadline: date,
    agencies: list[Partner],
    by: User,
    is_historical: bool = False,
) -> Round:
    """Open a round: freeze the form, create each agency's return and e-mail their partner leads.

    A historical round (a past year recorded after the event, its deadline may be past) e-mails
    nobody: no invitations now and no reminders later (``reminders_send`` skips it).
    """
    _require_keeper(by)
    if template.board_id != board.pk:
        raise SelfReportError("That form belongs to another board.")
    if not agencies:
        raise SelfReportError("Choose at least one agency.")
    with transaction.atomic():
        try:
            with transaction.atomic():
                round_ = Round.objects.create(
                    board=board,
                    template=template,
                    start_year=template.start_year,
                    deadline=deadline,
                    opened_by=by,
                    is_historical=is_historical,
                )
        except IntegrityError:
            raise SelfReportError(f"A round for {template.year.label} is already open.") from None
        round_.agencies.set(agencies)
        FormTemplate.objects.filter(pk=template.pk, frozen_at__isnull=True).update(frozen_at=timezone.now())
        reports = SelfReport.objects.bulk_create(SelfReport(round=round_, partner=agency) for agency in agencies)
        today = timezone.localdate()
        for report in [] if is_historical else reports:
            recipients = emails.send_invitation(report=report)
            if recipients:
                ReminderLog.objects.create(
                    report=report,
                    kind=ReminderLog.Kind.INVITATION,
                    due_on=today,
                    sent_on=today,
                    recipients=", ".join(recipients),
                )
    return round_


# --- filling in -----------------------------------------------------------------------------------------
def _record_transition(report: SelfReport, from_status: str, to_status: str, by: User, note: str = "") -> None:
    Transition.objects.create(report=report, from_status=from_status, to_status=to_status, by=by, note=note)


def _write_answers(
    *, entry: SectionEntry, values: dict[str, str], by: User, priorities: dict, ratings: frozenset = frozenset()
) -> None:
    existing = {answer.key: answer for answer in entry.answers.all()}
    now = timezone.now()
    for key, value in values.items():
        answer = existing.get(key)
        old = answer.value if answer else ""
        if answer is None and value == "":
            continue
        if old == value:
            continue
        AnswerChange.objects.create(entry=entry, key=key, old_value=old, new_value=value, changed_by=by, changed_at=now)
        rating = int(value) if key in ratings and value.isdigit() else None
        if answer is None:
            Answer.objects.create(entry=entry, key=key, value=value, rating=rating, priority=priorities.get(key))
        else:
            Answer.objects.filter(pk=answer.pk).update(value=value, rating=rating)


def section_save(
    *,
    report: SelfReport,
    section: FormSection,
    values: dict[str, str],
    version: int,
    by: User,
    copied_from_last_year: bool = False,
) -> SectionEntry:
    """Save one section as a draft. ``version`` is the one the person loaded; a newer one is a conflict.

    Only the partner leads of the report's agency may save, and only while the return is editable.
    Values are text keyed by question key; keys that are not questions of the section are ignored.
    A section saved by "Start from last year" (``copied_from_last_year``) is marked "Copied from last
    year" rather than complete, until the lead checks and saves it themselves.
    """
    if not _is_lead_of(by, report):
        raise SelfReportError("Only the agency's partner leads can fill in its update.")
    if section.template_id != report.round.template_id:
        raise SelfReportError("That section is not part of this update form.")
    specs = section_questions(section=section, board=report.round.board, year=report.round.year)
    allowed = answer_keys(specs)
    values = {key: (value or "").strip() for key, value in values.items() if key in allowed}
    for spec in specs:  # a rating is one of its scale's level numbers, or blank
        if spec.is_rating and values.get(spec.key) and spec.level(values[spec.key]) is None:
            raise SelfReportError(f'"{spec.text}": choose one of the levels of the scale.')
    with transaction.atomic():
        # Lock the return's row so a submit cannot slip in between the check and the write.
        locked = SelfReport.objects.select_for_update().get(pk=report.pk)
        if not locked.is_editable:
            raise SelfReportError(f"This update is {locked.get_status_display().lower()} and can no longer be changed.")
        entry, _ = SectionEntry.objects.get_or_create(report=report, section=section)
        versioned_update(
            SectionEntry.objects.filter(pk=entry.pk),
            version=version,
            conflict=lambda: _section_conflict(entry),
            updated_at=timezone.now(),
            updated_by=by,
        )
        _write_answers(
            entry=entry,
            values=values,
            by=by,
            priorities={s.key: s.priority for s in specs},
            ratings=frozenset(s.key for s in specs if s.is_rating),
        )
        saved = dict(entry.answers.values_list("key", "value"))
        complete = all(saved.get(spec.key) for spec in specs if spec.is_required)
        entry.status = SectionEntry.Status.COMPLETED if complete else SectionEntry.Status.IN_PROGRESS
        if copied_from_last_year:
            entry.status = SectionEntry.Status.COPIED
        entry.save(update_fields=["status"])
        _touch(locked, by)
    entry.refresh_from_db()
    return entry


def _touch(report: SelfReport, by: User) -> None:
    """Mark the return changed now; the first save moves it from not started to in progress."""
    SelfReport.objects.filter(pk=report.pk).update(last_changed_at=timezone.now())
    if report.status == Status.NOT_STARTED:
        SelfReport.objects.filter(pk=report.pk, status=Status.NOT_STARTED).update(
            status=Status.IN_PROGRESS, version=F("version") + 1
        )
        _record_transition(report, Status.NOT_STARTED, Status.IN_PROGRESS, by)


def report_copy_last_year(*, report: SelfReport, by: User) -> int:
    """Copy last year's accepted answers into sections not yet started; returns how many sections.

    Exactly what ``copy_last_year_preview`` shows: each copied section is a draft marked "Copied from
    last year" (not complete until the lead checks and saves it), and the period covered is this
    round's reporting year, never last year's.
    """
    if last_year_report(report=report) is None:
        raise SelfReportError("There is no accepted update from last year to start from.")
    copied = 0
    for item in copy_last_year_preview(report=report):
        try:
            section_save(
                report=report,
                section=item.section,
                values=item.values,
                version=0,
                by=by,
                copied_from_last_year=True,
            )
        except SectionConflict:
            continue  # a colleague started this section meanwhile: theirs stands
        copied += 1
    return copied


# --- the workflow -----------------------------------------------------------------------------------------
def _transition(*, report: SelfReport, allowed_from: tuple, to: str, by: User, note: str = "", **fields) -> None:
    with transaction.atomic():
        current = SelfReport.objects.select_for_update().get(pk=report.pk)
        if current.status not in allowed_from:
            raise SelfReportError(
                f"This update is {current.get_status_display().lower()}: it cannot be "
                f"{SelfReport.Status(to).label.lower()} now."
            )
        SelfReport.objects.filter(pk=report.pk).update(status=to, version=F("version") + 1, **fields)
        _record_transition(current, current.status, to, by, note)
    report.refresh_from_db()


@dataclass(frozen=True)
class Declaration:
    """What the lead declares on the check-your-answers page before submitting."""

    name: str
    role: str
    endorsed_by: str = ""


def report_submit(*, report: SelfReport, by: User, declaration: Declaration) -> None:
    """Submit for review, with the lead's declaration (name and role; today's date; optionally who
    endorsed it). Every required question must be answered, every section copied from last year checked,
    and the period covered must be the round's year."""
    if not _is_lead_of(by, report):
        raise SelfReportError("Only the agency's partner leads can submit its update.")
    name, role = (declaration.name or "").strip(), (declaration.role or "").strip()
    if not name or not role:
        raise SelfReportError("Give your name and your role for the declaration.")
    problems = report_problems(report=report)
    if problems:
        raise SelfReportError(" ".join(problems))
    _transition(
        report=report,
        allowed_from=(Status.IN_PROGRESS, Status.RETURNED),
        to=Status.SUBMITTED,
        by=by,
        submitted_at=timezone.now(),
        declared_name=name[:200],
        declared_role=role[:200],
        declared_on=timezone.localdate(),
        declared_endorsed_by=(declaration.endorsed_by or "").strip()[:200],
    )


def review_save(*, report: SelfReport, by: User, message: str | None, comments: dict[int, str]) -> list[ReviewComment]:
    """Keep everything business support has typed while reviewing: the overall message (a draft on the
    return, when given) and each section comment that is not blank (``comments``: section id -> text).
    Every review button posts all of them, so adding one never loses the others. Returns the new comments."""
    _require_keeper(by)
    sections = {section.pk: section for section in report.round.template.sections.all()}
    added = []
    with transaction.atomic():
        if message is not None:
            SelfReport.objects.filter(pk=report.pk).update(review_message=message.strip())
        for section_id, text in comments.items():
            if section_id in sections and text.strip():
                added.append(comment_add(report=report, section=sections[section_id], text=text, by=by))
    report.refresh_from_db()
    return added


def report_return(*, report: SelfReport, by: User, note: str = "") -> None:
    """Send a submitted update back to the agency, editable again. The message (``note``) is stored on the
    return, shown at the top of the lead's task list and e-mailed with the comments of this review."""
    _require_keeper(by)
    note = (note or "").strip()
    with transaction.atomic():  # the e-mail is queued with the change, or neither happens
        _transition(
            report=report,
            allowed_from=(Status.SUBMITTED,),
            to=Status.RETURNED,
            by=by,
            note=note,
            return_message=note,
            review_message="",
        )
        transition = report.transitions.filter(to_status=Status.RETURNED).order_by("-pk").first()
        emails.send_returned(report=report, key=f"returned:{report.pk}:{transition.pk if transition else 0}")


def report_accept(*, report: SelfReport, by: User) -> None:
    _require_keeper(by)
    _transition(
        report=report,
        allowed_from=(Status.SUBMITTED,),
        to=Status.ACCEPTED,
        by=by,
        accepted_at=timezone.now(),
        review_message="",
    )


def comment_add(*, report: SelfReport, section: FormSection, text: str, by: User) -> ReviewComment:
    _require_keeper(by)
    if section.template_id != report.round.template_id:
        raise SelfReportError("That section is not part of this update form.")
    if not text.strip():
        raise SelfReportError("Write a comment.")
    return ReviewComment.objects.create(report=report, section=section, text=text.strip(), author=by)


# --- case studies -------------------------------------------------------------------------------------------
CASE_STUDY_FIELDS = ("title", "text", "priority", "declaration", "consent_recorded_on")


def case_study_save(
    *, report: SelfReport, data: dict, by: User, case_study: CaseStudy | None = None, version: int | None = None
) -> CaseStudy:
    """Add or change a case study while the update is editable; ``data`` holds CASE_STUDY_FIELDS only."""
    if not _is_lead_of(by, report):
        raise SelfReportError("Only the agency's partner leads can write its case studies.")
    fields = {name: data.get(name) for name in CASE_STUDY_FIELDS}
    if fields["declaration"] != CaseStudy.Declaration.CONSENT:
        fields["consent_recorded_on"] = None
    with transaction.atomic():
        locked = SelfReport.objects.select_for_update().get(pk=report.pk)
        if not locked.is_editable:
            raise SelfReportError("This update can no longer be changed.")
        if case_study is None:
            case_study = CaseStudy.objects.create(report=report, created_by=by, **fields)
        else:
            versioned_update(
                CaseStudy.objects.filter(pk=case_study.pk, report=report),
                version=version,
                conflict=CaseStudyConflict,
                updated_at=timezone.now(),
                **fields,
            )
            case_study.refresh_from_db()
        _touch(locked, by)
    return case_study


def case_study_delete(*, case_study: CaseStudy, by: User) -> None:
    report = case_study.report
    if not _is_lead_of(by, report):
        raise SelfReportError("Only the agency's partner leads can remove its case studies.")
    with transaction.atomic():
        locked = SelfReport.objects.select_for_update().get(pk=report.pk)
        if not locked.is_editable:
            raise SelfReportError("This update can no longer be changed.")
        case_study.delete()
        _touch(locked, by)


def case_study_set_publication(*, case_study: CaseStudy, is_for_publication: bool, by: User) -> None:
    """Business support decides which case studies the published annual report may include."""
    _require_keeper(by)
    CaseStudy.objects.filter(pk=case_study.pk).update(is_for_publication=is_for_publication)
    case_study.refresh_from_db()


def self_report_set_contact_publication(*, report: SelfReport, is_for_publication: bool, by: User) -> None:
    """Business support records that the person named in the return agreed (or not) to their name,
    e-mail and telephone appearing in the published annual report."""
    _require_keeper(by)
    SelfReport.objects.filter(pk=report.pk).update(contact_is_for_publication=is_for_publication)
    report.refresh_from_db()


# --- reminders ---------------------------------------------------------------------------------------------
def reminder_due(*, deadline: date, today: date, opened_on: date | None = None) -> tuple[str, date] | None:
    """The latest reminder that has fallen due by ``today``, as (kind, the day it fell due), or None.

    Reminders fall due 14 and 3 days before the deadline and every 7 days after it. Only the latest
    counts: a run that missed some days sends the one reminder that is due now, not every one it
    missed. A reminder that fell due on or before the day the round opened is covered by the invitation.
    """
    due: list[tuple[str, date]] = []
    for kind, days_before in ((ReminderLog.Kind.BEFORE_14, 14), (ReminderLog.Kind.BEFORE_3, 3)):
        on = deadline - timedelta(days=days_before)
        if on <= today:
            due.append((kind, on))
    weeks_late = (today - deadline).days // 7
    if weeks_late >= 1:
        due.append((ReminderLog.Kind.OVERDUE, deadline + timedelta(days=7 * weeks_late)))
    if not due:
        return None
    kind, on = max(due, key=lambda item: item[1])
    if opened_on is not None and on <= opened_on:
        return None
    return kind, on


def reminders_send(*, today: date | None = None) -> list[ReminderLog]:
    """Queue the reminder that is due and not yet sent for every return not yet submitted.

    "Due and not yet sent" (``reminder_due``, and no ``ReminderLog`` for that reminder), so a day the
    schedule did not run is caught up by the next run, and running it again, or on two machines at
    once, sends nothing twice: the log row (unique per return, kind and due day) and the queued e-mail
    are written in one transaction, and the second writer of the same log row gives way.
    """
    today = today or timezone.localdate()
    sent = []
    reports = SelfReport.objects.filter(status__in=SelfReport.EDITABLE, round__is_historical=False).select_related(
        "round__board", "partner"
    )
    for report in reports.order_by("pk"):
        due = reminder_due(
            deadline=report.round.deadline, today=today, opened_on=timezone.localdate(report.round.opened_at)
        )
        if due is None:
            continue
        kind, due_on = due
        if report.reminders.filter(kind=kind, due_on=due_on).exists():
            continue
        with transaction.atomic():
            try:
                with transaction.atomic():
                    log = ReminderLog.objects.create(report=report, kind=kind, due_on=due_on, sent_on=today)
            except IntegrityError:
                continue  # another run has just sent it
            recipients = emails.send_reminder(
                report=report,
                today=max(today, timezone.localdate()),  # the words are true on the day it is written
                key=f"reminder:{report.pk}:{kind}:{due_on.isoformat()}",
            )
            if not recipients:
                log.delete()  # nobody to tell yet: due again once the agency has a partner lead
                continue
            log.recipients = ", ".join(recipients)
            log.save(update_fields=["recipients"])
        sent.append(log)
    return sent
