"""Groups of a board (the board itself, its executive, sub-groups), their members, meetings,
attendance and actions. Every table and rate in the annual report is computed from these rows."""

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from partners.models import Board, Partner, Person
from wscb.scoping import BoardScopedManager
from wscb.words import termed


class Group(models.Model):
    """The board itself, its executive or one of its sub-groups, with its quorum and threshold rules."""

    class Kind(models.TextChoices):
        BOARD = "board", termed("Board")
        EXECUTIVE = "executive", "Executive"
        SUB_GROUP = "sub_group", "Sub-group"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SUB_GROUP)
    chair = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="chaired_groups")
    terms_of_reference = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    quorum_minimum_members = models.PositiveSmallIntegerField(
        "quorum: members present",
        default=5,
        help_text="Members present in person needed for a quorum (deputies do not count here).",
    )
    quorum_needs_statutory_partners = models.BooleanField(
        "quorum: statutory partners",
        default=True,
        help_text="A quorum also needs a member or deputy from the local authority, health and the police.",
    )
    attendance_threshold_percent = models.DecimalField(
        "attendance threshold (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text="Agencies whose attendance rate is below this are flagged.",
    )

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["board", "name"], name="group_name_unique_in_board")]

    def __str__(self) -> str:
        return self.name


#: The sectors that must be in the room for a quorum when the group asks for statutory partners.
QUORUM_SECTORS = (Partner.Sector.LOCAL_AUTHORITY, Partner.Sector.HEALTH, Partner.Sector.POLICE)


class Membership(models.Model):
    """A person's seat on a group for a period: the role, the section 12 status and the agency represented."""

    class Role(models.TextChoices):
        INDEPENDENT_CHAIR = "independent_chair", "Independent Chair"
        DIRECTOR_CHILDRENS_SERVICES = "director_childrens_services", "Director of Children's Services"
        CHIEF_EXECUTIVE = "chief_executive", "Local Authority Chief Executive"
        LEAD_MEMBER = "lead_member", "Lead Member (participating observer)"
        DESIGNATED_DOCTOR = "designated_doctor", "Designated Doctor"
        DESIGNATED_NURSE = "designated_nurse", "Designated Nurse"
        LAY_MEMBER = "lay_member", "Lay Member"
        MEMBER = "member", "Member"
        ADVISOR = "advisor", "Advisor"
        BUSINESS_SUPPORT = "business_support", "Business support"

    class Status(models.TextChoices):
        FULL = "full", "Full"
        ADVISOR = "advisor", termed("Advisor to the Board")
        ADMIN = "admin", "Admin"

    #: The roles section 3 of the annual report names as key roles, in its order.
    KEY_ROLES = (
        Role.INDEPENDENT_CHAIR,
        Role.DIRECTOR_CHILDRENS_SERVICES,
        Role.CHIEF_EXECUTIVE,
        Role.LEAD_MEMBER,
        Role.DESIGNATED_DOCTOR,
        Role.DESIGNATED_NURSE,
    )

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=40, choices=Role.choices, default=Role.MEMBER)
    job_title = models.CharField(
        max_length=200, blank=True, help_text="The post as section 12 lists it, if different from the person's."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.FULL)
    partner = models.ForeignKey(
        Partner,
        verbose_name="agency represented",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in the section 12 list.")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    objects = BoardScopedManager("group__board")

    class Meta:
        ordering = ["group", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="membership_dates_in_order",
                violation_error_message="A membership cannot end before it starts.",
            ),
        ]
        indexes = [models.Index(fields=["group", "started_on", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.person.full_name}, {self.group.name}"

    @property
    def post(self) -> str:
        return self.job_title or self.person.job_title

    @property
    def represents(self) -> str:
        """How the attendance table names the row this member counts in."""
        return self.partner.short_name if self.partner_id else self.get_role_display()

    def is_current_on(self, day: datetime.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)

    @classmethod
    def current_on_filter(cls, day: datetime.date, prefix: str = "") -> models.Q:
        return models.Q(**{f"{prefix}started_on__lte": day}) & (
            models.Q(**{f"{prefix}ended_on__isnull": True}) | models.Q(**{f"{prefix}ended_on__gte": day})
        )


def meeting_document_path(instance, filename: str) -> str:
    """A generated name (``wscb.data.uploads.upload_to``): the uploader's file name never becomes a path."""
    from wscb.data.uploads import upload_to

    return upload_to(f"meetings/{instance.group_id}")(instance, filename)


class Meeting(models.Model):
    """One meeting of a group; the agenda and minutes are uploaded files served by a checked view."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("date")
    starts_at = models.TimeField("start time", null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    reporting_year = models.PositiveSmallIntegerField(
        "counted in reporting year starting",
        help_text=termed(
            "Start year of the reporting year whose annual report counts this meeting: normally the year "
            "containing its date, but a board cycle may run over (the 2016/17 report counts 21/03/2016 "
            "and 06/04/2017)."
        ),
    )
    agenda = models.FileField(upload_to=meeting_document_path, blank=True, max_length=300)
    minutes = models.FileField(upload_to=meeting_document_path, blank=True, max_length=300)
    version = models.PositiveIntegerField(default=0, help_text="Raised on every save of the attendance.")

    objects = BoardScopedManager("group__board")

    class Meta:
        ordering = ["-held_on", "group"]
        constraints = [
            models.UniqueConstraint(fields=["group", "held_on"], name="one_meeting_per_group_per_day"),
        ]
        indexes = [models.Index(fields=["group", "reporting_year", "held_on"])]

    def __str__(self) -> str:
        return f"{self.group.name}, {self.held_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", args=[self.pk])


class Attendance(models.Model):
    """One person at (or expected at) a meeting.

    Members have a ``membership`` and one of the four statuses; other attendees (authors, guest
    presenters, observers) have no membership, are always present and carry their own role. The
    agency (or, with none, the ``represents`` label) is copied when recorded, so the section 3
    table counts people by the agency they represented that day.
    """

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies sent"
        ABSENT = "absent", "Absent"
        DEPUTY = "deputy", "Represented by a deputy"

    class AttendeeRole(models.TextChoices):
        MEMBER = "member", "Member"
        AUTHOR = "author", "Report author"
        PRESENTER = "presenter", "Guest presenter"
        OBSERVER = "observer", "Observer"
        OTHER = "other", "Other"

    #: Statuses in which the agency was in the room.
    ATTENDED = (Status.PRESENT, Status.DEPUTY)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="attendances"
    )
    name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=200, blank=True)
    partner = models.ForeignKey(
        Partner, verbose_name="agency", on_delete=models.PROTECT, null=True, blank=True, related_name="attendances"
    )
    represents = models.CharField(
        max_length=100, blank=True, help_text="Row label in the attendance table when there is no agency."
    )
    attendee_role = models.CharField(max_length=20, choices=AttendeeRole.choices, default=AttendeeRole.MEMBER)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PRESENT)
    deputy_name = models.CharField(max_length=150, blank=True)
    deputy_job_title = models.CharField(max_length=200, blank=True)

    objects = BoardScopedManager("meeting__group__board")

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name"], name="attendance_one_row_per_name"),
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=models.Q(membership__isnull=False),
                name="attendance_one_row_per_member",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="deputy") | ~models.Q(deputy_name=""),
                name="attendance_deputy_named",
                violation_error_message="Give the deputy's name.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.get_status_display()}"

    @staticmethod
    def name_key(name: str) -> str:
        """The same person's name however it was typed (case, spaces): one row per name key, on the
        attendance page and in the import alike."""
        return " ".join(str(name).split()).casefold()

    @property
    def row_label(self) -> str:
        return self.partner.short_name if self.partner_id else (self.represents or "No agency")


class Action(models.Model):
    """An action from a meeting's action log, owned by an agency."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "No longer needed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField("action")
    owner = models.ForeignKey(
        Partner, verbose_name="owner agency", on_delete=models.PROTECT, related_name="meeting_actions"
    )
    due_on = models.DateField("due date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)

    objects = BoardScopedManager("meeting__group__board")

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("meetings:action-detail", args=[self.pk])

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status == self.Status.OPEN and self.due_on < today
