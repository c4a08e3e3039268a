"""The demo holds only what the seed says: no figure or date it does not give.

The seed gives each course's year totals, the stated Virtual College totals, e-learning completions
by module and totals, and no detail below them: no sessions, delegates, agencies or licences. So for
2016/17 the report has no uptake by agency, no "Allocated" column, no "recorded" places and no
empty 2015/16 columns; engagement events carry the dates the seed gives, or say they have none.
"""

import io
import re
from datetime import date

import pytest
from django.core.management import call_command

from reports.annual import outputs
from reports.annual.assembly import build_report
from reports.annual.models import ContextFact, EngagementEvent
from training.models import Booking, ELearningEnrolment, Session
from training.reporting import training_report, uptake_by_agency
from wscb.periods import ReportingYear

YEAR = ReportingYear(2016)


#: The module's fixture reads the database: the marker makes pytest-django create the test database.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Everything load_demo loads, once for the module (rolled back after it)."""
    import os

    from django.db import transaction

    from partners.models import Board

    with django_db_blocker.unblock(), transaction.atomic():
        os.environ.setdefault("DEMO_PASSWORD", "demo password for tests")
        call_command("load_demo", stdout=io.StringIO())
        board = Board.objects.get(short_name="WSCB")
        report = build_report(board=board, year=YEAR)
        yield board, report, outputs.render_html(report)
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def _section_html(html: str, key: str) -> str:
    anchor = f'id="section-{key.replace("_", "-")}"'
    start = html.index(anchor)
    following = re.search(r'<section class="report-section level-1"', html[start + len(anchor) :])
    return html[start : start + len(anchor) + following.start()] if following else html[start:]


def test_no_session_booking_or_licence_is_invented(demo):
    # The training catalogue's upcoming demo sessions (and a demo learner's booking) are after the seed's year.
    assert not Session.objects.filter(starts_on__lte=YEAR.end).exists()
    assert not Booking.objects.filter(session__starts_on__lte=YEAR.end).exists()
    assert ELearningEnrolment.objects.count() == 0


def test_the_per_agency_uptake_allocated_and_recorded_figures_are_absent_for_2016_17(demo):
    board, _report, html = demo
    training = _section_html(html, "training")
    assert uptake_by_agency(board=board, year=YEAR) == []
    assert "Uptake by agency" not in training
    assert ">Allocated<" not in training  # no allocations by module: the column is left out
    assert "recorded</th>" not in training  # no "2016/17 recorded" / "2015/16 recorded" columns
    for invented in ("1,766", "1766"):  # the old round-robin bookings' total
        assert invented not in training
    figures = training_report(board=board, year=YEAR)
    assert not figures.summary.recorded.is_recorded and not figures.summary.previous_recorded.is_recorded
    assert figures.elearning.allocated is None
    assert {module.allocated for module in figures.elearning.modules} == {None}
    # What the seed states is there: the Virtual College totals and the 2015/16 attendance they imply.
    assert (figures.summary.stated.booked, figures.summary.stated.attended) == (2603, 1497)
    assert figures.summary.previous_stated.attended == 2621 and figures.summary.previous_stated.booked is None


def test_the_places_table_prints_not_recorded_instead_of_zeros(demo):
    _board, _report, html = demo
    table = re.search(r"<caption>Places on face-to-face courses.*?</table>", _section_html(html, "training"), re.S)
    cells = re.findall(r'<td class="num">([^<]*)</td>', table.group(0))
    assert cells.count("not recorded") == 3  # 2015/16: booked, cancelled, did not attend
    assert "0" not in cells


def test_engagement_events_have_the_seeds_dates_or_say_they_have_none(demo):
    board, _report, html = demo
    events = EngagementEvent.objects.filter(board=board, year_start=2016)
    assert not events.filter(held_on=date(2017, 3, 31)).exists()
    conference = events.get(title="WSCB Annual Conference")
    assert (conference.held_on, conference.date_display) == (date(2017, 3, 16), "16/03/2017")
    safe_pitch = events.get(title__contains="Safe Pitch")
    assert (safe_pitch.date_precision, safe_pitch.date_display) == ("month", "August 2017")
    undated = events.filter(held_on__isnull=True)
    assert undated.count() == events.count() - 2
    assert all(event.date_precision == EngagementEvent.DatePrecision.NOT_RECORDED for event in undated)
    table = re.search(r"<caption>Engagement events.*?</table>", _section_html(html, "engagement"), re.S).group(0)
    assert "31/03/2017" not in table and "01/03/2017" not in table
    assert "16/03/2017" in table and "Throughout the year" in table and "Date not recorded" in table


def test_context_facts_do_not_cite_the_report_itself(demo):
    board, _report, html = demo
    assert set(ContextFact.objects.filter(board=board).values_list("source", flat=True)) == {""}
    assert "annual report 2016/17, section" not in html


def test_charges_are_only_the_one_the_seed_names(demo):
    from training.models import ChargeRate

    board, _report, _html = demo
    assert set(ChargeRate.objects.filter(board=board).values_list("reason", "amount")) == {
        (ChargeRate.Reason.ELEARNING_NOT_COMPLETED, 25)
    }


def test_the_meetings_have_no_invented_venue_time_or_apologies(demo):
    from meetings.models import Attendance, Meeting

    board, _report, _html = demo
    meetings = Meeting.objects.filter(group__board=board)
    assert set(meetings.values_list("venue", "starts_at")) == {("", None)}
    assert not Attendance.objects.filter(meeting__in=meetings, status=Attendance.Status.APOLOGIES).exists()
