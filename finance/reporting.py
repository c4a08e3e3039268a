"""Finance reporting: the section 9 statement, budget against actual, contribution status.

Pure query functions taking a board and ``ReportingYear``s and returning dataclasses. Every
amount is an exact ``Decimal`` in pounds and pence: nothing here rounds (templates show whole
pounds). Each function runs a fixed number of queries whatever the number of lines or years.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from finance.models import (
    ZERO,
    Contribution,
    ExpenditureCategory,
    ExpenditureLine,
    FinanceYear,
    IncomeLine,
    StatedFigure,
)
from partners.models import Board
from wscb.data.batching import fetch
from wscb.periods import ReportingYear

Figure = StatedFigure.Figure


def default_years(end: ReportingYear | None = None, count: int = 3) -> tuple[ReportingYear, ...]:
    """``count`` consecutive years ending with ``end`` (default: the current reporting year)."""
    end = end or ReportingYear.current()
    return tuple(ReportingYear(end.start_year - offset) for offset in range(count - 1, -1, -1))


@dataclass(frozen=True)
class StatementRow:
    label: str
    amounts: tuple[Decimal, ...]

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, ZERO)


@dataclass(frozen=True)
class Reconciliation:
    """A stated figure beside the value the portal computes from the lines."""

    year: ReportingYear
    figure: str
    label: str
    stated: Decimal
    computed: Decimal | None
    source: str = ""

    @property
    def difference(self) -> Decimal | None:
        """Stated minus computed (positive: the stated figure is higher)."""
        return None if self.computed is None else self.stated - self.computed

    @property
    def agrees(self) -> bool:
        return self.difference == ZERO


@dataclass(frozen=True)
class FinanceStatement:
    """Section 9 of the annual report for a run of consecutive years (oldest first).

    Income is the contributions agreed for each year, plus training and other income lines;
    expenditure is the actual (not budget) lines. Transfer to reserves = income - expenditure.
    Reserves roll forward from the opening balance of the first year held; for years before
    that the reserves are ``None``.
    """

    board: Board
    years: tuple[ReportingYear, ...]
    expenditure: tuple[StatementRow, ...]
    total_expenditure: tuple[Decimal, ...]
    contributions: tuple[StatementRow, ...]
    training_income: tuple[Decimal, ...]
    other_income: tuple[Decimal, ...]
    total_income: tuple[Decimal, ...]
    transfer_to_reserves: tuple[Decimal, ...]
    opening_reserves: tuple[Decimal | None, ...]
    closing_reserves: tuple[Decimal | None, ...]
    reconciliations: tuple[Reconciliation, ...] = field(default=())
    years_held: frozenset[int] = field(default=frozenset())

    @property
    def income(self) -> tuple[StatementRow, ...]:
        """Income rows as the seed prints them: contributions, then training and other income."""
        rows = list(self.contributions)
        rows.append(StatementRow("Training Income", self.training_income))
        if any(self.other_income):
            rows.append(StatementRow("Other Income", self.other_income))
        return tuple(rows)

    @property
    def differences(self) -> tuple[Reconciliation, ...]:
        return tuple(item for item in self.reconciliations if not item.agrees)

    def computed(self, figure: str, year: ReportingYear) -> Decimal | None:
        index = self.years.index(year)
        return {
            Figure.TOTAL_EXPENDITURE: self.total_expenditure,
            Figure.TOTAL_INCOME: self.total_income,
            Figure.TRANSFER_TO_RESERVES: self.transfer_to_reserves,
            Figure.OPENING_RESERVES: self.opening_reserves,
            Figure.CLOSING_RESERVES: self.closing_reserves,
        }[figure][index]


def finance_statement(*, board: Board, years: Sequence[ReportingYear] | None = None) -> FinanceStatement:
    """The statement for ``years`` (default: the current reporting year and the two before it).

    One query (a batch) whatever the number of years, lines or partners.
    """
    years = tuple(sorted(years or default_years()))
    first, last = years[0].start_year, years[-1].start_year
    wanted = {year.start_year for year in years}

    rows = fetch(
        held=FinanceYear.objects.filter(board=board, start_year__lte=last)
        .order_by("start_year")
        .values_list("start_year", "opening_reserves"),
        spent=ExpenditureLine.objects.filter(
            finance_year__board=board, finance_year__start_year__lte=last, kind=ExpenditureLine.Kind.ACTUAL
        )
        .values("finance_year__start_year", "category_id")
        .annotate(total=Sum("amount"))
        .order_by(),
        agreed=Contribution.objects.filter(finance_year__board=board, finance_year__start_year__lte=last)
        .values("finance_year__start_year", "partner__name")
        .annotate(total=Sum("amount_agreed"))
        .order_by(),
        other=IncomeLine.objects.filter(finance_year__board=board, finance_year__start_year__lte=last)
        .values("finance_year__start_year", "kind")
        .annotate(total=Sum("amount"))
        .order_by(),
        categories=ExpenditureCategory.objects.filter(board=board).order_by("order", "name"),
        stated=StatedFigure.objects.filter(
            finance_year__board=board, finance_year__start_year__gte=first, finance_year__start_year__lte=last
        ).values_list("finance_year__start_year", "figure", "amount", "source"),
    )
    held = rows["held"]
    spent: dict[tuple[int, int], Decimal] = {}
    spent_by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in rows["spent"]:
        spent[(row["finance_year__start_year"], row["category_id"])] = row["total"]
        spent_by_year[row["finance_year__start_year"]] += row["total"]

    agreed: dict[tuple[int, str], Decimal] = {}
    income_by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in rows["agreed"]:
        agreed[(row["finance_year__start_year"], row["partner__name"])] = row["total"]
        income_by_year[row["finance_year__start_year"]] += row["total"]

    other: dict[tuple[int, str], Decimal] = {}
    for row in rows["other"]:
        other[(row["finance_year__start_year"], row["kind"])] = row["total"]
        income_by_year[row["finance_year__start_year"]] += row["total"]

    categories = rows["categories"]
    category_rows = tuple(
        StatementRow(category.name, tuple(spent.get((year, category.pk), ZERO) for year in sorted(wanted)))
        for category in categories
        if category.is_active or any((year, category.pk) in spent for year in wanted)
    )
    partner_names = sorted({name for (year, name) in agreed if year in wanted})
    contribution_rows = tuple(
        StatementRow(name, tuple(agreed.get((year, name), ZERO) for year in sorted(wanted))) for name in partner_names
    )

    # Reserves roll forward from the first year held, through every year up to the last asked for.
    opening_by_year: dict[int, Decimal] = {}
    closing_by_year: dict[int, Decimal] = {}
    if held:
        balance = held[0][1] or ZERO
        for year in range(held[0][0], last + 1):
            opening_by_year[year] = balance
            balance = balance + income_by_year[year] - spent_by_year[year]
            closing_by_year[year] = balance

    ordered = sorted(wanted)
    statement = FinanceStatement(
        board=board,
        years=years,
        expenditure=category_rows,
        total_expenditure=tuple(spent_by_year[year] for year in ordered),
        contributions=contribution_rows,
        training_income=tuple(other.get((year, IncomeLine.Kind.TRAINING), ZERO) for year in ordered),
        other_income=tuple(other.get((year, IncomeLine.Kind.OTHER), ZERO) for year in ordered),
        total_income=tuple(income_by_year[year] for year in ordered),
        transfer_to_reserves=tuple(income_by_year[year] - spent_by_year[year] for year in ordered),
        opening_reserves=tuple(opening_by_year.get(year) for year in ordered),
        closing_reserves=tuple(closing_by_year.get(year) for year in ordered),
        years_held=frozenset(start for start, _ in held if first <= start <= last),
    )
    stated = rows["stated"]
    labels = dict(Figure.choices)
    order = list(Figure.values)
    reconciliations = sorted(
        (
            Reconciliation(
                year=ReportingYear(start),
                figure=figure,
                label=labels[figure],
                stated=amount,
                computed=statement.computed(figure, ReportingYear(start)),
                source=source,
            )
            for start, figure, amount, source in stated
        ),
        key=lambda item: (item.year, order.index(item.figure)),
    )
    return FinanceStatement(**{**statement.__dict__, "reconciliations": tuple(reconciliations)})


@dataclass(frozen=True)
class BudgetRow:
    category: str
    budget: Decimal
    actual: Decimal

    @property
    def variance(self) -> Decimal:
        """Budget minus actual: positive is an underspend, negative an overspend."""
        return self.budget - self.actual


@dataclass(frozen=True)
class BudgetAgainstActual:
    year: ReportingYear
    rows: tuple[BudgetRow, ...]

    @property
    def has_budget(self) -> bool:
        return any(row.budget for row in self.rows)

    @property
    def total(self) -> BudgetRow:
        return BudgetRow(
            "Total expenditure",
            sum((row.budget for row in self.rows), ZERO),
            sum((row.actual for row in self.rows), ZERO),
        )


def budget_against_actual(*, board: Board, year: ReportingYear) -> BudgetAgainstActual:
    """Budget and actual expenditure per category for one year, with the variance. Two queries."""
    totals: dict[tuple[int, str], Decimal] = {
        (row["category_id"], row["kind"]): row["total"]
        for row in ExpenditureLine.objects.filter(finance_year__board=board, finance_year__start_year=year.start_year)
        .values("category_id", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    rows = tuple(
        BudgetRow(
            category.name,
            totals.get((category.pk, ExpenditureLine.Kind.BUDGET), ZERO),
            totals.get((category.pk, ExpenditureLine.Kind.ACTUAL), ZERO),
        )
        for category in ExpenditureCategory.objects.filter(board=board).order_by("order", "name")
        if category.is_active or any(key[0] == category.pk for key in totals)
    )
    return BudgetAgainstActual(year=year, rows=rows)


@dataclass(frozen=True)
class ContributionStatusRow:
    pk: int
    year: ReportingYear
    partner: str
    partner_id: int
    agreed: Decimal
    invoiced: Decimal
    received: Decimal
    invoice_reference: str
    status: str

    @property
    def outstanding(self) -> Decimal:
        return max(self.agreed - self.received, ZERO)


@dataclass(frozen=True)
class ContributionStatus:
    rows: tuple[ContributionStatusRow, ...]

    @property
    def agreed(self) -> Decimal:
        return sum((row.agreed for row in self.rows), ZERO)

    @property
    def invoiced(self) -> Decimal:
        return sum((row.invoiced for row in self.rows), ZERO)

    @property
    def received(self) -> Decimal:
        return sum((row.received for row in self.rows), ZERO)

    @property
    def outstanding(self) -> Decimal:
        return sum((row.outstanding for row in self.rows), ZERO)


def contribution_status(contributions) -> ContributionStatus:
    """Agreed, invoiced, received and outstanding per contribution, from an already scoped queryset.

    One query. Callers scope the queryset (``finance.selectors.contribution_list``) so that a
    partner lead's status holds only their own agency's rows.
    """
    rows = tuple(
        ContributionStatusRow(
            pk=item.pk,
            year=item.finance_year.year,
            partner=item.partner.name,
            partner_id=item.partner_id,
            agreed=item.amount_agreed,
            invoiced=item.amount_invoiced,
            received=item.amount_received,
            invoice_reference=item.invoice_reference,
            status=item.status,
        )
        for item in contributions.select_related("finance_year", "partner")
    )
    return ContributionStatus(rows=rows)
