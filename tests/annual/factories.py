"""Factories for the annual report's records."""

from datetime import date

import factory
from django.utils import timezone

from partners.models import StrategicPriority
from reports.annual.models import (
    ComparatorValue,
    ContextFact,
    EngagementEvent,
    Indicator,
    IndicatorValue,
    NarrativeSection,
    PublishedReport,
)
from tests.partners.factories import BoardFactory
from wscb.periods import ReportingYear


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicPriority

    board = factory.SubFactory(BoardFactory)
    plan_period = "2015-18"
    first_year = 2015
    last_year = 2017
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority {n + 1}")


class ContextFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContextFact

    board = factory.SubFactory(BoardFactory)
    year_start = 2016
    kind = ContextFact.Kind.CHILD_POPULATION
    label = "Children and young people"
    value = 67900
    unit = "children"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    board = factory.SubFactory(BoardFactory)
    code = factory.Sequence(lambda n: f"indicator-{n}")
    order = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = Indicator.Unit.PERCENTAGE
    numerator_label = "Within timescales"
    denominator_label = "Reviews"
    polarity = Indicator.Polarity.HIGH_IS_GOOD


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year_start = 2016
    numerator = 134
    denominator = 146


class ComparatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComparatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year_start = 2016
    comparator = ComparatorValue.Comparator.ENGLAND
    value = "93.7"


class NarrativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NarrativeSection

    board = factory.SubFactory(BoardFactory)
    year_start = 2016
    kind = NarrativeSection.Kind.FOREWORD
    body = "The board made good progress."


class EngagementEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementEvent

    board = factory.SubFactory(BoardFactory)
    held_on = date(2016, 8, 3)
    year_start = factory.LazyAttribute(lambda event: ReportingYear.containing(event.held_on).start_year)
    audience = EngagementEvent.Audience.CHILDREN
    title = "Safe pitch"
    reach = 40


class PublishedReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublishedReport

    board = factory.SubFactory(BoardFactory)
    year_start = 2016
    number = factory.Sequence(lambda n: n + 1)
    html = "<!doctype html><title>Published</title><p>Frozen report</p>"
    pdf = b"%PDF-1.7 frozen"
    docx = b"PK frozen"
    page_count = 1
    published_at = factory.LazyFunction(timezone.now)
