"""Partner annual updates (self-reports): per-year form templates, rounds, returns, answers, case studies."""

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


class Question(models.Model):
    class Kind(models.TextChoices):
        LONG_TEXT = "long_text", "Long text"
        SHORT_TEXT = "short_text", "Short text"
        NUMBER = "number", "Number"
        YES_NO = "yes_no", "Yes or no"
        DATE = "date", "Date"
        CHOICE = "choice", "Choice"

    section = models.ForeignKey(FormSection, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    key = models.SlugField(max_length=60, help_text="Stable name used to carry answers from year to year.")
    text = models.TextField()
    help_text = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.LONG_TEXT)
    choices = models.TextField(blank=True, help_text="For a choice question: one option per line.")
    is_required = models.BooleanField(default=True)

    objects = BoardScopedManager("section__template__board")

    class Meta:
        ordering = ["section", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["section", "key"], name="question_key_unique_in_section")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


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
