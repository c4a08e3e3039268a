"""Indicator values are computed, never typed; rates use the year's child population."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from reports.annual.models import Indicator, compute_value
from reports.annual.reporting import direction_of_travel, indicator_tables, rag_against_england
from tests.annual.factories import ContextFactFactory, IndicatorFactory, IndicatorValueFactory

HIGH, LOW, NEITHER = Indicator.Polarity.HIGH_IS_GOOD, Indicator.Polarity.LOW_IS_GOOD, Indicator.Polarity.NEITHER


@pytest.mark.parametrize(
    ("unit", "numerator", "denominator", "expected"),
    [
        (Indicator.Unit.PERCENTAGE, 486, 1051, Decimal("46.2")),
        (Indicator.Unit.PERCENTAGE, 1, 8, Decimal("12.5")),
        (Indicator.Unit.PERCENTAGE, 1, 16, Decimal("6.3")),  # 6.25 rounds half up
        (Indicator.Unit.RATE, 468, 67_800, Decimal("69.0")),
        (Indicator.Unit.PERCENTAGE, 5, 0, None),
        (Indicator.Unit.RATE, 5, None, None),
    ],
)
def test_it_computes_the_value_to_one_place_rounding_half_up(unit, numerator, denominator, expected):
    assert compute_value(unit=unit, numerator=numerator, denominator=denominator) == expected


def test_a_rate_without_a_denominator_uses_the_years_child_population(board, year):
    ContextFactFactory(board=board, year_start=2016, value=50_000)
    indicator = IndicatorFactory(board=board, unit=Indicator.Unit.RATE, denominator_label="", polarity=LOW)
    IndicatorValueFactory(indicator=indicator, year_start=2016, numerator=250, denominator=None)
    (table,) = indicator_tables(board=board, year=year)
    assert table.denominators[-1] == 50_000
    assert table.latest == Decimal("50.0")


def test_a_rate_without_any_child_population_has_no_value(board, year):
    indicator = IndicatorFactory(board=board, unit=Indicator.Unit.RATE)
    IndicatorValueFactory(indicator=indicator, year_start=2016, numerator=250, denominator=None)
    (table,) = indicator_tables(board=board, year=year)
    assert table.latest is None


def test_a_percentage_needs_a_denominator_and_a_numerator_no_larger(board):
    indicator = IndicatorFactory(board=board)
    with pytest.raises(ValidationError) as missing:
        IndicatorValueFactory.build(indicator=indicator, numerator=5, denominator=None).full_clean()
    assert "denominator" in missing.value.message_dict
    with pytest.raises(ValidationError) as too_big:
        IndicatorValueFactory.build(indicator=indicator, numerator=9, denominator=5).full_clean()
    assert "numerator" in too_big.value.message_dict


@pytest.mark.parametrize(
    ("value", "england", "polarity", "expected"),
    [
        ("80.0", "76.7", HIGH, "Green"),
        ("75.0", "76.7", HIGH, "Amber"),
        ("70.0", "76.7", HIGH, "Red"),
        ("38.3", "43.1", LOW, "Green"),
        ("44.0", "43.1", LOW, "Amber"),
        ("65.8", "60.0", LOW, "Red"),
        ("65.8", "60.0", NEITHER, "Not rated"),
        ("65.8", None, LOW, "Not rated"),
    ],
)
def test_rag_against_england_respects_polarity(value, england, polarity, expected):
    rag, reason = rag_against_england(
        value=Decimal(value), england=Decimal(england) if england else None, polarity=polarity
    )
    assert rag == expected
    assert reason


@pytest.mark.parametrize(
    ("previous", "latest", "polarity", "expected"),
    [
        ("10.0", "12.0", HIGH, "Improving"),
        ("10.0", "12.0", LOW, "Worsening"),
        ("12.0", "10.0", LOW, "Improving"),
        ("12.0", "12.0", LOW, "No change"),
        ("12.0", "10.0", NEITHER, "Down"),
        (None, "10.0", HIGH, "Not known"),
    ],
)
def test_direction_of_travel_respects_polarity(previous, latest, polarity, expected):
    result = direction_of_travel(
        previous=Decimal(previous) if previous else None, latest=Decimal(latest), polarity=polarity
    )
    assert result == expected
