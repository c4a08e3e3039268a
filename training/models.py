"""Multi-agency training: courses and their yearly plans, sessions, bookings, charges and e-learning."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from partners.models import Board, Partner, StrategicPriority
from wscb.periods import ReportingYear, working_days_before
from wscb.scoping import BoardScopedManager

#: Charges for a booking by a named community or voluntary organisation use this sector.
COMMUNITY_SECTOR = Partner.Sector.VOLUNTARY


class Course(models.Model):
    """A course in the board's catalogue, whatever the year it runs in."""

    class Delivery(models.TextChoices):
        FACE_TO_FACE = "face_to_face", "Face-to-face"
        E_LEARNING = "e_learning", "E-learning"
        LOCALITY_BRIEFING = "locality_briefing", "Locality briefing"
        CONFERENCE = "conference", "Conference"
        COMMISSIONED = "commissioned", "Commissioned"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="courses")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    level = models.CharField(max_length=60, blank=True, help_text='For example "Level 3" or "Multi-agency".')
    audience = models.CharField(max_length=200, blank=True)
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=Delivery.FACE_TO_FACE)
    priorities = models.ManyToManyField(
        StrategicPriority, blank=True, related_name="courses", verbose_name="strategic priorities"
    )
    topic = models.CharField(
        max_length=80, blank=True, help_text='Shown and filtered on in the public catalogue, e.g. "Neglect".'
    )
    learning_outcomes = models.TextField(
        blank=True,
        help_text="One per line. The evaluation form asks learners to rate each before and after the course.",
    )
    is_active = models.BooleanField(default=True)
    requires_manager_approval = models.BooleanField(
        "needs the manager's approval",
        default=False,
        help_text=(
            "A learner's place waits for their manager's approval, asked for by an e-mail link; the place is "
            "held meanwhile and released if the manager declines or does not answer in time."
        ),
    )

    impact_follow_up_weeks = models.PositiveSmallIntegerField(
        "impact questionnaire after (weeks)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(104)],
        help_text=(
            "For courses that report their impact (the commissioned ones): learners who attended are sent the "
            "follow-up impact questionnaire this many weeks after the session, once. Blank: none."
        ),
    )

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["board", "title"], name="course_title_unique_in_board")]

    def __str__(self) -> str:
        return self.title

    @property
    def outcomes(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]


class CoursePlan(models.Model):
    """A course's plan for one reporting year: which table it belongs to, how many dates, its impact."""

    class Programme(models.TextChoices):
        AGREED = "agreed", "Table One: courses and trainers agreed"
        NOT_AGREED = "not_agreed", "Table Two: course trainers and courses not agreed"
        COMMISSIONED = "commissioned", "Commissioned and additional courses"

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="plans")
    start_year = models.PositiveSmallIntegerField(help_text="Start year of the reporting year: 2016 for 2016/17.")
    programme = models.CharField(max_length=20, choices=Programme.choices)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order of the row in its table.")
    courses_planned = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Dates planned for the year. Leave blank for a new course not yet planned."
    )
    are_figures_recorded = models.BooleanField(
        "places and attendance recorded",
        default=True,
        help_text="Untick when places and attendance were not recorded: the tables show a blank, not 0.",
    )
    stated_delivered = models.PositiveSmallIntegerField(
        "courses delivered (stated)",
        null=True,
        blank=True,
        help_text="When the year's sessions are not recorded one by one: the dates delivered as reported. "
        "Recorded sessions take precedence and a different stated figure is reconciled against them.",
    )
    stated_cancelled = models.PositiveSmallIntegerField("courses cancelled (stated)", null=True, blank=True)
    stated_places = models.PositiveIntegerField("places available (stated)", null=True, blank=True)
    stated_attended = models.PositiveIntegerField("attended (stated)", null=True, blank=True)
    has_impact_report = models.BooleanField("impact report produced", default=False)
    impact_summary = models.TextField(blank=True)
    impact_file = models.FileField(upload_to="training/impact/", blank=True)
    evaluation_score = models.DecimalField(
        "average evaluation score (1-5)",
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
    )
    evaluation_responses = models.PositiveIntegerField(null=True, blank=True)

    objects = BoardScopedManager("course__board")

    class Meta:
        ordering = ["start_year", "programme", "position", "course__title"]
        constraints = [models.UniqueConstraint(fields=["course", "start_year"], name="one_plan_per_course_and_year")]

    def __str__(self) -> str:
        return f"{self.course} ({ReportingYear(self.start_year).label})"

    @property
    def has_stated_figures(self) -> bool:
        return any(
            value is not None
            for value in (self.stated_delivered, self.stated_cancelled, self.stated_places, self.stated_attended)
        )


class Session(models.Model):
    """One date of a course."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        DELIVERED = "delivered", "Delivered"
        CANCELLED = "cancelled", "Cancelled"

    class CancellationReason(models.TextChoices):
        LACK_OF_PARTICIPANTS = "lack_of_participants", "Lack of participants"
        TRAINER_UNAVAILABLE = "trainer_unavailable", "Trainer unavailable"
        ROOM_UNAVAILABLE = "room_unavailable", "Room unavailable"
        OTHER = "other", "Other"

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    starts_on = models.DateField("date")
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    is_online = models.BooleanField("online", default=False, help_text="Held online rather than at a venue.")
    joining_instructions = models.TextField(
        blank=True, help_text="Sent to each booked learner with their confirmation (the room, the link to join)."
    )
    places_available = models.PositiveIntegerField(null=True, blank=True, help_text="Blank when not recorded.")
    trainer_names = models.CharField(max_length=300, blank=True, help_text="The trainers' names, comma separated.")
    trainer_agencies = models.ManyToManyField(Partner, blank=True, related_name="training_sessions")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    cancellation_reason = models.CharField(max_length=30, choices=CancellationReason.choices, blank=True)
    cancelled_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = BoardScopedManager("course__board")

    class Meta:
        ordering = ["starts_on", "start_time", "pk"]
        indexes = [models.Index(fields=["starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancellation_reason=""),
                name="cancelled_session_has_reason",
                violation_error_message="A cancelled session needs a reason.",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="session_ends_after_it_starts",
                violation_error_message="The end time must be after the start time.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} on {self.starts_on:%d/%m/%Y}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def where(self) -> str:
        return "Online" if self.is_online else self.venue


class Learner(models.Model):
    """A practitioner who books the board's training themselves (a user with the learner role).

    Their organisation is one of the board's agencies or, for the voluntary and community sector, a
    named organisation. The work e-mail address is verified by a link before the first booking.
    """

    user = models.OneToOneField("partners.User", on_delete=models.CASCADE, related_name="learner")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="learners")
    partner = models.ForeignKey(
        Partner, verbose_name="agency", on_delete=models.PROTECT, null=True, blank=True, related_name="learners"
    )
    organisation_name = models.CharField("other organisation", max_length=200, blank=True)
    manager_name = models.CharField("manager's name", max_length=150, blank=True)
    manager_email = models.EmailField("manager's e-mail address", blank=True)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["user__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(partner__isnull=False) & Q(organisation_name=""))
                | (Q(partner__isnull=True) & ~Q(organisation_name=""))
                | Q(anonymised_at__isnull=False),
                name="learner_has_one_organisation",
                violation_error_message="Choose an agency or name another organisation, not both.",
            )
        ]

    def __str__(self) -> str:
        return f"Learner {self.pk}"

    def audit_label(self) -> str:
        return f"Learner {self.pk}"

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def organisation(self) -> str:
        return self.partner.name if self.partner_id else self.organisation_name


class Booking(models.Model):
    """A delegate's place on a session, or their place on its waiting list."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        WAITING = "waiting", "On the waiting list"
        OFFERED = "offered", "Offered a place"
        OFFER_EXPIRED = "offer_expired", "Offer not taken up in time"
        AWAITING_APPROVAL = "awaiting_approval", "Waiting for the manager's approval"
        DECLINED = "declined", "Not approved by the manager"
        APPROVAL_EXPIRED = "approval_expired", "Not approved in time"
        ATTENDED = "attended", "Attended"
        CANCELLED = "cancelled", "Cancelled"
        DID_NOT_ATTEND = "did_not_attend", "Did not attend"

    #: Statuses that hold one of the session's places.
    #: A place waiting for the manager's approval is held (so the learner does not lose it while the
    #: manager reads the e-mail); a decline or an approval not given in time releases it.
    HOLDS_PLACE = (Status.BOOKED, Status.OFFERED, Status.AWAITING_APPROVAL, Status.ATTENDED, Status.DID_NOT_ATTEND)

    #: Statuses of a booking that is over before the session: the delegate may book the session again.
    ENDED = (Status.CANCELLED, Status.DECLINED, Status.APPROVAL_EXPIRED)

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    learner = models.ForeignKey(
        Learner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        help_text="The learner's account, when they booked themselves.",
    )
    delegate_name = models.CharField(max_length=150)
    email = models.EmailField("e-mail address", blank=True)
    job_title = models.CharField(max_length=150, blank=True)
    partner = models.ForeignKey(
        Partner, verbose_name="agency", on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    organisation_name = models.CharField(
        "community or voluntary organisation",
        max_length=200,
        blank=True,
        help_text="When the delegate's organisation is not a partner agency.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BOOKED)
    booked_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    approval_requested_at = models.DateTimeField(null=True, blank=True)
    manager_email = models.EmailField(
        "manager's e-mail address", blank=True, help_text="Where the approval was asked for, when the course needs it."
    )
    impact_invited_at = models.DateTimeField(
        null=True, blank=True, help_text="When the follow-up impact questionnaire was sent (it is sent once)."
    )
    cancelled_on = models.DateField(null=True, blank=True)
    cancellation_reason = models.CharField(
        "reason given", max_length=200, blank=True, help_text="Why the delegate cancelled, if they said."
    )
    is_late_cancellation = models.BooleanField(default=False)

    objects = BoardScopedManager("session__course__board")

    class Meta:
        ordering = ["session", "booked_at", "pk"]
        indexes = [models.Index(fields=["session", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(partner__isnull=False) & Q(organisation_name=""))
                | (Q(partner__isnull=True) & ~Q(organisation_name="")),
                name="booking_has_one_agency",
                violation_error_message="Choose a partner agency or name a community organisation, not both.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegate_name} - {self.session}"

    @property
    def agency_name(self) -> str:
        return self.partner.name if self.partner_id else self.organisation_name

    @property
    def is_cancellable(self) -> bool:
        return self.status in (
            self.Status.BOOKED,
            self.Status.WAITING,
            self.Status.OFFERED,
            self.Status.AWAITING_APPROVAL,
        )


class TrainingPolicy(models.Model):
    """A board's training rules that business support may change."""

    class PlacesCount(models.TextChoices):
        DELIVERED = "delivered", "Places offered in delivered sessions"
        ALL_SESSIONS = "all_sessions", "Places offered in all sessions, cancelled ones included"

    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="training_policy")

    class DaysCounted(models.TextChoices):
        CALENDAR = "calendar", "Calendar days"
        WORKING = "working", "Working days (Monday to Friday)"

    late_cancellation_days = models.PositiveSmallIntegerField(
        default=7, help_text="A cancellation this many days or fewer before the session is late (and may be charged)."
    )
    late_cancellation_counts = models.CharField(
        "the cut-off counts",
        max_length=10,
        choices=DaysCounted.choices,
        default=DaysCounted.CALENDAR,
        help_text="Whether the late-cancellation days are calendar days or working days.",
    )
    charging_policy = models.TextField(
        "charging policy",
        blank=True,
        help_text="Shown in the public catalogue: what is charged for not attending or cancelling late.",
    )
    reminder_days = models.PositiveSmallIntegerField(
        default=3, help_text="Booked learners are reminded by e-mail this many days before the session."
    )
    offer_hours = models.PositiveSmallIntegerField(
        "hours to accept a freed place",
        default=48,
        help_text="A place offered from the waiting list passes to the next person after this many hours.",
    )
    approval_hours = models.PositiveSmallIntegerField(
        "hours for a manager to approve",
        default=72,
        validators=[MinValueValidator(1)],
        help_text="A place waiting for the manager's approval is released after this many hours without an answer.",
    )
    places_count = models.CharField(
        "places counted in the course tables",
        max_length=20,
        choices=PlacesCount.choices,
        default=PlacesCount.DELIVERED,
        help_text=(
            "What the course tables' places column counts: the places of delivered sessions, or of every "
            "session including cancelled ones (as some annual reports count them). The places of cancelled "
            "sessions are shown in a column of their own either way."
        ),
    )

    objects = BoardScopedManager("board")

    class Meta:
        verbose_name_plural = "training policies"

    def __str__(self) -> str:
        return f"Training policy for {self.board.short_name}"

    def cancellation_is_late(self, *, starts_on, on) -> bool:
        """The one lateness rule (the cancel pages, the bookings import): cancelled the policy's
        cut-off or fewer days before the session (or after it), counted from ``on`` in calendar or
        working days as the policy says."""
        if self.late_cancellation_counts == self.DaysCounted.WORKING:
            days_before = working_days_before(starts_on, on=on)
        else:
            days_before = (starts_on - on).days
        return days_before <= self.late_cancellation_days


class ChargeRate(models.Model):
    """What an agency of a sector is charged for a did-not-attend, a late cancellation or an
    e-learning licence not completed by the end of the year it was allocated in."""

    class Reason(models.TextChoices):
        DID_NOT_ATTEND = "did_not_attend", "Did not attend"
        LATE_CANCELLATION = "late_cancellation", "Late cancellation"
        ELEARNING_NOT_COMPLETED = "elearning_not_completed", "E-learning licence not completed"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="training_charge_rates")
    sector = models.CharField(max_length=20, choices=Partner.Sector.choices)
    reason = models.CharField(max_length=30, choices=Reason.choices)
    amount = models.DecimalField(max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["sector", "reason"]
        constraints = [
            models.UniqueConstraint(fields=["board", "sector", "reason"], name="one_charge_rate_per_sector_and_reason")
        ]

    def __str__(self) -> str:
        return f"{self.get_sector_display()}: {self.get_reason_display()} £{self.amount}"


class YearStatement(models.Model):
    """Totals stated for a year by another source (e.g. the booking system's summary), kept beside the
    records so that the reports show where the two differ instead of hiding it. Blank: not stated."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="training_statements")
    start_year = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=200, blank=True)
    places_booked = models.PositiveIntegerField(null=True, blank=True)
    attended = models.PositiveIntegerField(null=True, blank=True)
    cancelled = models.PositiveIntegerField("places cancelled", null=True, blank=True)
    did_not_attend = models.PositiveIntegerField(null=True, blank=True)
    sessions_cancelled = models.PositiveIntegerField(null=True, blank=True)
    cancelled_lack_of_participants = models.PositiveIntegerField(null=True, blank=True)
    cancelled_trainer_unavailable = models.PositiveIntegerField(null=True, blank=True)
    cancelled_room_unavailable = models.PositiveIntegerField(null=True, blank=True)
    cancelled_other = models.PositiveIntegerField(null=True, blank=True)

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["-start_year"]
        constraints = [models.UniqueConstraint(fields=["board", "start_year"], name="one_statement_per_year")]

    def __str__(self) -> str:
        return f"Stated training totals {ReportingYear(self.start_year).label}"


class ELearningModule(models.Model):
    """An e-learning module the board licenses."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="elearning_modules")
    title = models.CharField(max_length=200)
    is_in_package = models.BooleanField(default=True, help_text="Untick for modules bought at extra cost.")

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["board", "title"], name="module_title_unique_in_board")]

    def __str__(self) -> str:
        return self.title


class ELearningPackage(models.Model):
    """The licences bought for a year, their cost, and the provider's stated figures."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="elearning_packages")
    start_year = models.PositiveSmallIntegerField()
    licences_purchased = models.PositiveIntegerField(null=True, blank=True, help_text="Blank when not known.")
    cost = models.DecimalField(
        "cost of the licence package (£)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    stated_cost_per_licence = models.DecimalField(
        "cost per licence (stated, £)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="When the package cost is not recorded: the cost per licence as the provider states it.",
    )
    stated_allocated = models.PositiveIntegerField(null=True, blank=True)
    stated_completed = models.PositiveIntegerField(null=True, blank=True)
    stated_completion_rate = models.DecimalField(
        "stated completion rate (%)", max_digits=5, decimal_places=1, null=True, blank=True
    )

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["-start_year"]
        constraints = [models.UniqueConstraint(fields=["board", "start_year"], name="one_package_per_year")]

    def __str__(self) -> str:
        return f"E-learning licences {ReportingYear(self.start_year).label}"


class ELearningModuleTotal(models.Model):
    """A module's completions (and allocations, if known) for a year as the provider reports them,
    when the licences are not recorded one by one. Recorded licences take precedence."""

    module = models.ForeignKey(ELearningModule, on_delete=models.CASCADE, related_name="totals")
    start_year = models.PositiveSmallIntegerField()
    completed = models.PositiveIntegerField()
    allocated = models.PositiveIntegerField(null=True, blank=True, help_text="Blank when not reported.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order of the module in the report.")

    objects = BoardScopedManager("module__board")

    class Meta:
        ordering = ["start_year", "position", "module__title"]
        verbose_name = "e-learning module total"
        constraints = [models.UniqueConstraint(fields=["module", "start_year"], name="one_module_total_per_year")]

    def __str__(self) -> str:
        return f"{self.module} ({ReportingYear(self.start_year).label})"


class ELearningEnrolment(models.Model):
    """One licence allocated to a learner for a module, and when they completed it."""

    module = models.ForeignKey(ELearningModule, on_delete=models.PROTECT, related_name="enrolments")
    learner_name = models.CharField(max_length=150)
    partner = models.ForeignKey(
        Partner, verbose_name="agency", on_delete=models.PROTECT, null=True, blank=True, related_name="enrolments"
    )
    organisation_name = models.CharField("community or voluntary organisation", max_length=200, blank=True)
    allocated_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    objects = BoardScopedManager("module__board")

    class Meta:
        ordering = ["allocated_on", "pk"]
        indexes = [
            models.Index(fields=["allocated_on"]),
            # The year's licences of one board's modules (every e-learning figure filters so).
            models.Index(fields=["module", "allocated_on"], name="enrolment_module_allocated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=models.F("allocated_on")),
                name="completed_after_allocated",
                violation_error_message="A module cannot be completed before it was allocated.",
            ),
            models.CheckConstraint(
                condition=(Q(partner__isnull=False) & Q(organisation_name=""))
                | (Q(partner__isnull=True) & ~Q(organisation_name="")),
                name="enrolment_has_one_agency",
                violation_error_message="Choose a partner agency or name a community organisation, not both.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_name} - {self.module}"

    #: Each check constraint as Python, for checking many rows without a query each (the import).
    CONSTRAINT_FIELDS = {"completed_after_allocated": "completed_on", "enrolment_has_one_agency": "partner"}

    def constraint_problems(self) -> dict[str, list[str]]:
        """The check constraints evaluated in Python on this instance, with the constraints' own
        messages (the ones the back-office form shows), keyed by the field to correct. The import
        uses this; ``tests/training/test_elearning_import.py`` checks it agrees with the database."""
        failing = []
        if self.completed_on and self.allocated_on and self.completed_on < self.allocated_on:
            failing.append("completed_after_allocated")
        if (self.partner_id is None) == (not self.organisation_name):
            failing.append("enrolment_has_one_agency")
        constraints = {constraint.name: constraint for constraint in self._meta.constraints}
        return {self.CONSTRAINT_FIELDS[name]: [constraints[name].get_violation_error_message()] for name in failing}


class OtherActivity(models.Model):
    """Training counted rather than booked: whole-school training, programmes, conferences, briefings."""

    class Kind(models.TextChoices):
        WHOLE_SCHOOL = "whole_school", "Whole-school training"
        PROGRAMME = "programme", "Programme (for example taxi-driver training)"
        CHILDREN_AND_YOUNG_PEOPLE = "children_and_young_people", "Children and young people trained"
        CONFERENCE = "conference", "Annual conference"
        LOCALITY_BRIEFING = "locality_briefing", "Locality briefings"
        OTHER = "other", "Other"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="other_training")
    start_year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = models.CharField(max_length=200)
    settings_count = models.PositiveIntegerField(
        "schools or events", null=True, blank=True, help_text="Schools trained, or events held."
    )
    people_trained = models.PositiveIntegerField()

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["-start_year", "kind", "description"]
        verbose_name_plural = "other training activities"
        constraints = [
            models.UniqueConstraint(
                fields=["board", "start_year", "kind", "description"], name="other_activity_unique_in_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.description} ({ReportingYear(self.start_year).label})"


class SignUpAttempt(models.Model):
    """One try at the learners' sign-up form, kept a day for its rate limits (per address and per
    e-mail), in the database so that every web server counts the same attempts."""

    ip_address = models.GenericIPAddressField(null=True, blank=True)
    email = models.EmailField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"Sign-up attempt at {self.at:%d/%m/%Y %H:%M}"


class Evaluation(models.Model):
    """A learner's evaluation of a course they attended: for each of the course's learning outcomes, how
    they rated themselves before and after (1-5), and what they would say. Submitting it releases their
    certificate."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="evaluation")
    ratings = models.JSONField(
        default=list, help_text='[{"outcome": "...", "before": 1-5, "after": 1-5}], in the course\'s order.'
    )
    comments = models.TextField(blank=True)
    #: The averages of the ratings, kept with them so the report averages them in the database.
    before_average = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    after_average = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    objects = BoardScopedManager("booking__session__course__board")

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Evaluation {self.pk}"


class ImpactResponse(models.Model):
    """A learner's answer to the follow-up impact questionnaire, weeks after a course that reports its
    impact: how much it changed their practice (1-5) and an example."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="impact_response")
    practice_change = models.PositiveSmallIntegerField(
        "how much the course changed your practice (1-5)",
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    example = models.TextField("what you do differently", blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    objects = BoardScopedManager("booking__session__course__board")

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Impact response {self.pk}"
