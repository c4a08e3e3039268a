"""Factories for finance years, categories and lines."""

from decimal import Decimal

import factory

from finance.models import Contribution, ExpenditureCategory, ExpenditureLine, FinanceYear, IncomeLine, StatedFigure
from tests.partners.factories import BoardFactory, PartnerFactory


class FinanceYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinanceYear
        django_get_or_create = ("board", "start_year")

    board = factory.SubFactory(BoardFactory)
    start_year = 2016


class ExpenditureCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpenditureCategory
        django_get_or_create = ("board", "name")

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Category {n}")
    order = factory.Sequence(lambda n: n)


class ExpenditureLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpenditureLine

    finance_year = factory.SubFactory(FinanceYearFactory)
    category = factory.SubFactory(ExpenditureCategoryFactory, board=factory.SelfAttribute("..finance_year.board"))
    kind = ExpenditureLine.Kind.ACTUAL
    amount = Decimal("1000.00")
    description = "Line"


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    finance_year = factory.SubFactory(FinanceYearFactory)
    partner = factory.SubFactory(PartnerFactory)
    amount_agreed = Decimal("5000.00")


class IncomeLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomeLine

    finance_year = factory.SubFactory(FinanceYearFactory)
    kind = IncomeLine.Kind.OTHER
    amount = Decimal("100.00")


class StatedFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatedFigure

    finance_year = factory.SubFactory(FinanceYearFactory)
    figure = StatedFigure.Figure.TOTAL_INCOME
    amount = Decimal("0")
