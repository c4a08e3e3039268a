"""Indicator figures and comparators come in from a spreadsheet, all or nothing."""

from decimal import Decimal

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.annual.models import ComparatorValue, IndicatorValue
from reports.annual.resources import (
    ComparatorValueResource,
    IndicatorValueResource,
    escape_cell,
    figures_import,
)
from tests.annual.factories import IndicatorFactory


def _dataset(headers, rows):
    return tablib.Dataset(*rows, headers=headers)


def test_a_clean_sheet_of_figures_is_imported(board):
    IndicatorFactory(board=board, code="cpp-reviews")
    data = _dataset(
        ["indicator", "year", "numerator", "denominator"],
        [["cpp-reviews", "2015/16", 149, 158], ["cpp-reviews", "2016/17", 134, 146]],
    )
    outcome = figures_import(resource=IndicatorValueResource(), dataset=data)
    assert outcome.imported, outcome.errors
    assert sorted(IndicatorValue.objects.values_list("year_start", "numerator", "denominator")) == [
        (2015, 149, 158),
        (2016, 134, 146),
    ]


def test_one_bad_row_imports_nothing_and_every_error_is_reported(board):
    IndicatorFactory(board=board, code="cpp-reviews")
    data = _dataset(
        ["indicator", "year", "numerator", "denominator"],
        [
            ["cpp-reviews", "2015/16", 149, 158],
            ["no-such-indicator", "2016/17", 1, 2],
            ["cpp-reviews", "2016/18", 1, 2],
            ["cpp-reviews", "2014/15", 300, 200],
        ],
    )
    outcome = figures_import(resource=IndicatorValueResource(), dataset=data)
    assert not outcome.imported
    assert not IndicatorValue.objects.exists()
    text = " | ".join(outcome.errors)
    assert "no-such-indicator" in text
    assert "the second year must be the year after the first" in text
    assert "The numerator cannot be larger than the denominator." in text


def test_comparators_are_imported_by_label_or_key(board):
    IndicatorFactory(board=board, code="lac-rate")
    data = _dataset(
        ["indicator", "year", "comparator", "value"],
        [
            ["lac-rate", "2016/17", "England", "60.0"],
            ["lac-rate", "2016/17", "north_west", "82.0"],
            ["lac-rate", "2016/17", "Statistical neighbours", "83.4"],
        ],
    )
    outcome = figures_import(resource=ComparatorValueResource(), dataset=data)
    assert outcome.imported, outcome.errors
    assert dict(ComparatorValue.objects.values_list("comparator", "value")) == {
        "england": Decimal("60.0"),
        "north_west": Decimal("82.0"),
        "statistical_neighbours": Decimal("83.4"),
    }


def test_an_unknown_comparator_imports_nothing(board):
    IndicatorFactory(board=board, code="lac-rate")
    data = _dataset(
        ["indicator", "year", "comparator", "value"],
        [["lac-rate", "2016/17", "England", "60.0"], ["lac-rate", "2016/17", "Wales", "61.0"]],
    )
    outcome = figures_import(resource=ComparatorValueResource(), dataset=data)
    assert not outcome.imported
    assert any("'Wales' is not a comparator" in error for error in outcome.errors)
    assert not ComparatorValue.objects.exists()


def test_export_writes_years_as_labels_and_escapes_formulas(board):
    indicator = IndicatorFactory(board=board, code="-cmd")
    IndicatorValue.objects.create(indicator=indicator, year_start=2016, numerator=1, denominator=2)
    exported = IndicatorValueResource().export()
    assert exported.dict[0]["year"] == "2016/17"
    assert exported.dict[0]["indicator"] == "'-cmd"
    assert escape_cell("=SUM(A1)") == "'=SUM(A1)"
    assert escape_cell("Plain") == "Plain"


def test_business_support_previews_an_import_in_the_back_office(as_user, business_support, board):
    IndicatorFactory(board=board, code="cpp-reviews")
    upload = SimpleUploadedFile(
        "figures.csv", b"indicator,year,numerator,denominator\ncpp-reviews,2016/17,134,146\n", content_type="text/csv"
    )
    response = as_user(business_support).post(
        reverse("admin:annual_indicatorvalue_import"), {"import_file": upload, "format": "0", "resource": "0"}
    )
    assert response.status_code == 200
    assert "Confirm import" in response.content.decode()
    assert not IndicatorValue.objects.exists()  # the first step is a dry run
