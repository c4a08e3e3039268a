"""Partner annual updates (self-reports): per-year form templates, rounds, returns, answers, case studies."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone

from partners.models import Board, Partner, StrategicPriority
from wscb.periods import ReportingYear
from wscb.scoping import BoardScopedManager


class FormTemplate(models.Model):
    """The update form a board sends its partners for one reporting year."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="self_report_templates")
    start_year = models.PositiveSmallIntegerField(help_text="Start year of the reporting year, e.g. 2016 for 2016/17.")
    title = models.CharField(max_length=200, default="Partner annual update")
    introduction = models.TextField(blank=True)
    frozen_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Set when a round opens: the form can no longer change."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "-start_year"]
        verbose_name = "update form"
        constraints = [models.UniqueConstraint(fields=["board", "start_year"], name="one_update_form_per_board_year")]

    def __str__(self) -> str:
        return f"{self.title} {self.year.label} ({self.board.short_name})"

    @property
    def year(self) -> ReportingYear:
        return ReportingYear(self.start_year)

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class FormSection(models.Model):
    """One page of the form: a heading, guidance and questions, or one of the special kinds."""

    class Kind(models.TextChoices):
        QUESTIONS = "questions", "Questions"
        CONTACT = "contact", "Contact details and period covered"
        PRIORITIES = "priorities", "One answer per strategic priority"
        CASE_STUDIES = "case_studies", "Case studies"

    template = models.ForeignKey(FormTemplate, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.QUESTIONS)
    heading = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)
    answers_required = models.BooleanField(
        default=True, help_text="For the strategic-priorities section: whether every priority must be answered."
    )

    objects = BoardScopedManager("template__board")

    class Meta:
        ordering = ["template", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["template", "order"], name="section_order_unique_in_form")]

    def __str__(self) -> str:
        return self.heading


@dataclass(frozen=True)
class RatingLevel:
    """One level of a rating scale: its number (1 = lowest), label ("Amber") and descriptor."""

    number: int
    label: str
    descriptor: str


def parse_scale(text: str) -> tuple[RatingLevel, ...]:
    """A scale written one level per line, lowest first, as "label: descriptor" (the descriptor optional)."""
    levels = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        label, _, descriptor = line.partition(":")
        levels.append(RatingLevel(len(levels) + 1, label.strip(), descriptor.strip()))
    return tuple(levels)


class Question(models.Model):
    class Kind(models.TextChoices):
        LONG_TEXT = "long_text", "Long text"
        SHORT_TEXT = "short_text", "Short text"
        NUMBER = "number", "Number"
        YES_NO = "yes_no", "Yes or no"
        DATE = "date", "Date"
        CHOICE = "choice", "Choice"
        RATING = "rating", "Rating against a standard"

    section = models.ForeignKey(FormSection, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    key = models.SlugField(max_length=60, help_text="Stable name used to carry answers from year to year.")
    text = models.TextField()
    help_text = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.LONG_TEXT)
    choices = models.TextField(blank=True, help_text="For a choice question: one option per line.")
    is_required = models.BooleanField(default=True)
    scale = models.TextField(
        "rating scale",
        blank=True,
        help_text='For a rating question: one level per line, lowest first, as "label: descriptor". For example '
        '"Red: not in place", "Amber: partly in place", "Green: fully in place"; or four levels '
        '"1: inadequate ..." to "4: outstanding ...". The answer is stored as the level\'s number (1 = lowest).',
    )
    standard = models.CharField(
        "standard (short name)",
        max_length=80,
        blank=True,
        help_text="For a rating question: the standard's short name, used as the column of the picture across "
        "agencies. Keep the question's key the same from year to year so changes can be compared.",
    )
    justification_required = models.BooleanField(
        "justification required",
        default=False,
        help_text="For a rating question: the agency must say why it gave the rating.",
    )
    action_threshold = models.PositiveSmallIntegerField(
        "suggest an action at or below level",
        null=True,
        blank=True,
        help_text="For a rating question: a rating at or below this level number suggests raising an action.",
    )

    objects = BoardScopedManager("section__template__board")

    class Meta:
        ordering = ["section", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["section", "key"], name="question_key_unique_in_section")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def levels(self) -> tuple[RatingLevel, ...]:
        return parse_scale(self.scale)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.RATING:
            if len(self.levels) < 2:
                raise ValidationError({"scale": "Give at least two levels, one per line, lowest first."})
            if self.action_threshold is not None and not 1 <= self.action_threshold <= len(self.levels):
                raise ValidationError(
                    {"action_threshold": f"Give a level number from 1 to {len(self.levels)}, or leave it blank."}
                )


class Round(models.Model):
    """A board asking named agencies for their updates for one year, by a deadline."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="self_report_rounds")
    template = models.ForeignKey(FormTemplate, on_delete=models.PROTECT, related_name="rounds")
    start_year = models.PositiveSmallIntegerField()
    deadline = models.DateField()
    agencies = models.ManyToManyField(Partner, related_name="self_report_rounds", verbose_name="agencies asked")
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    is_historical = models.BooleanField(
        "recorded as history",
        default=False,
        help_text="A past year's round recorded after the event: no invitations or reminders are e-mailed.",
    )

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "-start_year"]
        verbose_name = "update round"
        constraints = [models.UniqueConstraint(fields=["board", "start_year"], name="one_update_round_per_board_year")]

    def __str__(self) -> str:
        return f"{self.board.short_name} partner updates {self.year.label}"

    @property
    def year(self) -> ReportingYear:
        return ReportingYear(self.start_year)


class SelfReport(models.Model):
    """One agency's return for one round."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned for changes"
        ACCEPTED = "accepted", "Accepted"

    EDITABLE = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED)

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reports")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="self_reports")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    version = models.PositiveIntegerField(default=1)
    last_changed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    report_position = models.PositiveSmallIntegerField(
        "position in the annual report",
        null=True,
        blank=True,
        help_text="Updates with a position come first, in that order; the rest follow by agency name.",
    )
    report_label = models.CharField(
        "label in the annual report",
        max_length=20,
        blank=True,
        help_text='Printed before the agency, e.g. "10.1" or "a".',
    )
    contact_is_for_publication = models.BooleanField(
        "publish the contact's name, e-mail and telephone",
        default=False,
        help_text="Business support marks this only when the person named has agreed to their details "
        "appearing in the published annual report; otherwise the report leaves them out.",
    )
    # The declaration made on the check-your-answers page at the last submission.
    declared_name = models.CharField("declared by", max_length=200, blank=True)
    declared_role = models.CharField("role of the person declaring", max_length=200, blank=True)
    declared_on = models.DateField("date of the declaration", null=True, blank=True)
    declared_endorsed_by = models.CharField("endorsed by", max_length=200, blank=True)
    # Business support's overall message: the draft being written while reviewing (kept whatever else is
    # posted), and the one sent with the latest return, shown to the agency until it resubmits.
    review_message = models.TextField("draft message to the agency", blank=True)
    return_message = models.TextField("message sent with the latest return", blank=True)

    objects = BoardScopedManager("round__board")

    class Meta:
        ordering = ["round", "partner__name"]
        verbose_name = "partner update"
        constraints = [models.UniqueConstraint(fields=["round", "partner"], name="one_update_per_agency_per_round")]

    def __str__(self) -> str:
        return f"{self.partner.short_name} update {self.round.year.label}"

    @property
    def retain_until(self):
        """Kept until RETENTION_YEARS (default 6) after the end of its reporting year; see reports/retention.py."""
        from wscb.ops.retention import retain_until_after_year

        return retain_until_after_year(self.round.year)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status in self.EDITABLE and today > self.round.deadline


class SectionEntry(models.Model):
    """An agency's answers to one section, saved as a unit (the version guards two leads saving at once)."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        COPIED = "copied", "Copied from last year: check and save"

    report = models.ForeignKey(SelfReport, on_delete=models.CASCADE, related_name="entries")
    section = models.ForeignKey(FormSection, on_delete=models.PROTECT, related_name="entries")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = BoardScopedManager("report__round__board")

    class Meta:
        ordering = ["report", "section__order"]
        verbose_name_plural = "section entries"
        constraints = [models.UniqueConstraint(fields=["report", "section"], name="one_entry_per_section")]

    def __str__(self) -> str:
        return f"{self.report}: {self.section}"


class Answer(models.Model):
    """One answer, stored as text whatever the question's kind (dates ISO, yes/no as "yes"/"no")."""

    entry = models.ForeignKey(SectionEntry, on_delete=models.CASCADE, related_name="answers")
    key = models.CharField(max_length=60, help_text='The question\'s key, or "priority-<number>".')
    value = models.TextField(blank=True)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For a rating question: the level's number (1 = lowest), for counting."
    )
    priority = models.ForeignKey(StrategicPriority, on_delete=models.SET_NULL, null=True, blank=True)

    objects = BoardScopedManager("entry__report__round__board")

    class Meta:
        ordering = ["entry", "pk"]
        constraints = [models.UniqueConstraint(fields=["entry", "key"], name="one_answer_per_key")]

    def __str__(self) -> str:
        return f"{self.key}: {self.value[:40]}"


class AnswerChange(models.Model):
    """History: every change to an answer, with who, when, the old and the new value."""

    entry = models.ForeignKey(SectionEntry, on_delete=models.CASCADE, related_name="changes")
    key = models.CharField(max_length=60)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    objects = BoardScopedManager("entry__report__round__board")

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.key} changed {self.changed_at:%d/%m/%Y %H:%M}"


class Transition(models.Model):
    """Every status change of a return, with who and when."""

    report = models.ForeignKey(SelfReport, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=SelfReport.Status.choices)
    to_status = models.CharField(max_length=20, choices=SelfReport.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    objects = BoardScopedManager("report__round__board")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} -> {self.to_status}"


class ReviewComment(models.Model):
    """Business support's challenge on one section ("please add evidence of impact")."""

    report = models.ForeignKey(SelfReport, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(FormSection, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = BoardScopedManager("report__round__board")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class CaseStudy(models.Model):
    """A story about real children: restricted to the agency's leads and business support."""

    class Declaration(models.TextChoices):
        ANONYMISED = (
            "anonymised",
            "Anonymised: the child and family cannot be identified (no real names, dates of birth, addresses "
            "or school names)",
        )
        CONSENT = "consent", "Consent recorded"

    report = models.ForeignKey(SelfReport, on_delete=models.CASCADE, related_name="case_studies")
    title = models.CharField(max_length=200)
    text = models.TextField()
    priority = models.ForeignKey(
        StrategicPriority, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="related strategic priority"
    )
    declaration = models.CharField(max_length=20, choices=Declaration.choices)
    consent_recorded_on = models.DateField("date consent was recorded", null=True, blank=True)
    is_for_publication = models.BooleanField("publish in the annual report", default=False)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    objects = BoardScopedManager("report__round__board")

    class Meta:
        ordering = ["report", "pk"]
        verbose_name_plural = "case studies"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(declaration="consent") | models.Q(consent_recorded_on__isnull=False),
                name="case_study_consent_has_date",
                violation_error_message="Give the date consent was recorded.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def audit_label(self) -> str:
        """The audit trail names the case study by number and return, never by its title or text."""
        return f"Case study #{self.pk} in {self.report}"

    @property
    def retain_until(self):
        return self.report.retain_until


class ReminderLog(models.Model):
    """An invitation or reminder e-mailed about a return: each reminder (kind and the day it fell due)
    at most once per return, however often or late the schedule runs."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", "Invitation"
        BEFORE_14 = "before_14", "14 days before the deadline"
        BEFORE_3 = "before_3", "3 days before the deadline"
        OVERDUE = "overdue", "Overdue (weekly)"

    report = models.ForeignKey(SelfReport, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_on = models.DateField(help_text="The day the reminder fell due (for the invitation, the day the round opened).")
    sent_on = models.DateField(help_text="The day it was queued to be e-mailed.")
    recipients = models.TextField(blank=True)

    objects = BoardScopedManager("report__round__board")

    class Meta:
        ordering = ["-sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kind", "due_on"], name="one_reminder_per_report_kind_and_due_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.sent_on:%d/%m/%Y}"


class AssessmentAction(models.Model):
    """An agency's action plan item: raised from an answer of its return (a rating at or below the
    question's threshold suggests one), owned by a person of the agency, followed up in next year's
    return until it is closed. Every change is a version (``versioned_update``) and a note of history."""

    class Status(models.TextChoices):
        OPEN = "open", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Completed"
        DROPPED = "dropped", "No longer needed"

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="assessment_actions")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="assessment_actions")
    report = models.ForeignKey(
        SelfReport,
        on_delete=models.CASCADE,
        related_name="actions",
        null=True,
        blank=True,
        help_text="The return it was raised in (empty for an action agreed at a challenge event).",
    )
    challenge = models.ForeignKey(
        "ChallengeEvent",
        on_delete=models.CASCADE,
        related_name="actions",
        null=True,
        blank=True,
        help_text="The challenge event at which it was agreed, if any.",
    )
    start_year = models.PositiveSmallIntegerField(help_text="Start year of the reporting year it was raised in.")
    question_key = models.CharField(max_length=60, blank=True, help_text="The answer it was raised from.")
    question_text = models.TextField(blank=True, help_text="The question's wording when it was raised.")
    what = models.TextField("what will be done")
    owner = models.ForeignKey(
        "partners.Person", on_delete=models.PROTECT, related_name="assessment_actions", verbose_name="owner"
    )
    due_on = models.DateField("due by")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField("closed on", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    reminded_for = models.DateField(
        null=True, blank=True, help_text="The due date the overdue reminder was sent for (once per due date)."
    )

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "self-assessment action"

    def __str__(self) -> str:
        return f"Action #{self.pk} for {self.partner.short_name}"

    @property
    def year(self) -> ReportingYear:
        return ReportingYear(self.start_year)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and (today or timezone.localdate()) > self.due_on

    @property
    def origin(self) -> str:
        """Where the action came from, in words."""
        if self.challenge_id:
            return f"Agreed at the challenge event of {self.challenge.held_on:%d/%m/%Y} ({self.year.label})"
        words = f"Raised in the {self.year.label} update"
        return words + (f", from the question: {self.question_text}" if self.question_text else "")


class AssessmentActionNote(models.Model):
    """History of an action: each update with its progress note, the status and due date it left."""

    action = models.ForeignKey(AssessmentAction, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField("progress note", blank=True)
    status = models.CharField(max_length=20, choices=AssessmentAction.Status.choices)
    due_on = models.DateField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = BoardScopedManager("action__board")

    class Meta:
        ordering = ["pk"]  # the order they were written in

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.at:%d/%m/%Y}"


def evidence_path(instance, filename: str) -> str:
    """A generated name (``wscb.data.uploads.upload_to``): the uploader's file name never becomes a path."""
    from wscb.data.uploads import upload_to

    return upload_to(f"evidence/{instance.report.round.board_id}")(instance, filename)


#: The kinds of evidence file accepted (checked by ``wscb.data.uploads.validate_upload``).
EVIDENCE_KINDS = ("pdf", "docx", "xlsx", "pptx", "png", "jpeg")


class Evidence(models.Model):
    """A file attached to one answer of a return (``key``: the question's key). Only the agency's partner
    leads and business support can download it; it is deleted with the return's case studies when the
    return's retention date has passed (reports/retention.py)."""

    report = models.ForeignKey(SelfReport, on_delete=models.CASCADE, related_name="evidence")
    key = models.CharField(max_length=60, help_text="The question's key: the answer the file is evidence for.")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    original_name = models.CharField("file name", max_length=255, help_text="Shown to people; never used as a path.")
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = BoardScopedManager("report__round__board")

    class Meta:
        ordering = ["report", "key", "pk"]
        verbose_name = "evidence file"
        verbose_name_plural = "evidence files"

    def __str__(self) -> str:
        return f"Evidence #{self.pk} in {self.report}"

    def audit_label(self) -> str:
        """The audit trail names the file by number and return, never by its name (it may name a child)."""
        return f"Evidence #{self.pk} in {self.report}"

    @property
    def retain_until(self):
        return self.report.retain_until

    def delete(self, *args, **kwargs):
        """The stored file goes too, once the deletion is committed."""
        from django.db import transaction

        name, storage = self.file.name, self.file.storage
        result = super().delete(*args, **kwargs)
        if name:
            transaction.on_commit(lambda: storage.delete(name))
        return result


class ChallengeEvent(models.Model):
    """The board challenging one agency on its self-assessment for a year: who sat on the panel, the
    questions put, the agency's response and the outcome. Actions agreed join the agency's action plan
    (``AssessmentAction.challenge``). Recorded by business support."""

    class Outcome(models.TextChoices):
        ASSURED = "assured", "Assured"
        ASSURED_WITH_ACTIONS = "assured_with_actions", "Assured, with actions agreed"
        NOT_ASSURED = "not_assured", "Not assured: further challenge needed"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="challenge_events")
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="challenge_events", verbose_name="agency"
    )
    start_year = models.PositiveSmallIntegerField(help_text="Start year of the reporting year challenged.")
    held_on = models.DateField("date held")
    panel = models.TextField(help_text="Who sat on the panel, one per line, with their role.")
    questions = models.TextField("questions put")
    response = models.TextField("the agency's response")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    outcome_notes = models.TextField("outcome in words", blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["-start_year", "-held_on", "pk"]
        verbose_name = "challenge event"

    def __str__(self) -> str:
        return f"Challenge of {self.partner.short_name}, {self.held_on:%d/%m/%Y}"

    @property
    def year(self) -> ReportingYear:
        return ReportingYear(self.start_year)
