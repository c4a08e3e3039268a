"""The demo's report lists every inconsistency of the seed, of every kind, and nothing else.

Found by reading the whole seed (shared/seed/wscb-annual-report-2016-17.txt):

* stated totals and rates against their parts: 2,603 places booked against 1,497 + 558 + 241 =
  2,296; an 87.5% completion rate where 3,274 of 3,371 is 97.1%; 3,274 e-learning completions where
  the chart's modules add to 3,123; the finance statement's 2016/17 transfer (21,000 for 20,999) and
  reserves (199,124 for 199,523); "a 40% drop" from 33 to 14 courses (57.6%); "a decrease of 40%"
  from 2,621 to 1,497 attended (42.9%);
* the same figure stated differently in two places: 1,497 attended against the course tables' 1,711;
  "over 1500 people" (section 1) against the 1,497; "over 180 delegates" at the conference (section 4)
  against "over 200" (sections 1 and 8); "92 people" trained in 'A New Mindset' against 26 in the
  commissioned table; "33 individual courses were planned" against 32 with dates in the tables; the
  rates per 10,000 worked out on 67,800 children where section 2 says 67,900 (three indicators);
* rows that cannot be right: 26 attended 'A New Mindset' for 25 places; 3 deliveries of a course
  planned twice; 20 attending a course never delivered; 47 courses cancelled where the tables have
  only 43 planned dates not delivered;
* comparators identical to the year before's: every comparator of the seven indicators that have
  them repeats in 2016/17 (and the looked-after rate's earlier years too);
* outside the reporting year: the board meetings of 21/03/2016 and 06/04/2017 in the 2016/17
  attendance table; the Safe Pitch event of August 2017 in 2016-17's activity; the police return for
  2015/16.
"""

import io

import pytest
from django.core.management import call_command

from reports.annual import reconciliation
from reports.annual.assembly import build_report
from wscb.periods import ReportingYear

EXPECTED = {
    ("places_booked_against_parts", "Face-to-face places booked"),
    ("completion_rate_against_parts", "E-learning completion rate"),
    ("completions_against_modules", "E-learning completions"),
    ("finance_totals_against_lines", "Transfer to reserves, 2016/17"),
    ("finance_totals_against_lines", "Total income in reserve, 2016/17"),
    ("stated_percentages_against_parts", "Drop in planned courses"),
    ("stated_percentages_against_parts", "Fall in face-to-face attendance"),
    ("attended_against_course_tables", "Places attended"),
    ("figures_in_text_against_records", "People accessing face-to-face training"),
    ("figures_in_text_against_records", "Annual conference delegates"),
    ("figures_in_text_against_records", "People trained by Professor David Shemmings ('A New Mindset')"),
    ("figures_in_text_against_records", "Courses planned in 2016/17"),
    ("rate_population_against_context", "Number of initial child protection conferences per 10,000 population"),
    ("rate_population_against_context", "Number of children currently subject to a child protection plan per 10,000"),
    ("rate_population_against_context", "Number of children looked after per 10,000 population"),
    ("attended_more_than_places", "A New Mindset and model for CP (2 day)"),
    ("delivered_more_than_planned", "Safeguarding Awareness and the Early Help process"),
    ("attendance_with_nothing_delivered", "Safeguarding Children with Disabilities"),
    ("cancelled_more_than_not_delivered", "Courses cancelled"),
    ("meetings_outside_the_year", "Wigan Safeguarding Children Board meeting of 21/03/2016"),
    ("meetings_outside_the_year", "Wigan Safeguarding Children Board meeting of 06/04/2017"),
    ("events_outside_the_year", "'Safe Pitch' event at Wigan Youth Zone"),
    ("returns_for_another_period", "Greater Manchester Police"),
}
#: The indicators with comparators; each repeats the year before's values in 2016/17.
WITH_COMPARATORS = 7

#: The module's fixture reads the database: the marker makes pytest-django create the test database.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def findings(django_db_setup, django_db_blocker):
    import os

    from django.db import transaction

    from partners.models import Board

    with django_db_blocker.unblock(), transaction.atomic():
        os.environ.setdefault("DEMO_PASSWORD", "demo password for tests")
        call_command("load_demo", stdout=io.StringIO())
        report = build_report(board=Board.objects.get(short_name="WSCB"), year=ReportingYear(2016))
        transaction.set_rollback(True)
    return report.findings


def _matches(finding, check, label) -> bool:
    return finding.check == check and finding.label.startswith(label)


def test_every_inconsistency_of_the_seed_is_found(findings):
    missing = [(check, label) for check, label in EXPECTED if not any(_matches(f, check, label) for f in findings)]
    assert missing == []


def test_nothing_else_is_found(findings):
    expected = [f for f in findings if any(_matches(f, check, label) for check, label in EXPECTED)]
    comparators = [f for f in findings if f.check == "comparators_same_as_previous_year"]
    assert len(comparators) == WITH_COMPARATORS
    assert sorted(f.message for f in findings) == sorted(f.message for f in expected + comparators)


def test_every_kind_is_represented(findings):
    assert {finding.kind for finding in findings} == set(reconciliation.KINDS)


def test_the_figures_are_the_seeds(findings):
    def message(check, label):
        return next(f.message for f in findings if _matches(f, check, label))

    assert "stated as 2,603; attended 1,497 + cancelled 558 + did not attend 241 = 2,296" in message(
        "places_booked_against_parts", "Face-to-face places booked"
    )
    assert "3,274 completed of 3,371 allocated is 97.1%" in message(
        "completion_rate_against_parts", "E-learning completion rate"
    )
    assert "from 33 to 14 is -57.6%" in message("stated_percentages_against_parts", "Drop in planned courses")
    assert ": 200 (" in message("figures_in_text_against_records", "Annual conference delegates")
    assert "26 attended; only 25 places" in message("attended_more_than_places", "A New Mindset")
    lac = next(f for f in findings if f.check == "comparators_same_as_previous_year" and "looked after" in f.label)
    assert "England 2014/15 (60.0), 2015/16 (60.0), 2016/17 (60.0)" in lac.stated_text


def test_the_report_prints_them_at_the_end_of_their_sections(django_db_setup, django_db_blocker):
    import os

    from django.db import transaction

    from partners.models import Board
    from reports.annual import outputs

    with django_db_blocker.unblock(), transaction.atomic():
        os.environ.setdefault("DEMO_PASSWORD", "demo password for tests")
        call_command("load_demo", stdout=io.StringIO())
        report = build_report(board=Board.objects.get(short_name="WSCB"), year=ReportingYear(2016))
        html = outputs.render_html(report)
        transaction.set_rollback(True)
    assert html.count("<caption>Figures that do not add up") == len({f.section for f in report.findings})
    assert sum(len(section.findings) for section in report.all_sections) == len(report.findings)
