"""Several querysets run as one query return exactly what each would have returned on its own."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext

from finance.models import ExpenditureLine, FinanceYear
from meetings.models import Meeting
from partners.models import BoardMembership, Partner
from tests.finance.factories import ExpenditureCategoryFactory, ExpenditureLineFactory, FinanceYearFactory
from tests.meetings.factories import GroupFactory, MeetingFactory
from tests.partners.factories import PartnerFactory
from wscb.data.batching import BatchError, fetch, prefetched

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines(board):
    year = FinanceYearFactory(
        board=board, start_year=2016, opening_reserves=Decimal("101054.10"), notes='He said "no"\n£'
    )
    FinanceYearFactory(board=board, start_year=2015, opening_reserves=None)
    staff, printing = ExpenditureCategoryFactory(board=board, name="Staff"), ExpenditureCategoryFactory(board=board)
    return [
        ExpenditureLineFactory(finance_year=year, category=staff, amount=Decimal("0.10"), spent_on=None),
        ExpenditureLineFactory(
            finance_year=year, category=staff, amount=Decimal("12345.67"), spent_on=datetime.date(2016, 5, 1)
        ),
        ExpenditureLineFactory(
            finance_year=year, category=printing, amount=Decimal("7.00"), spent_on=datetime.date(2017, 3, 31)
        ),
    ]


def run_alone(queryset):
    return list(queryset)


def test_many_querysets_cost_one_query(board, lines, agency_a, agency_b):
    parts = {
        "years": FinanceYear.objects.filter(board=board).order_by("start_year"),
        "lines": ExpenditureLine.objects.order_by("pk").values("pk", "amount", "spent_on"),
        "totals": ExpenditureLine.objects.values("category_id").annotate(total=Sum("amount")).order_by("category_id"),
        "names": Partner.objects.order_by("-name").values_list("name", flat=True),
    }
    fetch(warm_up=Partner.objects.values("pk"))  # SQLite checks once for JSON support
    with CaptureQueriesContext(connection) as queries:
        rows = fetch(**parts)
    assert len(queries.captured_queries) == 1
    assert rows["names"] == ["Agency B Police", "Agency A Trust"]
    assert rows["lines"] == run_alone(parts["lines"])
    assert rows["totals"] == run_alone(parts["totals"])


def test_model_instances_carry_every_field_with_its_python_type(board, lines):
    queryset = FinanceYear.objects.filter(board=board).order_by("-start_year")
    batched, alone = fetch(years=queryset)["years"], run_alone(queryset)
    assert [year.pk for year in batched] == [year.pk for year in alone]
    for mine, theirs in zip(batched, alone, strict=True):
        for field in FinanceYear._meta.concrete_fields:
            assert getattr(mine, field.attname) == getattr(theirs, field.attname), field.name
    assert batched[0].opening_reserves == Decimal("101054.10")
    assert str(batched[0].opening_reserves) == "101054.10"
    assert batched[0].notes == 'He said "no"\n£'
    assert batched[1].opening_reserves is None
    assert not batched[0]._state.adding


def test_dates_times_datetimes_booleans_and_annotations_come_back_typed(board, lines, agency_a):
    meeting = MeetingFactory(group=GroupFactory(board=board), starts_at=datetime.time(10, 30))
    rows = fetch(
        meetings=Meeting.objects.annotate(seats=Count("attendances")).order_by("pk"),
        lines=ExpenditureLine.objects.order_by("pk").values_list("updated_at", "spent_on"),
        partners=BoardMembership.objects.filter(partner=agency_a).values("is_statutory", "partner__is_active"),
    )
    (got,) = rows["meetings"]
    assert (got.pk, got.held_on, got.starts_at, got.seats) == (meeting.pk, meeting.held_on, datetime.time(10, 30), 0)
    assert rows["lines"] == run_alone(ExpenditureLine.objects.order_by("pk").values_list("updated_at", "spent_on"))
    assert rows["lines"][0][0].tzinfo is not None
    assert rows["partners"] == [{"is_statutory": True, "partner__is_active": True}]


def test_each_part_keeps_its_own_ordering_with_nulls_where_the_database_puts_them(lines):
    ascending = fetch(lines=ExpenditureLine.objects.order_by("spent_on", "pk").values_list("pk", flat=True))["lines"]
    descending = fetch(lines=ExpenditureLine.objects.order_by("-spent_on", "pk").values_list("pk", flat=True))
    undated, may, march = (line.pk for line in lines)
    if connection.vendor == "postgresql":  # NULL is larger than any date
        assert (ascending, descending["lines"]) == ([may, march, undated], [undated, march, may])
    else:  # SQLite: smaller
        assert (ascending, descending["lines"]) == ([undated, may, march], [march, may, undated])


def test_a_part_may_be_ordered_by_columns_it_does_not_select(board, lines):
    by_category = ExpenditureLine.objects.values_list("amount", flat=True).order_by("-category__name", "pk")
    default = ExpenditureLine.objects.filter(finance_year__board=board)  # Meta.ordering follows a relation
    rows = fetch(by_category=by_category, default=default)
    assert rows["by_category"] == run_alone(by_category)
    assert [line.pk for line in rows["default"]] == [line.pk for line in run_alone(default)]


def test_a_part_may_be_ordered_by_an_expression_and_the_database_orders_it(agency_a, agency_b):
    from django.db.models.functions import Lower

    PartnerFactory(name="agency c lowercase")
    queryset = Partner.objects.order_by(Lower("name").desc()).values_list("name", flat=True)
    assert (
        fetch(names=queryset)["names"]
        == run_alone(queryset)
        == [
            "agency c lowercase",
            "Agency B Police",
            "Agency A Trust",
        ]
    )


def test_empty_parts_and_an_empty_batch(board):
    assert fetch() == {}
    assert fetch(nothing=FinanceYear.objects.filter(board=board), none=Partner.objects.values("pk")) == {
        "nothing": [],
        "none": [],
    }


@pytest.mark.parametrize(
    "queryset, reason",
    [
        (lambda: FinanceYear.objects.all()[:2], "sliced"),
        (lambda: ExpenditureLine.objects.select_related("category"), "select_related"),
        (lambda: FinanceYear.objects.prefetch_related("expenditure_lines"), "prefetch_related"),
        (lambda: ExpenditureLine.objects.values("kind").annotate(n=Count("pk")).order_by("amount"), "grouped"),
    ],
)
def test_querysets_a_batch_cannot_carry_are_refused_with_the_reason(queryset, reason):
    with pytest.raises(BatchError, match=reason):
        fetch(part=queryset())


def test_rows_of_a_batch_can_stand_in_for_a_prefetch(board, lines, django_assert_num_queries):
    rows = fetch(years=FinanceYear.objects.filter(start_year=2016), lines=ExpenditureLine.objects.order_by("pk"))
    (year,) = rows["years"]
    prefetched(year, "expenditure_lines", rows["lines"])
    with django_assert_num_queries(0):
        assert [line.amount for line in year.expenditure_lines.all()] == [line.amount for line in lines]


def test_a_json_column_comes_back_decoded_on_either_database(board):
    from reports.annual.models import ReportConfiguration

    numbers = {"executive_summary": "1", "performance": "6", "lado": ""}
    ReportConfiguration.objects.create(board=board, year_start=2016, section_numbers=numbers, hidden_checks=["a"])
    rows = fetch(
        configurations=ReportConfiguration.objects.filter(board=board),
        values=ReportConfiguration.objects.values("section_numbers", "hidden_checks"),
    )
    assert rows["configurations"][0].section_numbers == numbers
    assert rows["values"] == [{"section_numbers": numbers, "hidden_checks": ["a"]}]
