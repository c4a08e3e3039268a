"""Finance per board and financial year: expenditure, partner contributions, other income, reserves.

Every amount is a ``Decimal`` in pounds with pence (two decimal places); totals are computed in
``finance/reporting.py`` and rounded to whole pounds only when shown.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from partners.models import Board, Partner
from wscb.periods import ReportingYear
from wscb.scoping import BoardScopedManager

MONEY = {"max_digits": 12, "decimal_places": 2}
ZERO = Decimal("0.00")


class ExpenditureCategory(models.Model):
    """A heading of the expenditure table (seed: Salaries and Expenses, Professional Fees, ...)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="expenditure_categories")
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in the statement, smallest first.")
    is_active = models.BooleanField(default=True, help_text="Inactive categories are kept for past years only.")

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "order", "name"]
        verbose_name_plural = "expenditure categories"
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="expenditure_category_unique_in_board"),
        ]

    def __str__(self) -> str:
        return self.name


class FinanceYear(models.Model):
    """One board's finances for one financial year (= reporting year, 1 April - 31 March).

    The reserves opening balance is entered only for the first year the portal holds; every
    later year's opening balance is the previous year's computed closing balance.
    """

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="finance_years")
    start_year = models.PositiveSmallIntegerField(
        help_text="Calendar year in which the financial year starts on 1 April (2016 for 2016/17)."
    )
    opening_reserves = models.DecimalField(
        "reserves opening balance",
        null=True,
        blank=True,
        help_text="Only for the first year held: the reserves position brought forward from the year before.",
        **MONEY,
    )
    notes = models.TextField(blank=True)

    objects = BoardScopedManager("board")

    class Meta:
        ordering = ["board", "start_year"]
        constraints = [
            models.UniqueConstraint(fields=["board", "start_year"], name="finance_year_unique_in_board"),
        ]

    def __str__(self) -> str:
        return f"{self.board.short_name} {self.label}"

    @property
    def year(self) -> ReportingYear:
        return ReportingYear(self.start_year)

    @property
    def label(self) -> str:
        return self.year.label


class VersionedLine(models.Model):
    """A finance line edited through a form: ``version`` guards against lost updates."""

    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        abstract = True


class ExpenditureLine(VersionedLine):
    """Money spent (actual) or planned (budget) under one category in one financial year."""

    class Kind(models.TextChoices):
        ACTUAL = "actual", "Actual"
        BUDGET = "budget", "Budget"

    finance_year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="expenditure_lines")
    category = models.ForeignKey(ExpenditureCategory, on_delete=models.PROTECT, related_name="lines")
    kind = models.CharField("actual or budget", max_length=10, choices=Kind.choices, default=Kind.ACTUAL)
    amount = models.DecimalField(validators=[MinValueValidator(ZERO)], **MONEY)
    description = models.CharField(max_length=200, blank=True)
    spent_on = models.DateField("date", null=True, blank=True)
    supplier_reference = models.CharField(max_length=100, blank=True)

    objects = BoardScopedManager("finance_year__board")

    class Meta:
        ordering = ["finance_year", "category__order", "category__name", "kind", "spent_on", "pk"]
        indexes = [models.Index(fields=["finance_year", "kind", "category"], name="expenditure_year_kind")]

    def __str__(self) -> str:
        return f"{self.category} {self.get_kind_display().lower()} {self.amount}"


class Contribution(VersionedLine):
    """A partner agency's contribution for a financial year: agreed, invoiced and received."""

    finance_year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="contributions")
    partner = models.ForeignKey(
        Partner, verbose_name="partner agency", on_delete=models.PROTECT, related_name="contributions"
    )
    amount_agreed = models.DecimalField(validators=[MinValueValidator(ZERO)], **MONEY)
    amount_invoiced = models.DecimalField(default=ZERO, validators=[MinValueValidator(ZERO)], **MONEY)
    amount_received = models.DecimalField(default=ZERO, validators=[MinValueValidator(ZERO)], **MONEY)
    invoiced_on = models.DateField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    invoice_reference = models.CharField(max_length=60, blank=True)

    objects = BoardScopedManager("finance_year__board")

    class Meta:
        ordering = ["finance_year", "partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["finance_year", "partner"], name="contribution_unique_per_partner_year"),
        ]

    def __str__(self) -> str:
        return f"{self.partner} {self.finance_year.label}"

    def clean(self):
        """The rules of one contribution, for the form and the spreadsheet import alike."""
        errors = {}
        if self.amount_received and not self.received_on:
            errors["received_on"] = "Enter the date the money was received."
        if self.amount_invoiced and self.amount_agreed is not None and self.amount_invoiced > self.amount_agreed:
            errors["amount_invoiced"] = "The amount invoiced cannot be more than the amount agreed."
        if errors:
            raise ValidationError(errors)

    @property
    def amount_outstanding(self) -> Decimal:
        """Agreed but not yet received (never negative: an overpayment is not 'outstanding')."""
        return max(self.amount_agreed - self.amount_received, ZERO)

    @property
    def status(self) -> str:
        if self.amount_received >= self.amount_agreed:
            return "Received"
        if self.amount_received > ZERO:
            return "Part received"
        if self.amount_invoiced > ZERO:
            return "Invoiced"
        return "Agreed"


class IncomeLine(VersionedLine):
    """Income other than partner contributions: training charges, or other income (grants, ...)."""

    class Kind(models.TextChoices):
        TRAINING = "training", "Training income"
        OTHER = "other", "Other income"

    finance_year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="income_lines")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="income_lines",
        help_text="The agency that paid, where known.",
    )
    description = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(validators=[MinValueValidator(ZERO)], **MONEY)
    received_on = models.DateField(null=True, blank=True)

    objects = BoardScopedManager("finance_year__board")

    class Meta:
        ordering = ["finance_year", "kind", "partner__name", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


class StatedFigure(models.Model):
    """A total as published elsewhere (e.g. copied from last year's report), kept to reconcile."""

    class Figure(models.TextChoices):
        TOTAL_EXPENDITURE = "total_expenditure", "Total expenditure"
        TOTAL_INCOME = "total_income", "Total income"
        TRANSFER_TO_RESERVES = "transfer_to_reserves", "Transfer to reserves"
        OPENING_RESERVES = "opening_reserves", "Reserves brought forward"
        CLOSING_RESERVES = "closing_reserves", "Total income in reserve"

    finance_year = models.ForeignKey(FinanceYear, on_delete=models.CASCADE, related_name="stated_figures")
    figure = models.CharField(max_length=30, choices=Figure.choices)
    amount = models.DecimalField(**MONEY)
    source = models.CharField(max_length=200, blank=True, help_text="Where the figure was stated.")

    objects = BoardScopedManager("finance_year__board")

    class Meta:
        ordering = ["finance_year", "figure"]
        constraints = [
            models.UniqueConstraint(fields=["finance_year", "figure"], name="stated_figure_unique_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.get_figure_display()} {self.finance_year.label}: {self.amount}"
