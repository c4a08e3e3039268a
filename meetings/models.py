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
    papers_published_at = models.DateTimeField(
        "papers published", null=True, blank=True, help_text="When the board pack was published to the members."
    )
    papers_published_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invitations_sent_at = models.DateTimeField(
        "calendar invitations sent", null=True, blank=True, help_text="When the members were first sent the .ics."
    )
    calendar_sequence = models.PositiveIntegerField(
        default=0, help_text="The invitation's SEQUENCE: raised each time its date, time or venue changes."
    )

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

    @property
    def papers_published(self) -> bool:
        return self.papers_published_at is not None


class AgendaItem(models.Model):
    """One item of a meeting's agenda, numbered by its position; its papers hang from it."""

    class Purpose(models.TextChoices):
        DECISION = "decision", "For decision"
        DISCUSSION = "discussion", "For discussion"
        INFORMATION = "information", "For information"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField("number")
    title = models.CharField(max_length=200)
    presenter = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items")
    presenter_agency = models.ForeignKey(
        Partner,
        verbose_name="presenter's agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text="Leave empty to use the presenter's own agency.",
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.DISCUSSION)
    minutes_allowed = models.PositiveSmallIntegerField(
        "time allowed (minutes)", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    version = models.PositiveIntegerField(default=0)

    objects = BoardScopedManager("meeting__group__board")

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def agency(self):
        if self.presenter_agency_id:
            return self.presenter_agency
        return self.presenter.partner if self.presenter_id else None


def paper_path(instance, filename: str) -> str:
    from wscb.data.uploads import upload_to

    return upload_to("meetings/papers")(instance, filename)


def pack_path(instance, filename: str) -> str:
    from wscb.data.uploads import upload_to

    return upload_to("meetings/packs")(instance, filename)


class Paper(models.Model):
    """A paper for an agenda item: a PDF (bound into the board pack) or a Word file (listed, or
    converted when LibreOffice is installed)."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=paper_path, max_length=300)
    original_name = models.CharField(max_length=255)
    uploaded_at = models.DateTimeField(auto_now=True)

    objects = BoardScopedManager("agenda_item__meeting__group__board")

    class Meta:
        ordering = ["agenda_item", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_pdf(self) -> bool:
        return self.file.name.lower().endswith(".pdf")


class BoardPack(models.Model):
    """The meeting's compiled pack: cover, agenda and every paper in agenda order, one PDF, made by
    a job (``meetings.packs``) and served from storage. ``state_key`` fingerprints the agenda and
    papers it was made from: a pack whose key differs from the meeting's current one is out of date."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="pack")
    file = models.FileField(upload_to=pack_path, max_length=300)
    state_key = models.CharField(max_length=64)
    pages = models.PositiveIntegerField()
    word_papers = models.CharField(
        max_length=20,
        choices=[("none", "No Word papers"), ("converted", "Converted with LibreOffice"), ("listed", "Listed only")],
        default="none",
    )
    compiled_at = models.DateTimeField()

    objects = BoardScopedManager("meeting__group__board")

    def __str__(self) -> str:
        return f"Board pack, {self.meeting}"


class Decision(models.Model):
    """A decision the meeting took on an agenda item, with the vote if one was counted."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField("decision")
    decided_on = models.DateField("date")
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = BoardScopedManager("agenda_item__meeting__group__board")

    class Meta:
        ordering = ["agenda_item", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def has_vote(self) -> bool:
        return any(count is not None for count in (self.votes_for, self.votes_against, self.abstentions))


class Declaration(models.Model):
    """A declaration of interest by someone at the meeting, against an agenda item."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    attendance = models.ForeignKey(
        "Attendance", verbose_name="declared by", on_delete=models.PROTECT, related_name="declarations"
    )
    interest = models.TextField("the interest declared")

    objects = BoardScopedManager("agenda_item__meeting__group__board")

    class Meta:
        ordering = ["agenda_item", "pk"]

    def __str__(self) -> str:
        return f"{self.attendance.name}: {self.interest[:60]}"


class MinutesFrozen(Exception):
    """Approved minutes cannot change: a correction is a new version with its reason."""


def minutes_path(instance, filename: str) -> str:
    from wscb.data.uploads import upload_to

    return upload_to("meetings/minutes")(instance, filename)


class Minutes(models.Model):
    """One version of a meeting's minutes: drafted in the portal (a text per agenda item) and/or an
    uploaded file; a draft until approved (at a later meeting, with the date and who recorded it),
    then frozen. A correction is a new version carrying its reason."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_versions")
    number = models.PositiveSmallIntegerField("version")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    opening = models.TextField("opening notes", blank=True, help_text="Welcome, apologies and anything before item 1.")
    item_texts = models.JSONField(default=dict, blank=True, help_text="Agenda item id -> the minute of that item.")
    file = models.FileField(upload_to=minutes_path, blank=True, max_length=300)
    original_name = models.CharField(max_length=255, blank=True)
    correction_reason = models.TextField(blank=True)
    created_by = models.ForeignKey("partners.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_on = models.DateField(null=True, blank=True)
    approved_at_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="minutes_approved"
    )
    approved_recorded_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    record = models.JSONField(
        default=dict,
        blank=True,
        help_text="What the approved minutes say (items, decisions, declarations), as approved.",
    )
    version = models.PositiveIntegerField(default=0)

    objects = BoardScopedManager("meeting__group__board")

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name_plural = "minutes"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutes_version_unique"),
            models.UniqueConstraint(
                fields=["meeting"], condition=models.Q(status="draft"), name="minutes_one_draft_per_meeting"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(approved_on__isnull=False),
                name="minutes_approved_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}, version {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == self.Status.APPROVED:
                raise MinutesFrozen("These minutes are approved and cannot change; record a correction instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if type(self)._base_manager.filter(pk=self.pk, status=self.Status.APPROVED).exists():
            raise MinutesFrozen("Approved minutes cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


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
    progress = models.TextField(blank=True, help_text="What has been done so far, in the owner's words.")
    progress_updated_at = models.DateTimeField("progress updated", null=True, blank=True)
    progress_updated_by = models.ForeignKey(
        "partners.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)

    objects = BoardScopedManager("meeting__group__board")

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("meetings:action-detail", args=[self.pk])

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status == self.Status.OPEN and self.due_on < today


class ActionReminder(models.Model):
    """A reminder e-mailed about an action: before its due date, or once it is overdue. One per
    action, kind and due date (a new due date is reminded afresh), so nothing is sent twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_on = models.DateField()
    sent_on = models.DateField()
    recipients = models.TextField(blank=True)

    objects = BoardScopedManager("action__meeting__group__board")

    class Meta:
        ordering = ["action", "sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["action", "kind", "due_on"], name="action_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder, {self.action}"


class CalendarFeed(models.Model):
    """A member's personal calendar feed of their meetings in one board: the address carries a secret
    token (only its SHA-256 is kept); revoking deletes the row, so the old address stops working."""

    user = models.ForeignKey("partners.User", on_delete=models.CASCADE, related_name="calendar_feeds")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = BoardScopedManager("board")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "board"], name="calendar_feed_one_per_user_board")]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
