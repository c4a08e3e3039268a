"""The annual report's own records: context facts, priority activity, indicators with their
yearly figures and comparators, narrative sections, engagement events and published versions.

Years are stored as the start year of the ``ReportingYear`` (2016 for 2016/17).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from partners.models import Board, StrategicPriority
from wscb.periods import ReportingYear
from wscb.scoping import BoardScopedManager
from wscb.words import termed

ONE_PLACE = Decimal("0.1")


def year_label(start_year: int) -> str:
    return ReportingYear(start_year).label


class YearMixin(models.Model):
    year_start = models.PositiveSmallIntegerField(
        "reporting year", help_text="The year the reporting year starts in: 2016 for 2016/17."
    )

    class Meta:
        abstract = True

    @property
    def year(self) -> ReportingYear:
        return ReportingYear(self.year_start)

    @property
    def year_label(self) -> str:
        return year_label(self.year_start)


class ContextFact(YearMixin):
    """One fact about the area in a year (seed section 2), with its unit and source."""

    class Kind(models.TextChoices):
        TOTAL_POPULATION = "total_population", "Total population"
        CHILD_POPULATION = "child_population", "Children and young people (0-17)"
        LOOKED_AFTER = "looked_after", "Children looked after"
        CARE_LEAVERS = "care_leavers", "Young people who have left care"
        ADOPTIONS = "adoptions", "Children adopted"
        ETHNIC_MINORITY = "ethnic_minority", "From an ethnic background other than White British"
        FIRST_LANGUAGE = "first_language", "First language other than English"
        FREE_SCHOOL_MEALS = "free_school_meals", "School children eligible for free school meals"
        INFANT_MORTALITY = "infant_mortality", "Infant mortality"
        DEPRIVATION_RANK = "deprivation_rank", "Deprivation rank among local authorities in England"
        SCHOOLS = "schools", "Maintained schools"
        GP_PRACTICES = "gp_practices", "GP practices"
        OTHER = "other", "Other"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="context_facts")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    label = models.CharField(max_length=200, help_text="As the report shows it.")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=60, blank=True, help_text='e.g. "people", "%", "per 1,000 live births".')
    note = models.CharField(max_length=300, blank=True, help_text="Extra words shown after the value.")
    source = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "-year_start", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "year_start", "kind"],
                condition=~models.Q(kind="other"),
                name="context_fact_kind_once_a_year",
                violation_error_message="This fact is already recorded for the year.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year_label}: {self.label}"

    #: Units written straight after the number: "4.5%", "85th".
    UNITS_WITHOUT_SPACE = ("%", "st", "nd", "rd", "th")

    @property
    def number_display(self) -> str:
        """The value as a number ("67,900", "4.5"), with the unit only where it joins the number ("85th", "4.5%")."""
        value = self.value
        number = f"{int(value):,}" if value == value.to_integral() else f"{value.normalize():,f}"
        return f"{number}{self.unit}" if self.unit in self.UNITS_WITHOUT_SPACE else number

    @property
    def display_value(self) -> str:
        number = self.number_display
        return number if self.unit in self.UNITS_WITHOUT_SPACE else f"{number} {self.unit}".strip()


class PriorityActivity(YearMixin):
    """What the board did in a year against one strategic priority (seed section 4), Markdown."""

    priority = models.ForeignKey(StrategicPriority, on_delete=models.CASCADE, related_name="activities")
    text = models.TextField(help_text="Markdown: blank line between paragraphs, '- ' for a bullet.")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BoardScopedManager("priority__board")

    class Meta:
        ordering = ["priority", "-year_start"]
        verbose_name_plural = "priority activities"
        constraints = [models.UniqueConstraint(fields=["priority", "year_start"], name="priority_activity_once_a_year")]

    def __str__(self) -> str:
        return f"{self.year_label}: priority {self.priority.number}"


class Indicator(models.Model):
    """A performance indicator (seed section 6). Values are computed from numerator and denominator."""

    class Unit(models.TextChoices):
        PERCENTAGE = "percentage", "Percentage"
        RATE = "rate_per_10000", "Rate per 10,000 children"

    class Polarity(models.TextChoices):
        HIGH_IS_GOOD = "high", "High is good"
        LOW_IS_GOOD = "low", "Low is good"
        NEITHER = "neither", "Neither (context only)"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(
        max_length=60, help_text=termed("Used in spreadsheets, e.g. wscb-cpp-rate; unique in the board.")
    )
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    numerator_label = models.CharField(max_length=120)
    denominator_label = models.CharField(
        max_length=120, blank=True, help_text="For rates the denominator is the child population (0-17)."
    )
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.NEITHER)
    source = models.CharField(max_length=200, blank=True)
    priority = models.ForeignKey(
        StrategicPriority,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        help_text="The strategic priority this indicator evidences, if any.",
    )
    is_active = models.BooleanField(default=True)

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["board", "code"], name="indicator_code_unique_in_board")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_rate(self) -> bool:
        return self.unit == self.Unit.RATE

    @property
    def unit_suffix(self) -> str:
        return "%" if self.unit == self.Unit.PERCENTAGE else " per 10,000"


def compute_value(*, unit: str, numerator: int, denominator: int | None) -> Decimal | None:
    """The indicator value to one decimal place, rounded half up; None when it cannot be computed.

    Percentages: numerator / denominator x 100. Rates: numerator / child population x 10,000.
    """
    if denominator in (None, 0) or numerator is None:
        return None
    scale = 100 if unit == Indicator.Unit.PERCENTAGE else 10_000
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


class IndicatorValue(YearMixin):
    """The local figures for one indicator and year. The value is computed, never typed."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Required for percentages. For rates, leave blank to use the year's child population, "
        "or enter the population estimate the data publisher used.",
    )

    objects = BoardScopedManager("indicator__board")

    class Meta:
        ordering = ["indicator", "year_start"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year_start"], name="indicator_value_once_a_year")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.year_label}"

    def clean(self):
        super().clean()
        indicator = getattr(self, "indicator", None)
        if indicator is not None and indicator.unit == Indicator.Unit.PERCENTAGE:
            if not self.denominator:
                raise ValidationError({"denominator": "A percentage needs a denominator greater than zero."})
            if self.numerator is not None and self.numerator > self.denominator:
                raise ValidationError({"numerator": "The numerator cannot be larger than the denominator."})


class ComparatorValue(YearMixin):
    """A published comparator value for an indicator and year (statistical neighbours, North West, England)."""

    class Comparator(models.TextChoices):
        STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"
        NORTH_WEST = "north_west", "North West"
        ENGLAND = "england", "England"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparators")
    comparator = models.CharField(max_length=30, choices=Comparator.choices)
    value = models.DecimalField(max_digits=8, decimal_places=1)

    objects = BoardScopedManager("indicator__board")

    class Meta:
        ordering = ["indicator", "comparator", "year_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "comparator", "year_start"], name="comparator_value_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.get_comparator_display()} {self.year_label}"


class NarrativeSection(YearMixin):
    """Text business support writes for one part of a year's report, in Markdown."""

    class Kind(models.TextChoices):
        FOREWORD = "foreword", "Foreword"
        EXECUTIVE_SUMMARY = "executive_summary", "Executive summary and highlights"
        CONTEXT = "context", termed("Context: the area and the board's vision")
        GOVERNANCE = "governance", "Governance and accountability arrangements"
        STRATEGIC_OBJECTIVES = "strategic_objectives", "Strategic objectives: introduction"
        PERFORMANCE = "performance", "Performance: introduction"
        LADO = "lado", "Local Authority Designated Officer (LADO)"
        EARLY_HELP = "early_help", "Early help"
        CDOP = "cdop", "Child Death Overview Panel"
        CASE_REVIEWS = "case_reviews", "Serious case reviews and local learning reviews"
        ENGAGEMENT = "engagement", "Engagement"
        NEXT_YEAR = "next_year", "Towards next year"
        GOVERNANCE_KEY_ROLES = "governance_key_roles", "Governance: key roles"
        GOVERNANCE_ATTENDANCE = "governance_attendance", "Governance: attendance"
        TRAINING = "training", "Training: introduction and face-to-face courses"
        TRAINING_CANCELLATIONS = "training_cancellations", "Training: course cancellations"
        TRAINING_SCHOOLS = "training_schools", "Training: schools"
        TRAINING_ELEARNING = "training_elearning", "Training: e-learning"
        TRAINING_SUB_GROUP = "training_sub_group", "Training: the training sub-group"

    #: The ones the readiness check insists on (the rest are optional introductions).
    REQUIRED = (
        Kind.FOREWORD,
        Kind.EXECUTIVE_SUMMARY,
        Kind.LADO,
        Kind.EARLY_HELP,
        Kind.CDOP,
        Kind.CASE_REVIEWS,
        Kind.ENGAGEMENT,
        Kind.NEXT_YEAR,
    )

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="narratives")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    body = models.TextField(blank=True, help_text="Markdown. HTML is not allowed and is removed.")
    signed_by = models.CharField(max_length=200, blank=True, help_text="For the foreword: who signs it.")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "-year_start", "kind"]
        constraints = [models.UniqueConstraint(fields=["board", "year_start", "kind"], name="narrative_once_a_year")]

    def __str__(self) -> str:
        return f"{self.year_label}: {self.get_kind_display()}"


class EngagementEvent(YearMixin):
    """An engagement activity listed in section 8, counted in the reporting year ``year_start``.

    The date is as precise as it is known: a day, a month (``held_on`` is then the month's first day),
    or not recorded (``held_on`` blank). An event may be dated outside the year it is counted in
    (the reconciliation lists those).
    """

    class Audience(models.TextChoices):
        CHILDREN = "children", "Children and young people"
        PROFESSIONALS = "professionals", "Professionals"
        COMMUNITY = "community", "Community"

    class DatePrecision(models.TextChoices):
        DAY = "day", "The day is known"
        MONTH = "month", "Only the month is known"
        NOT_RECORDED = "not_recorded", "The date is not recorded"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="engagement_events")
    held_on = models.DateField("date", null=True, blank=True)
    date_precision = models.CharField(max_length=20, choices=DatePrecision.choices, default=DatePrecision.DAY)
    date_note = models.CharField(
        max_length=120,
        blank=True,
        help_text='Shown instead of a date when none is recorded, e.g. "throughout the year".',
    )
    audience = models.CharField(max_length=20, choices=Audience.choices)
    title = models.CharField(max_length=200)
    reach = models.PositiveIntegerField(null=True, blank=True, help_text="People reached, if known.")
    is_reach_minimum = models.BooleanField(
        "reach is a lower bound", default=False, help_text='Shown as "over N" (the count is at least N).'
    )
    description = models.TextField(blank=True)
    priority = models.ForeignKey(
        StrategicPriority, on_delete=models.SET_NULL, null=True, blank=True, related_name="engagement_events"
    )

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "year_start", models.F("held_on").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_precision="not_recorded", held_on__isnull=True)
                | (~models.Q(date_precision="not_recorded") & models.Q(held_on__isnull=False)),
                name="engagement_event_date_matches_precision",
                violation_error_message="Give the date (or the month), or say that the date is not recorded.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date_display} {self.title}"

    def clean(self):
        super().clean()
        if self.date_precision == self.DatePrecision.NOT_RECORDED:
            if self.held_on is not None:
                raise ValidationError({"held_on": "Leave the date blank when it is not recorded."})
        elif self.held_on is None:
            raise ValidationError({"held_on": "Give the date, or choose that it is not recorded."})
        if self.date_precision == self.DatePrecision.MONTH and self.held_on is not None:
            self.held_on = self.held_on.replace(day=1)
        if self.year_start is None and self.held_on is not None:
            self.year_start = ReportingYear.containing(self.held_on).start_year

    @property
    def date_display(self) -> str:
        """ "16/03/2017", "March 2017", or the note (else "date not recorded")."""
        if self.held_on is None:
            return self.date_note or "Date not recorded"
        if self.date_precision == self.DatePrecision.MONTH:
            return f"{self.held_on:%B %Y}"
        return f"{self.held_on:%d/%m/%Y}"

    @property
    def reach_display(self) -> str:
        if self.reach is None:
            return ""
        return f"over {self.reach:,}" if self.is_reach_minimum else f"{self.reach:,}"

    @property
    def is_dated_outside_its_year(self) -> bool:
        """Dated (day or month) outside the reporting year it is counted in."""
        return self.held_on is not None and ReportingYear.containing(self.held_on).start_year != self.year_start


class PublishedReport(YearMixin):
    """A frozen, numbered version of a year's report: later data changes do not alter it."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="published_reports")
    number = models.PositiveIntegerField("version")
    html = models.TextField()
    pdf = models.BinaryField()
    docx = models.BinaryField()
    page_count = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reissued_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When retention last removed text from the stored files (reports/annual/redaction.py).",
    )

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "-year_start", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["board", "year_start", "number"], name="published_report_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.board.short_name} annual report {self.year_label}, version {self.number}"

    def file_stem(self) -> str:
        return (
            f"{self.board.short_name}-annual-report-{self.year_start}-{(self.year_start + 1) % 100:02d}-v{self.number}"
        )


class ReportConfiguration(YearMixin):
    """How business support sets up one year's report: its section numbers, whether the portal's own
    analysis is printed, and which reconciliation checks appear in the report.

    ``section_numbers`` maps a section key to the number printed before its title ("" for none);
    when it is empty the sections are numbered 1, 2, ... in order (sub-sections 5.1, 5.2).
    ``hidden_checks`` names the reconciliation checks whose findings stay off the report (they still
    show on the readiness page).
    """

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="report_configurations")
    section_numbers = models.JSONField(default=dict, blank=True)
    include_analysis = models.BooleanField(
        "include the portal's analysis",
        default=False,
        help_text="Attendance thresholds, quorum, direction of travel and ratings against England, each "
        "labelled as the portal's analysis. Off: the published report prints only the records and the text.",
    )
    hidden_checks = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "-year_start"]
        constraints = [models.UniqueConstraint(fields=["board", "year_start"], name="report_configuration_once_a_year")]

    def __str__(self) -> str:
        return f"{self.board.short_name} report settings {self.year_label}"


#: The report's sections (key, title), in order; ``reports.annual.sections.PROVIDERS`` has the same keys
#: (a test keeps the two in step).
SECTION_CHOICES = [
    ("foreword", "Foreword"),
    ("executive_summary", "Executive summary"),
    ("context", "Context"),
    ("governance", "Governance and accountability arrangements"),
    ("strategic_objectives", "Strategic objectives"),
    ("performance", "Performance update on strategic objectives"),
    ("lado", "Local Authority Designated Officer (LADO)"),
    ("early_help", "Early help"),
    ("cdop", "Child Death Overview Panel"),
    ("case_reviews", "Serious case reviews and local learning reviews"),
    ("training", "Training and development"),
    ("engagement", "Engagement"),
    ("finance", "Financial report"),
    ("partner_updates", "Partner updates"),
    ("next_year", "Towards next year"),
    ("membership", "Membership"),
]


class TextFigure(YearMixin):
    """A figure the report's text states (typed in a narrative or a partner's words), kept so that the
    reconciliation can check it: against a figure the portal computes or holds ("equals"), or, for a
    percentage, against the parts it is worked out from ("share of", "change from").

    ``figure`` and ``base`` each hold a figure name from the list beside the narrative editor (for
    example ``training.stated.attended``) or a number as the text gives it.
    """

    class Comparison(models.TextChoices):
        EQUALS = "equals", "Equals the figure"
        SHARE = "share", "Is the figure as a percentage of the base"
        CHANGE = "change", "Is the percentage change from the base to the figure"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="text_figures")
    section = models.CharField(
        max_length=40, choices=SECTION_CHOICES, help_text="The report section whose text states it."
    )
    label = models.CharField(max_length=200, help_text='What it counts, e.g. "Annual conference delegates".')
    quote = models.CharField(max_length=300, help_text="The words as the text has them.")
    value = models.DecimalField(max_digits=14, decimal_places=2, help_text="The number stated (a percentage as 40).")
    comparison = models.CharField(max_length=10, choices=Comparison.choices, default=Comparison.EQUALS)
    figure = models.CharField(max_length=120)
    base = models.CharField(max_length=120, blank=True, help_text="For a percentage: the whole, or the earlier value.")
    note = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "-year_start", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.year_label}: {self.label}"

    def clean(self):
        super().clean()
        if self.comparison != self.Comparison.EQUALS and not self.base:
            raise ValidationError({"base": "A percentage needs the base it is worked out from."})


class DraftFile(YearMixin):
    """A draft's PDF or Word file, laid out once for one state of the records and kept until they change.

    ``state_key`` is ``reports.annual.drafts.draft_state_key`` of the records the file was made from: a
    download whose current key matches is served from here at once; any other key means the records (or
    the layout code) changed, and a new layout is queued. One file per board, year and format.
    """

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="draft_files")
    fmt = models.CharField("format", max_length=4, choices=Format.choices)
    state_key = models.CharField(max_length=64)
    content = models.BinaryField()
    page_count = models.PositiveIntegerField(null=True, blank=True)
    made_at = models.DateTimeField()

    objects = BoardScopedManager("board")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "year_start", "fmt"], name="one_draft_file_per_board_year_format")
        ]

    def __str__(self) -> str:
        return f"{self.board.short_name} draft {self.year_label} {self.get_fmt_display()}"
