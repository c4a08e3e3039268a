"""Each reconciliation check on made-up data: it finds the case it is for, and nothing when the figures agree.

``CASES`` has one entry per check in ``reconciliation.CHECKS``: (facts with the problem, facts without);
a new check without a case fails ``test_every_check_finds_its_case_and_nothing_when_the_figures_agree``.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from reports.annual import reconciliation
from reports.annual.models import EngagementEvent, TextFigure
from reports.annual.placeholders import Figure
from training.reporting import (
    CancellationRow,
    Cancellations,
    CourseRow,
    CourseTable,
    ELearningFigures,
    ModuleFigures,
    PlaceCounts,
    TrainingSummary,
)
from wscb.periods import ReportingYear

YEAR = ReportingYear(2016)


def facts(**parts) -> reconciliation.ReportFacts:
    return reconciliation.ReportFacts(year=YEAR, **parts)


def summary(stated=None, recorded=None, previous_stated=None) -> TrainingSummary:
    return TrainingSummary(
        year=YEAR,
        recorded=recorded or PlaceCounts(None, None, None, None),
        previous_recorded=PlaceCounts(None, None, None, None),
        stated=stated,
        previous_stated=previous_stated,
        statement_source="Booking system",
    )


def row(title="Course", planned=2, delivered=2, cancelled=None, places=20, attended=10, stated=None) -> CourseRow:
    return CourseRow(
        course_id=1,
        title=title,
        planned=planned,
        delivered=delivered,
        cancelled=cancelled,
        places_available=places,
        attended=attended,
        has_impact_report=False,
        evaluation_score=None,
        stated=stated,
    )


def cancellations(stated_total=None, total=None, stated_reasons=(None, None, None, None)) -> Cancellations:
    reasons = ("lack_of_participants", "trainer_unavailable", "room_unavailable", "other")
    return Cancellations(
        rows=[
            CancellationRow(reason, reason, None, None, stated)
            for reason, stated in zip(reasons, stated_reasons, strict=True)
        ],
        total=total,
        planned=10,
        stated_total=stated_total,
    )


def elearning(**values) -> ELearningFigures:
    names = ("licences_purchased", "cost", "previous_cost_per_licence", "allocated", "completed")
    names += ("stated_allocated", "stated_completed", "stated_completion_rate")
    return ELearningFigures(**{"year": YEAR, "modules": [], **dict.fromkeys(names), **values})


def training(*, stated=None, recorded=None, previous_stated=None, rows=(), cancelled=None, e=None):
    return SimpleNamespace(
        summary=summary(stated, recorded, previous_stated),
        tables={"agreed": CourseTable("agreed", "Table One", list(rows))},
        cancellations=cancelled or cancellations(),
        elearning=e or elearning(),
    )


def finance(*, stated, computed, training_income=Decimal("0")):
    item = SimpleNamespace(
        year=YEAR, label="Total income", stated=stated, computed=computed, difference=stated - computed
    )
    return SimpleNamespace(
        differences=[item] if stated != computed else [], years=(YEAR,), training_income=(training_income,)
    )


def indicator(*, rate=True, denominators=(100, 100), comparators=()):
    return SimpleNamespace(
        indicator=SimpleNamespace(name="Children looked after per 10,000", is_rate=rate),
        labels=["2015/16", "2016/17"],
        denominators=list(denominators),
        comparators=list(comparators),
    )


def attendance(*dates):
    meetings = [SimpleNamespace(pk=number, held_on=day) for number, day in enumerate(dates, start=1)]
    return SimpleNamespace(group=SimpleNamespace(name="The Board"), meetings=meetings)


def event(held_on, precision=EngagementEvent.DatePrecision.DAY, year_start=2016):
    return EngagementEvent(title="Safe pitch", held_on=held_on, date_precision=precision, year_start=year_start)


def update(wrong_year=""):
    return SimpleNamespace(partner=SimpleNamespace(name="Police"), wrong_year=wrong_year, report=SimpleNamespace(pk=7))


def text_figure(value, comparison="equals", figure="training.stated.attended", base=""):
    return TextFigure(
        section="training",
        label="Attendance",
        quote=f"over {value} people",
        value=Decimal(value),
        comparison=comparison,
        figure=figure,
        base=base,
    )


FIGURES = {
    "training.stated.attended": Figure("training.stated.attended", 1497, "Places attended (stated)"),
    "training.previous_stated.attended": Figure("training.previous_stated.attended", 2621, "Attended before"),
}

CASES = {
    "places_booked_against_parts": (
        facts(training=training(stated=PlaceCounts(2603, 1497, 558, 241))),
        facts(training=training(stated=PlaceCounts(2296, 1497, 558, 241))),
    ),
    "completion_rate_against_parts": (
        facts(
            training=training(
                e=elearning(stated_completed=3274, stated_allocated=3371, stated_completion_rate=Decimal("87.5"))
            )
        ),
        facts(
            training=training(
                e=elearning(stated_completed=3274, stated_allocated=3371, stated_completion_rate=Decimal("97.1"))
            )
        ),
    ),
    "completions_against_modules": (
        facts(
            training=training(
                e=elearning(stated_completed=3274, completed=3123, modules=[ModuleFigures("A", None, 3123)])
            )
        ),
        facts(
            training=training(
                e=elearning(stated_completed=3123, completed=3123, modules=[ModuleFigures("A", None, 3123)])
            )
        ),
    ),
    "cancellations_against_reasons": (
        facts(training=training(cancelled=cancellations(stated_total=47, stated_reasons=(34, 11, 1, None)))),
        facts(training=training(cancelled=cancellations(stated_total=47, stated_reasons=(34, 11, 2, None)))),
    ),
    "finance_totals_against_lines": (
        facts(finance=finance(stated=Decimal("21000"), computed=Decimal("20999"))),
        facts(finance=finance(stated=Decimal("21000"), computed=Decimal("21000"))),
    ),
    "stated_percentages_against_parts": (
        facts(text_figures=[text_figure("-40", "change", "14", "33")]),
        facts(text_figures=[text_figure("-58", "change", "14", "33")]),
    ),
    "stated_places_against_records": (
        facts(training=training(stated=PlaceCounts(None, 999, None, None), recorded=PlaceCounts(3, 2, 0, 1))),
        facts(training=training(stated=PlaceCounts(None, 2, None, None), recorded=PlaceCounts(3, 2, 0, 1))),
    ),
    "attended_against_course_tables": (
        facts(training=training(stated=PlaceCounts(None, 1497, None, None), rows=[row(attended=1711)])),
        facts(training=training(stated=PlaceCounts(None, 1497, None, None), rows=[row(attended=1497)])),
    ),
    "cancellations_against_records": (
        facts(training=training(cancelled=cancellations(stated_total=47, total=37))),
        facts(training=training(cancelled=cancellations(stated_total=37, total=37))),
    ),
    "course_totals_against_sessions": (
        facts(training=training(rows=[row(attended=10, stated={"attended": 12})])),
        facts(training=training(rows=[row(attended=10, stated={"attended": 10})])),
    ),
    "figures_in_text_against_records": (
        facts(text_figures=[text_figure("1500")], figures=FIGURES),
        facts(text_figures=[text_figure("1497")], figures=FIGURES),
    ),
    "rate_population_against_context": (
        facts(indicator_tables=[indicator(denominators=(67800, 67800))], child_population=67900),
        facts(indicator_tables=[indicator(denominators=(67900, 67900))], child_population=67900),
    ),
    "training_income_against_charges": (
        facts(finance=finance(stated=1, computed=1, training_income=Decimal("200")), training_charges=Decimal("30")),
        facts(finance=finance(stated=1, computed=1, training_income=Decimal("30")), training_charges=Decimal("30")),
    ),
    "attended_more_than_places": (
        facts(training=training(rows=[row(places=25, attended=26)])),
        facts(training=training(rows=[row(places=25, attended=25)])),
    ),
    "delivered_more_than_planned": (
        facts(training=training(rows=[row(planned=2, delivered=3)])),
        facts(training=training(rows=[row(planned=3, delivered=3)])),
    ),
    "attendance_with_nothing_delivered": (
        facts(training=training(rows=[row(planned=3, delivered=0, attended=20)])),
        facts(training=training(rows=[row(planned=3, delivered=0, attended=0)])),
    ),
    "delivered_and_cancelled_more_than_planned": (
        facts(training=training(rows=[row(planned=6, delivered=6, cancelled=1)])),
        facts(training=training(rows=[row(planned=6, delivered=5, cancelled=1)])),
    ),
    "cancelled_more_than_not_delivered": (
        facts(training=training(rows=[row(planned=10, delivered=6)], cancelled=cancellations(stated_total=5))),
        facts(training=training(rows=[row(planned=10, delivered=6)], cancelled=cancellations(stated_total=4))),
    ),
    "completions_more_than_allocated": (
        facts(training=training(e=elearning(modules=[ModuleFigures("A", 10, 11)]))),
        facts(training=training(e=elearning(modules=[ModuleFigures("A", 11, 11)]))),
    ),
    "comparators_same_as_previous_year": (
        facts(indicator_tables=[indicator(comparators=[("England", [Decimal("60.0"), Decimal("60.0")])])]),
        facts(indicator_tables=[indicator(comparators=[("England", [Decimal("60.0"), Decimal("61.0")])])]),
    ),
    "meetings_outside_the_year": (
        facts(attendance=attendance(datetime.date(2016, 3, 21), datetime.date(2016, 5, 16))),
        facts(attendance=attendance(datetime.date(2016, 4, 1), datetime.date(2017, 3, 31))),
    ),
    "events_outside_the_year": (
        facts(engagement_events=[event(datetime.date(2017, 8, 1), EngagementEvent.DatePrecision.MONTH)]),
        facts(
            engagement_events=[
                event(datetime.date(2017, 3, 16)),
                event(None, EngagementEvent.DatePrecision.NOT_RECORDED),
            ]
        ),
    ),
    "returns_for_another_period": (
        facts(
            partner_updates=[update("The period covered (01/04/2015 to 31/03/2016) is not the 2016/17 reporting year.")]
        ),
        facts(partner_updates=[update("")]),
    ),
}


@pytest.mark.parametrize("check", reconciliation.CHECKS, ids=[check.name for check in reconciliation.CHECKS])
def test_every_check_finds_its_case_and_nothing_when_the_figures_agree(check):
    with_problem, without = CASES[check.name]
    found = check.function(with_problem)
    assert found, f"{check.name} found nothing in its case"
    assert {finding.check for finding in found} == {check.name}
    assert all(finding.kind == check.kind and finding.message for finding in found)
    assert check.function(without) == []


@pytest.mark.parametrize("check", reconciliation.CHECKS, ids=[check.name for check in reconciliation.CHECKS])
def test_a_check_with_nothing_to_read_finds_nothing(check):
    assert check.function(facts()) == []


def test_the_completion_rate_check_names_both_figures_and_the_difference():
    [finding] = reconciliation.completion_rate_against_parts(CASES["completion_rate_against_parts"][0])
    assert finding.message == (
        "E-learning completion rate: stated as 87.5%; the stated 3,274 completed of 3,371 allocated is 97.1% "
        "(difference +9.6 points)."
    )


def test_a_percentage_change_in_the_text_is_checked_against_its_parts_at_the_precision_stated():
    figure = text_figure("-40", "change", "training.stated.attended", "training.previous_stated.attended")
    [finding] = reconciliation.stated_percentages_against_parts(facts(text_figures=[figure], figures=FIGURES))
    assert "from 2,621 (Attended before) to 1,497 (Places attended (stated)) is -42.9%" in finding.expected_text
    # 42.9 rounds to 43 at the precision stated ("43%"): consistent.
    assert (
        reconciliation.stated_percentages_against_parts(
            facts(text_figures=[text_figure("-43", "change", "1497", "2621")])
        )
        == []
    )


def test_a_text_figure_naming_no_figure_is_left_to_the_readiness_check():
    missing = text_figure("10", figure="no.such.figure")
    assert reconciliation.figures_in_text_against_records(facts(text_figures=[missing], figures=FIGURES)) == []


def test_every_check_has_a_kind_and_a_title():
    assert {check.kind for check in reconciliation.CHECKS} == set(reconciliation.KINDS)
    assert all(check.title for check in reconciliation.CHECKS)
    assert len(set(reconciliation.CHECK_NAMES)) == len(reconciliation.CHECK_NAMES)
