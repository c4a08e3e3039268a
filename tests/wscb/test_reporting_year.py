"""ReportingYear: 1 April to 31 March, labelled "2016/17"."""

from datetime import date

import pytest

from wscb.periods import ReportingYear


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (date(2016, 4, 1), 2016),  # first day of a year
        (date(2017, 3, 31), 2016),  # last day of the same year
        (date(2017, 4, 1), 2017),  # next year starts
        (date(2016, 3, 31), 2015),
        (date(2016, 2, 29), 2015),  # leap day belongs to the year that started the April before
        (date(2020, 2, 29), 2019),
        (date(2016, 12, 31), 2016),
        (date(2017, 1, 1), 2016),
    ],
)
def test_it_finds_the_year_containing_a_day(day, start_year):
    year = ReportingYear.containing(day)
    assert year.start_year == start_year
    assert day in year


@pytest.mark.parametrize(
    ("start_year", "label", "end"),
    [(2016, "2016/17", date(2017, 3, 31)), (1999, "1999/00", date(2000, 3, 31)), (2019, "2019/20", date(2020, 3, 31))],
)
def test_it_labels_and_bounds_a_year(start_year, label, end):
    year = ReportingYear(start_year)
    assert year.label == label
    assert str(year) == label
    assert year.start == date(start_year, 4, 1)
    assert year.end == end
    assert year.end_exclusive == date(start_year + 1, 4, 1)


def test_the_day_after_the_end_is_outside_and_the_day_before_the_start_is_outside():
    year = ReportingYear(2016)
    assert date(2017, 4, 1) not in year
    assert date(2016, 3, 31) not in year


def test_previous_and_next_step_one_year():
    assert ReportingYear(2016).previous == ReportingYear(2015)
    assert ReportingYear(2016).next == ReportingYear(2017)
    assert ReportingYear(2015) < ReportingYear(2016)


@pytest.mark.parametrize("label", ["2016/17", "2016-17", "2016/2017", " 2016/17 "])
def test_it_parses_the_ways_people_write_a_year(label):
    assert ReportingYear.from_label(label) == ReportingYear(2016)


@pytest.mark.parametrize("label", ["2016/18", "2016", "16/17", "2016/2018", "next year"])
def test_it_rejects_labels_that_are_not_a_reporting_year(label):
    with pytest.raises(ValueError):
        ReportingYear.from_label(label)


def test_it_is_hashable_and_usable_as_a_key():
    assert {ReportingYear(2016): "x"}[ReportingYear.from_label("2016/17")] == "x"
