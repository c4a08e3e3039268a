"""Writes to finance records. Edits are guarded by a version number (optimistic locking)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from finance.models import (
    ZERO,
    Contribution,
    ExpenditureCategory,
    ExpenditureLine,
    FinanceYear,
    IncomeLine,
    StatedFigure,
)
from partners.models import Board, Partner
from wscb.data.versions import EditConflict, insert_unique, versioned_update
from wscb.periods import ReportingYear


def _versioned_update(instance, *, version: int, by, fields: dict):
    """UPDATE ... WHERE pk = ? AND version = ?; a stale version raises ``EditConflict`` carrying the
    record as stored now (``current``), so the editor can show what the other person saved."""
    model = type(instance)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean(exclude=["version", "updated_by"])
    versioned_update(
        model.objects.filter(pk=instance.pk),
        version=version,
        conflict=lambda: EditConflict(current=model.objects.select_related("updated_by").get(pk=instance.pk)),
        **fields,
        updated_by=by,
        updated_at=timezone.now(),
    )
    instance.refresh_from_db()
    return instance


def _create(model, *, by, **fields):
    instance = model(**fields, updated_by=by)
    instance.full_clean()
    return insert_unique(instance)


def finance_year_open(*, board: Board, year: ReportingYear, opening_reserves: Decimal | None = None) -> FinanceYear:
    """The board's finance year for ``year``, created if needed."""
    finance_year, created = FinanceYear.objects.get_or_create(
        board=board, start_year=year.start_year, defaults={"opening_reserves": opening_reserves}
    )
    if not created and opening_reserves is not None and finance_year.opening_reserves != opening_reserves:
        finance_year.opening_reserves = opening_reserves
        finance_year.save(update_fields=["opening_reserves"])
    return finance_year


def category_create(*, board: Board, name: str, order: int | None = None) -> ExpenditureCategory:
    if order is None:
        last = ExpenditureCategory.objects.filter(board=board).order_by("-order").values_list("order", flat=True)
        order = (last.first() or 0) + 1
    category = ExpenditureCategory(board=board, name=name, order=order)
    category.full_clean()
    category.save()
    return category


def expenditure_line_create(*, finance_year: FinanceYear, by, **fields) -> ExpenditureLine:
    """Record an actual or budget expenditure line (amount in pounds, ``Decimal``)."""
    return _create(ExpenditureLine, finance_year=finance_year, by=by, **fields)


def expenditure_line_update(*, line: ExpenditureLine, version: int, by, **fields) -> ExpenditureLine:
    return _versioned_update(line, version=version, by=by, fields=fields)


def expenditure_line_delete(*, line: ExpenditureLine, by) -> None:
    line.delete()


def contribution_create(*, finance_year: FinanceYear, by, **fields) -> Contribution:
    """One agency's contribution for the year; a second one for the same agency and year (someone
    else added it at the same moment) is a ``ValidationError`` on ``partner``."""
    try:
        return _create(Contribution, finance_year=finance_year, by=by, **fields)
    except ValidationError as error:
        if Contribution.objects.filter(finance_year=finance_year, partner=fields.get("partner")).exists():
            raise ValidationError(
                {"partner": f"{fields['partner']} already has a contribution for {finance_year.label}."}
            ) from error
        raise


def contribution_update(*, contribution: Contribution, version: int, by, **fields) -> Contribution:
    return _versioned_update(contribution, version=version, by=by, fields=fields)


def contribution_delete(*, contribution: Contribution, by) -> None:
    contribution.delete()


def income_line_create(*, finance_year: FinanceYear, by, **fields) -> IncomeLine:
    return _create(IncomeLine, finance_year=finance_year, by=by, **fields)


def income_line_update(*, line: IncomeLine, version: int, by, **fields) -> IncomeLine:
    return _versioned_update(line, version=version, by=by, fields=fields)


def income_line_delete(*, line: IncomeLine, by) -> None:
    line.delete()


@transaction.atomic
def training_income_replace(
    *,
    finance_year: FinanceYear,
    charges: Iterable[tuple[Partner | None, Decimal]],
    by=None,
    description: str = "Training charges",
) -> list[IncomeLine]:
    """Replace the year's training income with one line per agency from ``(agency, amount)`` pairs.

    The entry point for training charges: the caller (e.g. the reports app, from the training
    app's charges) passes plain pairs; ``None`` as the agency means "not attributed". Amounts
    for the same agency are added together. Other income and contributions are not touched.
    """
    totals: dict[Partner | None, Decimal] = defaultdict(lambda: ZERO)
    for agency, amount in charges:
        totals[agency] += Decimal(amount)
    IncomeLine.objects.filter(finance_year=finance_year, kind=IncomeLine.Kind.TRAINING).delete()
    return [
        _create(
            IncomeLine,
            finance_year=finance_year,
            by=by,
            kind=IncomeLine.Kind.TRAINING,
            partner=agency,
            description=description,
            amount=amount,
        )
        for agency, amount in sorted(totals.items(), key=lambda item: item[0].name if item[0] else "")
        if amount
    ]


def stated_figure_set(*, finance_year: FinanceYear, figure: str, amount: Decimal, source: str = "") -> StatedFigure:
    """Record a total as stated elsewhere, so the statement shows it beside the computed value."""
    stated, _ = StatedFigure.objects.update_or_create(
        finance_year=finance_year, figure=figure, defaults={"amount": amount, "source": source}
    )
    return stated
