"""Records in the other apps (meetings, training, finance, partner updates) for the annual report
tests, built with each app's factories and services. ``extra`` grows every kind of record, so the
query-count test can run at two data sizes."""

from __future__ import annotations

import datetime
from decimal import Decimal

from finance.models import IncomeLine, StatedFigure
from meetings.models import Attendance, Group, Membership
from partners.models import Partner, StrategicPriority
from reports.selfreports.models import CaseStudy
from tests.finance.factories import (
    ContributionFactory,
    ExpenditureLineFactory,
    FinanceYearFactory,
    IncomeLineFactory,
    StatedFigureFactory,
)
from tests.meetings.factories import GroupFactory, MeetingFactory, MembershipFactory, PersonFactory, member_attendance
from tests.partners.factories import PartnerFactory, PartnerLeadFactory
from tests.reports.factories import accepted, open_round, report_for, section
from tests.training.factories import BookingFactory, CourseFactory, CoursePlanFactory, SessionFactory
from training.models import Booking, ChargeRate, YearStatement


def add_meetings(board, agencies, *, extra=0):
    """The board's group with a chair and one member per agency, and 2 + extra held meetings."""
    group = GroupFactory(board=board, name=f"{board.short_name} Board", kind=Group.Kind.BOARD)
    chair = MembershipFactory(
        group=group,
        person=PersonFactory(full_name="Dr Paula Chair", partner=None),
        partner=None,
        role=Membership.Role.INDEPENDENT_CHAIR,
        job_title="Independent Chair",
    )
    members = [
        MembershipFactory(group=group, person=PersonFactory(partner=agency), job_title=f"Director, {agency.short_name}")
        for agency in agencies
    ]
    for number in range(2 + extra):
        meeting = MeetingFactory(group=group, held_on=datetime.date(2016, 5, 2) + datetime.timedelta(days=7 * number))
        member_attendance(meeting, chair)
        for index, membership in enumerate(members):
            status = Attendance.Status.APOLOGIES if index == 0 and number == 0 else Attendance.Status.PRESENT
            member_attendance(meeting, membership, status=status)
    return group


def add_training(board, agencies, priorities, *, extra=0):
    """Courses (tagged to the first priority) with sessions and bookings, a stated total that does
    not match, and a £30 did-not-attend charge for every sector."""
    for sector in Partner.Sector.values:
        ChargeRate.objects.create(board=board, sector=sector, reason=ChargeRate.Reason.DID_NOT_ATTEND, amount=30)
    for number in range(1 + extra):
        course = CourseFactory(board=board, title=f"Safeguarding course {number}")
        course.priorities.add(priorities[0])
        CoursePlanFactory(course=course, courses_planned=2)
        session = SessionFactory(course=course, starts_on=datetime.date(2016, 6, 1 + number % 28))
        for agency in agencies:
            BookingFactory(session=session, partner=agency, organisation_name="", status=Booking.Status.ATTENDED)
        BookingFactory(session=session, partner=agencies[0], organisation_name="", status=Booking.Status.DID_NOT_ATTEND)
    YearStatement.objects.create(board=board, start_year=2016, source="Training database", attended=999)


def add_finance(board, agencies, *, extra=0):
    """2016/17 lines: 1000 spent per category, 5000 from each agency, 200 training income; the total
    income is stated as 1 pound more than the lines add up to."""
    finance_year = FinanceYearFactory(board=board, start_year=2016, opening_reserves=Decimal("10000"))
    for number in range(1 + extra):
        ExpenditureLineFactory(finance_year=finance_year, category__name=f"Category {number}")
    for agency in agencies:
        ContributionFactory(finance_year=finance_year, partner=agency)
    IncomeLineFactory(finance_year=finance_year, kind=IncomeLine.Kind.TRAINING, amount=Decimal("200"))
    computed = Decimal("5000") * len(agencies) + Decimal("200")
    StatedFigureFactory(
        finance_year=finance_year, figure=StatedFigure.Figure.TOTAL_INCOME, amount=computed + 1, source="Minutes"
    )
    return finance_year


def add_partner_updates(board, agencies, *, reviewer):
    """A round asking every agency (in the order given); all but the last are accepted. The first
    accepted return has a review comment, a published case study and an unpublished one, both
    tagged to priority 1."""
    from reports.selfreports import services

    round_ = open_round(board=board, agencies=agencies, by=reviewer)
    reports = [report_for(round_, agency) for agency in agencies]
    for report in reports[:-1]:
        lead = PartnerLeadFactory(partner=report.partner, boards=[board])
        accepted(report, lead, reviewer)
    first = reports[0]
    services.comment_add(report=first, section=section(first), text="Private review comment", by=reviewer)
    for title, published in (("Published story", True), ("Unpublished story", False)):
        CaseStudy.objects.create(
            report=first,
            title=title,
            text=f"{title} text",
            priority=StrategicPriority.objects.filter(board=board, number=1).first(),
            declaration=CaseStudy.Declaration.ANONYMISED,
            is_for_publication=published,
        )
    return round_


def more_agencies(extra):
    return [
        PartnerFactory(
            name=f"Extra Agency {number:02d}", short_name=f"Extra {number:02d}", sector=Partner.Sector.HEALTH
        )
        for number in range(extra)
    ]
