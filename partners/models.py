"""Boards, partner agencies and the people who sign in to the portal."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from wscb.roles import Role, role_has_model_permission, role_has_module_permission
from wscb.scoping import BoardScopedManager
from wscb.validators import validate_short_name
from wscb.words import termed


class Board(models.Model):
    """A safeguarding board or partnership; groups, rounds, finance and reports hang off it.

    Its word for itself (``term``: "Board" or "Partnership") and its names are data: every text
    that names it takes them (``wscb.boards.board_words``, the ``board_term`` template variable).
    """

    class Term(models.TextChoices):
        BOARD = "Board", "Board"
        PARTNERSHIP = "Partnership", "Partnership"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=30,
        unique=True,
        validators=[validate_short_name],
        help_text="As the report uses it, e.g. WSCB. It is also used in file names.",
    )
    term = models.CharField(
        "word used for it",
        max_length=20,
        choices=Term.choices,
        default=Term.BOARD,
        help_text="Shown in page titles and headings: 'Board' or 'Partnership'.",
    )
    is_active = models.BooleanField(default=True)
    current_reporting_year = models.PositiveSmallIntegerField(
        "current reporting year",
        null=True,
        blank=True,
        help_text=(
            "The start year of the reporting year its pages open on (2016 for 2016/17). Empty: the "
            "latest year that has records, else this calendar's reporting year (wscb.years)."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = termed("board")
        verbose_name_plural = termed("boards")

    def __str__(self) -> str:
        return self.name


def _member_agencies(board_id: int) -> models.Q:
    return models.Q(pk__in=BoardMembership._base_manager.filter(board_id=board_id).values("partner_id"))


class Partner(models.Model):
    """A partner agency. Agencies are shared records: one agency (the council, the police) may be a
    member of several boards, through ``BoardMembership``. What is true of it for one board (member
    from/until, statutory partner, the board's main contact) is on the membership; its name, short
    name and sector are the agency's own, the same in every board it belongs to.

    ``Partner.objects`` sees the current board's member agencies only (``wscb.scoping``). Names and
    short names are unique within each board (``partners.services.agency_name_clash``), not across
    the installation: two boards may each have their own "Probation".
    """

    class Sector(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        HEALTH = "health", "Health"
        POLICE = "police", "Police"
        PROBATION = "probation", "Probation"
        EDUCATION = "education", "Education"
        HOUSING = "housing", "Housing"
        VOLUNTARY = "voluntary", "Voluntary and community"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=60,
        help_text='The name the report and tables use, shorter than the full name ("Police", "NHS Trust").',
    )
    sector = models.CharField(max_length=20, choices=Sector.choices)
    is_active = models.BooleanField(default=True)
    address = models.TextField(blank=True)
    website = models.URLField(blank=True)
    notes = models.TextField(blank=True)

    objects = BoardScopedManager(_member_agencies)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("partners:partner-detail", args=[self.pk])


class BoardMembership(models.Model):
    """An agency's membership of one board: from and until when, whether the law makes it a
    statutory partner of that board, and the person the board writes to first there."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="agency_memberships")
    partner = models.ForeignKey(
        Partner, verbose_name="agency", on_delete=models.CASCADE, related_name="board_memberships"
    )
    started_on = models.DateField("member from", null=True, blank=True)
    ended_on = models.DateField("member until", null=True, blank=True)
    is_statutory = models.BooleanField(
        "statutory partner", default=False, help_text="A partner the law requires to be a member."
    )
    main_contact = models.ForeignKey(
        "Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=termed("The person the board writes to first about this agency."),
    )

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "partner__name"]
        verbose_name = "agency membership"
        constraints = [
            models.UniqueConstraint(fields=["board", "partner"], name="agency_member_once_per_board"),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="agency_membership_dates_in_order",
                violation_error_message="Membership cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner.name}, member of {self.board.short_name}"

    def is_current_on(self, day) -> bool:
        return (self.started_on is None or self.started_on <= day) and (self.ended_on is None or self.ended_on >= day)


def _people_of_board(board_id: int) -> models.Q:
    return models.Q(pk__in=Person.boards.through._base_manager.filter(board_id=board_id).values("person_id"))


class Person(models.Model):
    """Someone who sits on a board or group, whether or not they sign in to the portal.

    One person may hold several memberships over time (meetings.Membership); the agency here
    is the one they work for now, the membership records the agency they represented.
    """

    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField("e-mail address", blank=True)
    telephone = models.CharField(max_length=40, blank=True)
    partner = models.ForeignKey(
        Partner,
        verbose_name="agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        help_text="Leave empty for people who represent no agency (Independent Chair, lay members).",
    )
    user = models.OneToOneField(
        "User",
        verbose_name="portal account",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    boards = models.ManyToManyField(
        Board,
        blank=True,
        related_name="people",
        help_text=termed("The boards this person is recorded for; only they see the person."),
    )

    objects = BoardScopedManager(_people_of_board)

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.full_name}, {self.job_title}" if self.job_title else self.full_name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("role", Role.BOARD_MEMBER)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields["role"] = Role.ADMINISTRATOR
        return self._create(email, password, **fields)


class User(AbstractBaseUser):
    """A person who signs in with their e-mail address and has exactly one role."""

    email = models.EmailField("e-mail address", max_length=254, unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    telephone = models.CharField(max_length=40, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.BOARD_MEMBER)
    partner = models.ForeignKey(
        Partner,
        verbose_name="partner agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="Required for partner leads: the one agency they report for.",
    )
    boards = models.ManyToManyField(
        Board, blank=True, related_name="users", help_text=termed("The boards this person works for.")
    )
    last_board = models.ForeignKey(
        Board,
        verbose_name="working in",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=termed("The board chosen last in the header: the one they start in at their next sign-in."),
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
            models.CheckConstraint(
                condition=~models.Q(role="partner_lead") | models.Q(partner__isnull=False),
                name="partner_lead_has_agency",
                violation_error_message="A partner lead must belong to a partner agency.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    # Roles decide everything: there are no per-user permissions or groups to drift.
    @property
    def is_partner_lead(self) -> bool:
        return self.role == Role.PARTNER_LEAD

    @property
    def is_business_support(self) -> bool:
        return self.role == Role.BUSINESS_SUPPORT

    @property
    def is_board_member(self) -> bool:
        return self.role == Role.BOARD_MEMBER

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @property
    def is_staff(self) -> bool:
        """Business support and administrators use the back office (Django admin)."""
        return self.is_active and self.role in (Role.BUSINESS_SUPPORT, Role.ADMINISTRATOR)

    @property
    def is_superuser(self) -> bool:
        return self.is_active and self.is_administrator

    def has_perm(self, perm: str, obj=None) -> bool:
        return self.is_active and role_has_model_permission(self.role, perm)

    def has_perms(self, perm_list, obj=None) -> bool:
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_active and role_has_module_permission(self.role, app_label)


class StrategicPriority(models.Model):
    """One of a board's strategic priorities for a business-plan period (seed: six for 2015-18).

    Courses, partner answers, case studies and actions are tagged to priorities, so this lives
    beside the board, below every app that tags to it.
    """

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="priorities")
    plan_period = models.CharField(max_length=20, help_text='The business plan it belongs to, e.g. "2015-18".')
    first_year = models.PositiveSmallIntegerField(help_text="Start year of the first reporting year covered (2015).")
    last_year = models.PositiveSmallIntegerField(help_text="Start year of the last reporting year covered (2017).")
    number = models.PositiveSmallIntegerField()
    title = models.TextField()

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "-first_year", "number"]
        verbose_name_plural = "strategic priorities"
        constraints = [
            models.UniqueConstraint(fields=["board", "plan_period", "number"], name="priority_number_unique_in_plan"),
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="priority_period_in_order",
                violation_error_message="The last year must not be before the first year.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def covers(self, year) -> bool:
        """Whether this priority applies in the given ``ReportingYear``."""
        return self.first_year <= year.start_year <= self.last_year


class KeyObjective(models.Model):
    """A key objective underpinning a strategic priority ("This will be achieved by: ...")."""

    priority = models.ForeignKey(StrategicPriority, on_delete=models.CASCADE, related_name="key_objectives")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()

    objects = BoardScopedManager("priority__board")

    class Meta:
        ordering = ["priority", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
