"""Synthetic data at scale for the benchmark (``manage.py generate_scale_data --factor N``).

Factor 1 is the demo data itself: the seed's 2016/17 year for one board (``load_demo``). A factor
N adds N - 1 synthetic board-years shaped like the seed's year, spread over ``boards`` boards and
``years`` reporting years (1 = 1 x 1, 10 = 2 boards x 5 years, 100 = 10 boards x 10 years; the
demo board's extra years come before 2016/17, so the measured year keeps its figures). Every
board-year holds about the seed's volumes:

    8 groups (per board), 60 meetings with 15 attendance rows each, 40 courses (per board),
    175 classroom sessions with 2,600 bookings, 15 e-learning modules (per board) with 3,400
    licences, a finance year with 30 lines and 15 contributions, a partner-update round with
    15 returns (3 sections, 6 answers each), 20 indicators (per board) with one value a year.

Rows are written with ``bulk_create`` in batches and are the same for the same factor and seed.
Partner agencies are shared by all boards, as in a multi-area portal.
"""

from __future__ import annotations

import datetime
import io
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from finance.models import Contribution, ExpenditureCategory, ExpenditureLine, FinanceYear
from meetings.models import Attendance, Group, Meeting
from partners.models import Board, Partner
from reports.annual.models import Indicator, IndicatorValue
from reports.selfreports.models import Answer, FormSection, FormTemplate, Question, Round, SectionEntry, SelfReport
from training.models import Booking, Course, ELearningEnrolment, ELearningModule, Session

DEMO_YEAR = 2016
BATCH = 2000

#: Volumes of one synthetic board-year (the seed's year: see the module docstring).
MEETINGS = 60
ATTENDEES = 15
SESSIONS = 175
BOOKINGS = 2600
ENROLMENTS = 3400
EXPENDITURE_LINES = 30
CONTRIBUTIONS = 15
RETURNS = 15
SECTIONS = 3
QUESTIONS_PER_SECTION = 2
GROUPS = 8
COURSES = 40
MODULES = 15
INDICATORS = 20
CATEGORIES = 8


@dataclass(frozen=True)
class Shape:
    factor: int
    boards: int
    years: int

    @property
    def board_years(self) -> int:
        return self.boards * self.years


def shape_for(factor: int) -> Shape:
    """Boards x years for a factor: 1 -> 1 x 1, 10 -> 2 x 5, 100 -> 10 x 10."""
    if factor < 1:
        raise ValueError("The factor must be at least 1.")
    years = min(10, max(1, factor // 2))
    return Shape(factor=factor, boards=math.ceil(factor / years), years=years)


def generate(*, factor: int, seed: int = 2017, stdout=None) -> dict[str, int]:
    """Load the demo data, then add the synthetic board-years. Returns rows written per model."""
    call_command("load_demo", stdout=io.StringIO())
    shape = shape_for(factor)
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    demo_board = Board.objects.get(short_name="WSCB")
    partners = list(Partner.objects.order_by("pk"))
    counts: dict[str, int] = {}
    written = 0
    for board_number in range(shape.boards):
        if written >= factor - 1:
            break
        if board_number == 0:
            board = demo_board
            years = [DEMO_YEAR - offset for offset in range(1, shape.years)]
        else:
            board, _ = Board.objects.get_or_create(
                short_name=f"SB{board_number:03d}", defaults={"name": f"Scale Board {board_number:03d}"}
            )
            years = [DEMO_YEAR - offset for offset in range(shape.years)]
        years = years[: factor - 1 - written]
        if not years:
            continue
        with transaction.atomic():
            _board_years(board=board, years=years, partners=partners, rng=rng, counts=counts)
        written += len(years)
        if stdout:
            stdout.write(f"  {board.short_name}: {len(years)} synthetic year(s)")
    return counts


def _bulk(model, rows, counts, **options) -> list:
    created = model.objects.bulk_create(rows, batch_size=BATCH, **options)
    counts[model.__name__] = counts.get(model.__name__, 0) + len(rows)
    return created


def _board_years(*, board, years, partners, rng, counts) -> None:
    tag = board.short_name
    groups = list(Group.objects.filter(board=board).order_by("pk")[:GROUPS])
    if len(groups) < GROUPS:
        groups += _bulk(
            Group,
            [
                Group(board=board, name=f"{tag} scale group {number}", kind=Group.Kind.SUB_GROUP)
                for number in range(len(groups), GROUPS)
            ],
            counts,
        )
    courses = _bulk(
        Course,
        [
            Course(board=board, title=f"{tag} scale course {number}", delivery=Course.Delivery.FACE_TO_FACE)
            for number in range(COURSES)
        ],
        counts,
    )
    modules = _bulk(
        ELearningModule,
        [ELearningModule(board=board, title=f"{tag} scale module {number}") for number in range(MODULES)],
        counts,
    )
    categories = _bulk(
        ExpenditureCategory,
        [
            ExpenditureCategory(board=board, name=f"{tag} scale category {number}", order=100 + number)
            for number in range(CATEGORIES)
        ],
        counts,
    )
    indicators = _bulk(
        Indicator,
        [
            Indicator(
                board=board,
                code=f"{tag.lower()}-scale-{number}",
                order=100 + number,
                name=f"Scale indicator {number}",
                unit=Indicator.Unit.PERCENTAGE,
                numerator_label="Children",
                denominator_label="All children",
                is_active=False,
            )
            for number in range(INDICATORS)
        ],
        counts,
    )
    for year in years:
        _one_year(
            board=board,
            year=year,
            groups=groups,
            courses=courses,
            modules=modules,
            categories=categories,
            indicators=indicators,
            partners=partners,
            rng=rng,
            counts=counts,
        )


def _day(year: int, rng: random.Random) -> datetime.date:
    return datetime.date(year, 4, 1) + datetime.timedelta(days=rng.randrange(365))


def _one_year(*, board, year, groups, courses, modules, categories, indicators, partners, rng, counts) -> None:
    # Meetings: distinct days per group (at most one meeting a group a day).
    meetings = []
    for number in range(MEETINGS):
        group = groups[number % len(groups)]
        held_on = datetime.date(year, 4, 1) + datetime.timedelta(days=(number // len(groups)) * 40 + number % 7)
        meetings.append(Meeting(group=group, held_on=held_on, reporting_year=year, status=Meeting.Status.HELD))
    meetings = _bulk(Meeting, meetings, counts, ignore_conflicts=False)
    statuses = [Attendance.Status.PRESENT] * 6 + [Attendance.Status.APOLOGIES, Attendance.Status.ABSENT]
    _bulk(
        Attendance,
        [
            Attendance(
                meeting=meeting,
                name=f"Attendee {number}",
                partner=partners[(number + index) % len(partners)],
                status=rng.choice(statuses),
            )
            for index, meeting in enumerate(meetings)
            for number in range(ATTENDEES)
        ],
        counts,
    )
    sessions = _bulk(
        Session,
        [
            Session(
                course=courses[number % len(courses)],
                starts_on=_day(year, rng),
                places_available=20,
                venue="Scale venue",
                status=Session.Status.DELIVERED,
            )
            for number in range(SESSIONS)
        ],
        counts,
    )
    booking_statuses = [Booking.Status.ATTENDED] * 7 + [Booking.Status.CANCELLED, Booking.Status.DID_NOT_ATTEND]
    bookings = []
    for number in range(BOOKINGS):
        partner = partners[rng.randrange(len(partners))] if number % 10 else None
        bookings.append(
            Booking(
                session=sessions[number % len(sessions)],
                delegate_name=f"Delegate {number}",
                partner=partner,
                organisation_name="" if partner else "Community group",
                status=rng.choice(booking_statuses),
            )
        )
    _bulk(Booking, bookings, counts)
    enrolments = []
    for number in range(ENROLMENTS):
        partner = partners[rng.randrange(len(partners))] if number % 8 else None
        allocated = _day(year, rng)
        completed = allocated + datetime.timedelta(days=rng.randrange(60)) if rng.random() < 0.7 else None
        enrolments.append(
            ELearningEnrolment(
                module=modules[number % len(modules)],
                learner_name=f"Learner {number}",
                partner=partner,
                organisation_name="" if partner else "Community group",
                allocated_on=allocated,
                completed_on=completed,
            )
        )
    _bulk(ELearningEnrolment, enrolments, counts)
    # Finance: the earliest year held carries the reserves brought forward.
    finance_year, created = FinanceYear.objects.get_or_create(
        board=board, start_year=year, defaults={"opening_reserves": Decimal("50000.00")}
    )
    if created:
        counts["FinanceYear"] = counts.get("FinanceYear", 0) + 1
        FinanceYear.objects.filter(board=board, start_year__gt=year).update(opening_reserves=None)
        if not FinanceYear.objects.filter(board=board, start_year__lt=year).exists():
            FinanceYear.objects.filter(pk=finance_year.pk).update(opening_reserves=Decimal("50000.00"))
    _bulk(
        ExpenditureLine,
        [
            ExpenditureLine(
                finance_year=finance_year,
                category=categories[number % len(categories)],
                kind=ExpenditureLine.Kind.ACTUAL if number % 3 else ExpenditureLine.Kind.BUDGET,
                amount=Decimal(rng.randrange(100, 20000)),
                description=f"Scale line {number}",
            )
            for number in range(EXPENDITURE_LINES)
        ],
        counts,
    )
    _bulk(
        Contribution,
        [
            Contribution(finance_year=finance_year, partner=partner, amount_agreed=Decimal(rng.randrange(1000, 60000)))
            for partner in partners[:CONTRIBUTIONS]
        ],
        counts,
        ignore_conflicts=True,
    )
    # Partner updates: a form, a round and one return per agency with its answers.
    template, _ = FormTemplate.objects.get_or_create(
        board=board, start_year=year, defaults={"frozen_at": timezone.now()}
    )
    sections = list(template.sections.order_by("order"))
    if not sections:
        sections = _bulk(
            FormSection,
            [FormSection(template=template, order=order, heading=f"Section {order}") for order in range(SECTIONS)],
            counts,
        )
        _bulk(
            Question,
            [
                Question(section=section, order=order, key=f"q{order}", text=f"Question {order}")
                for section in sections
                for order in range(QUESTIONS_PER_SECTION)
            ],
            counts,
        )
    round_, created = Round.objects.get_or_create(
        board=board, start_year=year, defaults={"template": template, "deadline": datetime.date(year + 1, 5, 31)}
    )
    if not created:
        return
    asked = partners[:RETURNS]
    round_.agencies.add(*asked)
    report_statuses = list(SelfReport.Status)
    reports = _bulk(
        SelfReport,
        [SelfReport(round=round_, partner=partner, status=rng.choice(report_statuses)) for partner in asked],
        counts,
    )
    entries = _bulk(
        SectionEntry,
        [SectionEntry(report=report, section=section) for report in reports for section in sections],
        counts,
    )
    _bulk(
        Answer,
        [
            Answer(entry=entry, key=f"q{order}", value=f"Answer {order} from the scale data.")
            for entry in entries
            for order in range(QUESTIONS_PER_SECTION)
        ],
        counts,
    )
    _bulk(
        IndicatorValue,
        [
            IndicatorValue(indicator=indicator, year_start=year, numerator=rng.randrange(10, 90), denominator=100)
            for indicator in indicators
        ],
        counts,
        ignore_conflicts=True,
    )
