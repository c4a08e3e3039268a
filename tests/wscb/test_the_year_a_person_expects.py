"""The year a person expects: the board's current reporting year, the one list of years every chooser
offers, and work-queue links that open the year of what they count."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from finance.models import FinanceYear
from partners.models import Board
from tests import permission_matrix as matrix
from tests.conftest import client_for
from tests.meetings.factories import GroupFactory, MeetingFactory
from tests.partners.factories import BoardFactory
from tests.training.factories import CourseFactory, ModuleFactory, SessionFactory
from training.models import ELearningEnrolment, Session
from wscb.audit.models import AuditEvent
from wscb.periods import ReportingYear
from wscb.years import board_current_year, default_year, year_options, years_with_records

pytestmark = pytest.mark.django_db

Y2014, Y2015, Y2016, Y2017 = (ReportingYear(start) for start in (2014, 2015, 2016, 2017))


def _records(board):
    """A meeting in 2016/17, a session on 31/03/2016 (2015/16), an e-learning licence given on
    01/04/2014 (2014/15) and a financial year 2014/15."""
    MeetingFactory(group=GroupFactory(board=board), held_on=datetime.date(2016, 9, 1), reporting_year=2016)
    SessionFactory(course=CourseFactory(board=board), starts_on=datetime.date(2016, 3, 31))
    ELearningEnrolment.objects.create(
        module=ModuleFactory(board=board),
        learner_name="A Learner",
        organisation_name="Youth club",
        allocated_on=datetime.date(2014, 4, 1),
    )
    FinanceYear.objects.create(board=board, start_year=2014)


def test_the_years_with_records_are_read_from_every_app_newest_first_and_only_the_boards_own(board):
    _records(board)
    other = BoardFactory(name="Another Board", short_name="OTHER")
    MeetingFactory(group=GroupFactory(board=other), held_on=datetime.date(2019, 9, 1), reporting_year=2019)
    assert years_with_records(board) == [Y2016, Y2015, Y2014]
    assert years_with_records(other) == [ReportingYear(2019)]


def test_the_years_with_records_are_one_query(board, django_assert_num_queries):
    _records(board)
    with django_assert_num_queries(1):
        years_with_records(board)


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (datetime.date(2017, 3, 31), 2016),
        (datetime.date(2017, 4, 1), 2017),
        (datetime.date(2016, 4, 1), 2016),
        (datetime.date(2016, 1, 15), 2015),
        (datetime.date(2016, 2, 29), 2015),
    ],
)
def test_a_dated_record_counts_in_the_reporting_year_that_contains_its_date(board, day, start_year):
    SessionFactory(course=CourseFactory(board=board), starts_on=day)
    assert years_with_records(board) == [ReportingYear(start_year)]


@freeze_time("2026-12-01")
def test_the_current_year_is_the_one_set_else_the_latest_with_records_not_after_today_else_todays(board):
    assert board_current_year(board) == ReportingYear(2026), "no records: the calendar's year"
    _records(board)
    assert board_current_year(board) == Y2016
    SessionFactory(course=CourseFactory(board=board), starts_on=datetime.date(2028, 5, 1))
    assert board_current_year(board) == Y2016, "a session booked in a later year does not move the board on"
    board.current_reporting_year = 2015
    assert board_current_year(board) == Y2015
    assert default_year([ReportingYear(2030)], ReportingYear(2026)) == ReportingYear(2026)


def test_the_choices_are_every_year_with_records_and_the_next_newest_first():
    assert year_options([Y2016, Y2014]) == [Y2017, Y2016, Y2014]
    assert year_options([Y2014], Y2016) == [Y2017, Y2016, Y2014]
    assert year_options([]) == []


# --- every page that chooses a year ---------------------------------------------------------------------
def _page_entries():
    """Every portal page the matrix lists that business support may open with a GET."""
    return [
        entry
        for entry in matrix.all_entries()
        if entry.method == "get"
        and not entry.name.startswith(("admin:", "<unnamed"))
        and entry.expect.get("business_support") == 200
    ]


def _chooser_options(html: str) -> list[str] | None:
    """The labels of the page's year chooser (a select named "year"), or None without one."""
    match = re.search(r'<select[^>]*name="year"[^>]*>(.*?)</select>', html, re.S)
    if not match:
        return None
    return [unescape(label).strip() for label in re.findall(r"<option[^>]*>(.*?)</option>", match.group(1), re.S)]


@freeze_time("2026-12-01")
def test_every_page_that_chooses_a_year_opens_on_the_boards_year_and_offers_every_year_with_records(cast):
    """A guard over every page: a page whose context has a ``year`` opens on the board's current
    reporting year when none is asked for, and every year chooser lists the years with records
    and the next, newest first. A new page with its own default or its own list fails here."""
    board = cast.board
    _records(board)
    Board.objects.filter(pk=board.pk).update(current_reporting_year=2015)
    client = client_for(cast.business_support)
    checked_years, checked_choosers = [], []
    for entry in _page_entries():
        try:
            with transaction.atomic():
                kwargs = entry.kwargs(cast) if entry.kwargs else None
        except Exception:
            continue  # an entry whose object another entry for the same page already made (or used up)
        if (entry.query and "year" in entry.query) or any("year" in key for key in kwargs or {}):
            continue  # the year is in the address: the page shows that year, it does not choose one
        url = reverse(entry.name, kwargs=kwargs)
        response = client.get(f"{url}?{entry.query}" if entry.query else url)
        if response.status_code != 200 or getattr(response, "context", None) is None:
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        year = response.context.get("year")
        if isinstance(year, ReportingYear):
            assert year == Y2015, f"{entry.id} opened on {year}, not the board's current year 2015/16"
            checked_years.append(entry.name)
        options = _chooser_options(response.content.decode())
        if options is not None:
            # The finance chooser's values are start years, the others' are labels: compare the labels.
            # The matrix's objects may add years (a later entry's record), so the list is read again.
            expected = [year.label for year in year_options(years_with_records(board), Y2015)]
            assert {"2017/18", "2016/17", "2015/16", "2014/15"} <= set(expected)
            assert options == expected, f"{entry.id} offers {options}"
            checked_choosers.append(entry.name)
    # The pages this issue is about are among those checked, so the guard cannot pass by checking none.
    for name in ("dashboards:dashboard", "meetings:attendance-summary", "training:summary", "training:session-list"):
        assert name in checked_choosers, f"{name} has no year chooser any more"
    assert "finance:contribution-list" in checked_choosers
    assert len(checked_years) >= 8


@freeze_time("2026-12-01")
def test_the_start_page_names_the_boards_current_year(cast):
    _records(cast.board)
    response = client_for(cast.board_member).get(reverse("home"))
    assert "reporting year 2016/17" in response.content.decode()


# --- business support sets the year ----------------------------------------------------------------------
@freeze_time("2026-12-01")
def test_business_support_sets_the_current_year_and_it_is_audited(cast):
    _records(cast.board)
    client = client_for(cast.business_support)
    page = client.get(reverse("partners:current-year")).content.decode()
    assert "Automatic: the latest year that has records (now 2016/17)" in page
    assert ">2026/27<" in page, "this calendar's year is offered, to start recording it"
    response = client.post(reverse("partners:current-year"), {"current_reporting_year": "2014"})
    assert response.status_code == 302
    cast.board.refresh_from_db()
    assert cast.board.current_reporting_year == 2014
    assert AuditEvent.objects.filter(object_label=str(cast.board), detail__contains="2014/15").exists()
    dashboard = client.get(reverse("dashboards:dashboard"))
    assert dashboard.context["year"] == Y2014
    client.post(reverse("partners:current-year"), {"current_reporting_year": ""})
    cast.board.refresh_from_db()
    assert cast.board.current_reporting_year is None


def test_a_year_not_offered_is_refused(cast):
    response = client_for(cast.business_support).post(
        reverse("partners:current-year"), {"current_reporting_year": "1850"}
    )
    assert response.status_code == 400
    cast.board.refresh_from_db()
    assert cast.board.current_reporting_year is None


# --- the work queue -------------------------------------------------------------------------------------
@freeze_time("2026-12-01")
def test_each_work_queue_link_opens_the_year_of_what_it_counts(cast):
    course = CourseFactory(board=cast.board, title="Neglect awareness")
    SessionFactory(course=course, starts_on=datetime.date(2016, 8, 29), status=Session.Status.SCHEDULED)
    SessionFactory(course=course, starts_on=datetime.date(2025, 6, 2), status=Session.Status.SCHEDULED)
    client = client_for(cast.business_support)
    items = client.get(reverse("home")).context["work_queue"]
    training = [item for item in items if "attendance marking" in item.text]
    assert [item.text for item in training] == [
        "1 training session needs attendance marking (2025/26)",
        "1 training session needs attendance marking (2016/17)",
    ]
    page = client.get(training[1].url)
    assert [session.starts_on for session in page.context["sessions"]] == [datetime.date(2016, 8, 29)]
    assert "29/08/2016" in page.content.decode()


@freeze_time("2026-12-01")
def test_a_choosers_years_are_kept_per_state_of_the_data_and_follow_a_new_record_at_once(cast):
    """The board's years are kept in the cache under its data version (``wscb.years._kept_years``):
    a repeated view does not read every record again, and a record in a new year is offered on the
    very next view."""
    _records(cast.board)
    client = client_for(cast.business_support)
    url = reverse("training:summary")
    assert "2012/13" not in _chooser_options(client.get(url).content.decode())
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert queries.captured_queries and not [q for q in queries.captured_queries if "UNION" in q["sql"]]
    MeetingFactory(group=GroupFactory(board=cast.board), held_on=datetime.date(2012, 6, 1), reporting_year=2012)
    assert "2012/13" in _chooser_options(client.get(url).content.decode())
