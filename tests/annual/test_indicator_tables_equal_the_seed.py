"""The section 6 tables computed from the demo's numerators and denominators equal the seed's values."""

from decimal import Decimal

import pytest

from reports.annual.reporting import indicator_tables

# Values typed from the seed report (section 6), 2013/14 to 2016/17.
SEED_LOCAL_VALUES = {
    "wscb-s47-to-icpc": ("68.6", "59.9", "48.4", "46.2"),
    "wscb-icpc-rate": ("58.7", "76.1", "80.7", "69.0"),
    "wscb-icpc-15-days": ("94.5", "95.3", "91.6", "85.7"),
    "wscb-cpp-rate": ("31.4", "46.8", "40.0", "38.3"),
    "wscb-cpp-second-time": ("10.8", "20.9", "22.8", "18.6"),
    "wscb-cpp-within-2-years": ("5.5", "12.7", "12.7", "9.5"),
    "wscb-cpp-ceased-3-months": ("33.1", "27.3", "29.4", "25.7"),
    "wscb-cpp-reviews-timely": ("96.4", "98.5", "94.3", "91.8"),
    "wscb-lac-rate": ("73.3", "74.3", "71.2", "65.8"),
    "wscb-lac-reviews-timely": ("94.7", "92.6", "94.8", "93.2"),
    "wscb-lac-consulted-by-iro": ("6.4", "36.3", "50.9", "55.8"),
    "wscb-lac-social-worker-attended": ("14.1", "90.4", "92.4", "88.4"),
    "wscb-lac-care-plan": ("9.1", "83.7", "88.3", "86.3"),
}
SEED_ENGLAND = {
    "wscb-icpc-rate": ("56.8", "61.6", "62.6", "62.6"),
    "wscb-cpp-rate": ("42.1", "42.9", "43.1", "43.1"),
    "wscb-lac-rate": ("60.0", "60.0", "60.0", "60.0"),
    "wscb-cpp-reviews-timely": ("94.6", "94.0", "93.7", "93.7"),
}


@pytest.fixture
def tables(seeded_board, year):
    return {table.indicator.code: table for table in indicator_tables(board=seeded_board, year=year)}


def test_every_seed_indicator_is_in_the_demo_in_the_seeds_order(tables):
    assert list(tables) == list(SEED_LOCAL_VALUES)


@pytest.mark.parametrize("code", SEED_LOCAL_VALUES)
def test_the_computed_values_equal_the_seeds_table(tables, code):
    assert tables[code].values == [Decimal(value) for value in SEED_LOCAL_VALUES[code]]
    assert tables[code].labels == ["2013/14", "2014/15", "2015/16", "2016/17"]


@pytest.mark.parametrize("code", SEED_ENGLAND)
def test_the_england_comparators_equal_the_seeds_table(tables, code):
    england = dict(tables[code].comparators)["England"]
    assert england == [Decimal(value) for value in SEED_ENGLAND[code]]


def test_rates_per_10000_come_from_the_numerator_and_the_child_population(tables):
    lac = tables["wscb-lac-rate"]
    assert lac.numerators == [497, 504, 483, 446]
    assert lac.denominators == [67_800] * 4
    assert lac.latest == Decimal("65.8")  # 446 / 67,800 x 10,000 = 65.78


def test_direction_respects_polarity_and_no_indicator_is_rated_against_a_repeated_england_value(tables):
    # Children looked after per 10,000: low is good, 65.8 down from 71.2.
    assert tables["wscb-lac-rate"].direction == "Improving"
    # CP plans reviewed in time: high is good, 91.8 down from 94.3.
    assert tables["wscb-cpp-reviews-timely"].direction == "Worsening"
    # Every England value of 2016/17 in the seed repeats 2015/16's (60.0, 93.7, 43.1 ...), so nothing is
    # rated against it: a rating against last year's figure carried forward would be the portal's invention.
    rated = {code: table.rag for code, table in tables.items() if table.indicator.polarity != "neither"}
    assert set(rated.values()) == {"Not rated"}
    assert "may not have been updated" in tables["wscb-lac-rate"].rag_reason
    # Neither direction is better: not rated, direction up or down.
    assert tables["wscb-s47-to-icpc"].rag == "Not rated"
    assert tables["wscb-s47-to-icpc"].direction == "Down"


def test_only_the_seeds_own_high_and_low_labels_give_an_indicator_a_preferred_direction(tables):
    preferred = {
        code: table.indicator.polarity for code, table in tables.items() if table.indicator.polarity != "neither"
    }
    assert preferred == {
        "wscb-cpp-rate": "low",
        "wscb-cpp-within-2-years": "low",
        "wscb-cpp-reviews-timely": "high",
        "wscb-lac-rate": "low",
        "wscb-lac-care-plan": "high",
    }
