"""The dashboard, a profile and a download run the same number of queries for one agency as for
many, with many meetings and bookings: every figure comes from grouped aggregates."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance.models import ExpenditureLine
from meetings.models import Action, Attendance, Group
from partners.models import Partner
from reports.annual.models import ComparatorValue
from reports.selfreports.models import Round, SelfReport
from tests.annual.factories import ComparatorValueFactory, IndicatorFactory, IndicatorValueFactory
from tests.finance.factories import ContributionFactory, ExpenditureLineFactory, FinanceYearFactory
from tests.meetings.factories import (
    ActionFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    member_attendance,
)
from tests.partners.factories import PartnerFactory
from tests.query_budgets import CHARTS_FIRST_TIME, FIRST_VIEW, REPEATED_VIEW, YEARS_FIRST_TIME, YEARS_KEPT, cold
from tests.reports.factories import open_round
from tests.training.factories import BookingFactory, CourseFactory, ModuleFactory, SessionFactory

pytestmark = pytest.mark.django_db

# The pages' own queries plus the session, the user, the board and the second-factor check, and
# (the first time a page is made) keeping it and its charts (tests/query_budgets.py).
DASHBOARD_BUDGET = 36 + YEARS_FIRST_TIME + FIRST_VIEW + CHARTS_FIRST_TIME
PROFILE_BUDGET = 21 + YEARS_FIRST_TIME + FIRST_VIEW
EXPORT_BUDGET = 16
#: A repeated view, kept: the session, the user, the board and the second-factor check (and the
#: base layout's own look-ups), the board's years for the year chooser (``wscb.years``, kept per data
#: version: the year the page opens on is the latest with records), then the data version and the page's lookup.
REPEATED_BUDGET = 7 + YEARS_KEPT + REPEATED_VIEW


def build(board, business_support, size: int) -> list[Partner]:
    """``size`` agencies, each a member of the board and a sub-group, at ``size`` meetings of each,
    with bookings, e-learning, a contribution, an action and an update; and ``size`` indicators."""
    from training.models import ELearningEnrolment

    agencies = [
        PartnerFactory(name=f"Agency {size}-{n}", short_name=f"A{size}-{n}", sector=Partner.Sector.OTHER)
        for n in range(size)
    ]
    groups = [
        GroupFactory(board=board, name=f"Board {size}", kind=Group.Kind.BOARD),
        GroupFactory(board=board, name=f"Sub-group {size}", kind=Group.Kind.SUB_GROUP),
    ]
    course = CourseFactory(board=board)
    module = ModuleFactory(board=board)
    year = FinanceYearFactory(board=board, start_year=2016, opening_reserves=Decimal("1000.00"))
    ExpenditureLineFactory(finance_year=year, kind=ExpenditureLine.Kind.BUDGET, amount=Decimal("5000.00"))
    for group in groups:
        memberships = [MembershipFactory(group=group, person=PersonFactory(partner=agency)) for agency in agencies]
        for index in range(size):
            meeting = MeetingFactory(group=group, held_on=datetime.date(2016, 5 + index, 10))
            for membership in memberships:
                status = Attendance.Status.APOLOGIES if index % 2 else Attendance.Status.PRESENT
                member_attendance(meeting, membership, status)
            ActionFactory(meeting=meeting, owner=agencies[index], due_on=datetime.date(2016, 6, 1))
    for index, agency in enumerate(agencies):
        session = SessionFactory(course=course, starts_on=datetime.date(2016, 6, 1 + index))
        for _ in range(size):
            BookingFactory(session=session, partner=agency, organisation_name="")
        ELearningEnrolment.objects.create(
            module=module, learner_name="L", partner=agency, allocated_on=datetime.date(2016, 7, 1)
        )
        ContributionFactory(finance_year=year, partner=agency, amount_received=Decimal("10.00"))
    for _ in range(size):
        indicator = IndicatorFactory(board=board)
        IndicatorValueFactory(indicator=indicator, year_start=2016, numerator=5, denominator=10)
        ComparatorValueFactory(
            indicator=indicator, comparator=ComparatorValue.Comparator.ENGLAND, year_start=2016, value=Decimal("40")
        )
    round_ = Round.objects.filter(board=board, start_year=2016).first()
    if round_ is None:
        open_round(board=board, agencies=agencies, by=business_support, deadline=datetime.date(2017, 5, 31))
    else:
        round_.agencies.add(*agencies)
        for agency in agencies:
            SelfReport.objects.create(round=round_, partner=agency)
    assert Action.objects.filter(owner__in=agencies).count() == 2 * size
    return agencies


def count(client, url, data=None, *, board=None) -> int:
    """Queries of one view; with ``board``, of the view that makes the page (nothing kept)."""
    if board is not None:
        cold(board)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["board_member", "business_support"])
def test_the_dashboard_runs_the_same_queries_for_one_agency_as_for_four(
    request, board, business_support, as_user, role, django_assert_max_num_queries
):
    user = request.getfixturevalue(role)
    client = as_user(user)
    url = reverse("dashboards:dashboard")
    build(board, business_support, 1)
    small = count(client, url, {"year": "2016/17"}, board=board)
    kept = count(client, url, {"year": "2016/17"})
    agencies = build(board, business_support, 4)
    cold(board)
    with django_assert_max_num_queries(DASHBOARD_BUDGET):
        response = client.get(url, {"year": "2016/17"})
    assert agencies[3].short_name in response.content.decode()
    assert count(client, url, {"year": "2016/17"}, board=board) == small
    assert count(client, url, {"year": "2016/17"}) == kept <= REPEATED_BUDGET


def test_a_profile_runs_the_same_queries_whatever_the_amount_of_data(
    board, business_support, board_member, as_user, django_assert_max_num_queries
):
    client = as_user(board_member)
    first = build(board, business_support, 1)[0]
    small = count(client, reverse("dashboards:agency-profile", args=[first.pk]), {"year": "2016/17"}, board=board)
    kept = count(client, reverse("dashboards:agency-profile", args=[first.pk]), {"year": "2016/17"})
    busy = build(board, business_support, 4)[0]
    url = reverse("dashboards:agency-profile", args=[busy.pk])
    cold(board)
    with django_assert_max_num_queries(PROFILE_BUDGET):
        response = client.get(url, {"year": "2016/17"})
    assert "Places booked 4" in " ".join(response.content.decode().split()).replace('</dt><dd class="col-sm-7">', " ")
    assert count(client, url, {"year": "2016/17"}, board=board) == small
    assert count(client, url, {"year": "2016/17"}) == kept <= REPEATED_BUDGET


@pytest.mark.parametrize("panel", ["indicators", "attendance", "training", "finance", "returns", "actions"])
def test_each_download_runs_a_bounded_number_of_queries(
    board, business_support, as_user, panel, django_assert_max_num_queries
):
    client = as_user(business_support)
    url = reverse("dashboards:panel-export", args=[panel, "csv"])
    build(board, business_support, 1)
    small = count(client, url, {"year": "2016/17"})
    build(board, business_support, 3)
    with django_assert_max_num_queries(EXPORT_BUDGET):
        client.get(url, {"year": "2016/17"})
    assert count(client, url, {"year": "2016/17"}) == small
