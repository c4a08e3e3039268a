"""A second board in the same installation, built through the services: the fixtures
``second_board`` (the partnership, its agencies and people who sign in) and
``second_board_records`` (a year of its records in every app), in tests/conftest.py.

It is a *Partnership* and none of its names or texts say "Board", so a page, e-mail or report of
it that does say "Board" got the word from the portal, not from its data. Nothing here is shared
with the first board: every name starts with "Midshire", so a first-board page that shows one of
them (or a second-board page showing the first board's) is a leak. One of its agencies has the
short name "Probation", as the demo's National Probation Service does.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from types import SimpleNamespace

from partners.models import Board, Partner, Person
from partners.services import agency_join_board, person_join_board
from tests.partners.factories import UserFactory
from wscb.periods import ReportingYear
from wscb.roles import Role

YEAR = ReportingYear(2016)

AGENCIES = [
    # (name, short name, sector, statutory)
    ("Midshire County Council", "Midshire Council", Partner.Sector.LOCAL_AUTHORITY, True),
    ("Midshire Constabulary", "Midshire Police", Partner.Sector.POLICE, True),
    ("Midshire Health and Care Trust", "MHCT", Partner.Sector.HEALTH, True),
    ("Midshire Probation Delivery Unit", "Probation", Partner.Sector.PROBATION, False),
]


def build_second_board() -> SimpleNamespace:
    """The partnership, its four agencies (members through the service) and its users."""
    board = Board.objects.create(
        name="Midshire Children's Safeguarding Partnership", short_name="MCSP", term=Board.Term.PARTNERSHIP
    )
    agencies = {}
    for name, short_name, sector, statutory in AGENCIES:
        partner = Partner.objects.create(name=name, short_name=short_name, sector=sector)
        agency_join_board(partner=partner, board=board, is_statutory=statutory, started_on=datetime.date(2016, 4, 1))
        agencies[short_name] = partner
    support = UserFactory(
        email="support@midshire.test", full_name="Morgan Midshire-Support", role=Role.BUSINESS_SUPPORT, boards=[board]
    )
    member = UserFactory(
        email="chair@midshire.test", full_name="Rowan Midshire-Chair", role=Role.BOARD_MEMBER, boards=[board]
    )
    lead = UserFactory(
        email="lead@midshire-police.test",
        full_name="Ash Midshire-Lead",
        role=Role.PARTNER_LEAD,
        partner=agencies["Midshire Police"],
        boards=[board],
    )
    administrator = UserFactory(email="admin@midshire.test", full_name="Kit Midshire-Admin", role=Role.ADMINISTRATOR)
    administrator.last_board = board  # works in the partnership (the header's switcher remembers it)
    administrator.save(update_fields=["last_board"])
    return SimpleNamespace(
        board=board,
        agencies=agencies,
        council=agencies["Midshire Council"],
        police=agencies["Midshire Police"],
        health=agencies["MHCT"],
        probation=agencies["Probation"],
        business_support=support,
        board_member=member,
        lead=lead,
        administrator=administrator,
    )


def build_second_board_records(second: SimpleNamespace) -> SimpleNamespace:
    """A 2016/17 year of the partnership's records in every app, through the apps' services."""
    board, by = second.board, second.business_support
    records = SimpleNamespace()
    records.priorities = _priorities(board)
    records.people, records.group, records.meeting = _meetings(second)
    records.course, records.delivered, records.cancelled = _training(second)
    records.finance_year = _finance(second)
    records.round, records.report = _partner_update(second)
    records.indicator = _annual(second, records.priorities)
    second.records = records
    assert by.boards.filter(pk=board.pk).exists()
    return records


def _priorities(board):
    from partners.models import KeyObjective, StrategicPriority

    priorities = []
    for number, title in enumerate(
        ("Midshire children are safe from neglect", "Midshire practitioners learn from reviews"), start=1
    ):
        priority = StrategicPriority.objects.create(
            board=board, plan_period="2016-19", first_year=2016, last_year=2018, number=number, title=title
        )
        KeyObjective.objects.create(priority=priority, order=1, text=f"Midshire objective for priority {number}")
        priorities.append(priority)
    return priorities


def _meetings(second):
    from meetings import services
    from meetings.models import Action, Group, Meeting, Membership

    board = second.board
    group = Group.objects.create(
        board=board, name="Midshire Partnership meeting", kind=Group.Kind.BOARD, quorum_minimum_members=2
    )
    Group.objects.create(board=board, name="Midshire Learning Group", kind=Group.Kind.SUB_GROUP)
    chair = Person.objects.create(full_name="Dana Midshire-Chair", job_title="Independent Chair")
    people = [chair]
    memberships = [
        Membership.objects.create(
            person=chair,
            group=group,
            role=Membership.Role.INDEPENDENT_CHAIR,
            status=Membership.Status.FULL,
            order=1,
            started_on=datetime.date(2016, 4, 1),
        )
    ]
    for order, partner in enumerate((second.council, second.police, second.health, second.probation), start=2):
        person = Person.objects.create(
            full_name=f"{partner.short_name} Midshire Representative", job_title="Head of Safeguarding", partner=partner
        )
        people.append(person)
        memberships.append(
            Membership.objects.create(
                person=person,
                group=group,
                partner=partner,
                status=Membership.Status.ADVISOR if partner == second.probation else Membership.Status.FULL,
                order=order,
                started_on=datetime.date(2016, 4, 1),
            )
        )
    for person in people:
        person_join_board(person=person, board=board)
    group.chair = chair
    group.save(update_fields=["chair"])
    meeting = services.meeting_save(
        meeting=Meeting(group=group, held_on=datetime.date(2016, 9, 14), venue="Midshire Hall"),
        by=second.business_support,
    )
    entries = [
        services.MemberEntry(membership=membership, status="present" if index < 3 else "apologies")
        for index, membership in enumerate(memberships)
    ]
    services.attendance_record(
        meeting=meeting, entries=entries, others=[], version=meeting.version, by=second.board_member
    )
    Action.objects.create(
        meeting=meeting,
        description="Midshire neglect audit to be shared with every agency",
        owner=second.council,
        due_on=datetime.date(2016, 12, 1),
    )
    return people, group, Meeting.objects.get(pk=meeting.pk)


def _training(second):
    from training import services
    from training.models import Booking, Course, CoursePlan, Session, TrainingPolicy

    board = second.board
    TrainingPolicy.objects.create(board=board)
    course = Course.objects.create(board=board, title="Midshire neglect toolkit", delivery=Course.Delivery.FACE_TO_FACE)
    CoursePlan.objects.create(
        course=course, start_year=YEAR.start_year, programme=CoursePlan.Programme.AGREED, position=1, courses_planned=2
    )
    delivered = Session.objects.create(course=course, starts_on=datetime.date(2016, 10, 4), places_available=20)
    cancelled = Session.objects.create(course=course, starts_on=datetime.date(2016, 11, 8), places_available=15)
    for number, partner in enumerate((second.council, second.police, second.health), start=1):
        services.booking_create(
            session=delivered,
            delegate=services.Delegate(
                name=f"Midshire Delegate {number}", email=f"delegate{number}@midshire.test", partner=partner
            ),
        )
    delivered.refresh_from_db()
    outcomes = {booking.pk: Booking.Status.ATTENDED for booking in delivered.bookings.all()}
    services.attendance_record(session=delivered, outcomes=outcomes, version=delivered.version)
    cancelled.refresh_from_db()
    services.session_cancel(
        session=cancelled,
        reason=Session.CancellationReason.TRAINER_UNAVAILABLE,
        on=datetime.date(2016, 11, 1),
        version=cancelled.version,
    )
    return course, Session.objects.get(pk=delivered.pk), Session.objects.get(pk=cancelled.pk)


def _finance(second):
    from finance import services

    by = second.business_support
    finance_year = services.finance_year_open(board=second.board, year=YEAR, opening_reserves=Decimal("12000.00"))
    category = services.category_create(board=second.board, name="Midshire partnership business unit")
    services.expenditure_line_create(
        finance_year=finance_year, by=by, category=category, amount=Decimal("8500.00"), description="Midshire staffing"
    )
    services.contribution_create(
        finance_year=finance_year, by=by, partner=second.council, amount_agreed=Decimal("30000.00")
    )
    services.contribution_create(
        finance_year=finance_year, by=by, partner=second.police, amount_agreed=Decimal("9000.00")
    )
    return finance_year


def _partner_update(second):
    from tests.reports.factories import accepted, open_round, report_for

    round_ = open_round(board=second.board, agencies=[second.police, second.health], by=second.business_support)
    report = accepted(report_for(round_, second.police), second.lead, second.business_support)
    return round_, report


def _annual(second, priorities):
    from reports.annual import services
    from reports.annual.models import ContextFact, EngagementEvent, Indicator, IndicatorValue, NarrativeSection

    board = second.board
    ContextFact.objects.create(
        board=board,
        year_start=YEAR.start_year,
        kind=ContextFact.Kind.CHILD_POPULATION,
        label="Midshire children",
        value=Decimal("51200"),
    )
    indicator = Indicator.objects.create(
        board=board,
        code="mcsp-cpp-rate",
        name="Midshire children on a child protection plan",
        unit=Indicator.Unit.RATE,
        numerator_label="Children on a plan",
        polarity=Indicator.Polarity.NEITHER,
        priority=priorities[0],
    )
    IndicatorValue.objects.create(indicator=indicator, year_start=YEAR.start_year, numerator=212, denominator=51200)
    for kind in NarrativeSection.REQUIRED:
        services.narrative_save(
            board=board,
            year=YEAR,
            kind=kind,
            body=f"The Midshire partnership's {kind.replace('_', ' ')} text for {YEAR.label}.",
            signed_by="Dana Midshire-Chair" if kind == NarrativeSection.Kind.FOREWORD else "",
            version=0,
            by=second.business_support,
        )
    EngagementEvent.objects.create(
        board=board,
        year_start=YEAR.start_year,
        held_on=datetime.date(2016, 7, 2),
        audience=EngagementEvent.Audience.CHILDREN,
        title="Midshire youth forum",
        reach=40,
    )
    return indicator


# --- checking that a response shows nothing of another board ------------------------------------
def board_rows(board) -> dict:
    """Every row of every board-scoped model that belongs to ``board``: {model: {pk: str(row)}}."""
    from django.apps import apps

    from wscb.scoping import board_filter, is_board_scoped, scopes_disabled

    rows = {}
    with scopes_disabled():
        for model in apps.get_models():
            if is_board_scoped(model):
                rows[model] = {row.pk: str(row) for row in model._base_manager.filter(board_filter(model, board.pk))}
    return rows


def board_markers(board, rows: dict, *, except_in: dict | None = None) -> set[str]:
    """Texts that name ``board``'s records: its names, its agencies' and people's names, its users'
    names and e-mail addresses, and each row's text (ten characters or more), but none that is or is
    part of a text of the other board's rows, given as ``except_in``."""
    from partners.models import BoardMembership, Partner, Person, User
    from wscb.scoping import scopes_disabled

    shared = {text for texts in (except_in or {}).values() for text in texts.values()}
    markers = {board.name, board.short_name}
    with scopes_disabled():
        for partner in Partner.objects.filter(board_memberships__board=board):
            if not BoardMembership.objects.filter(partner=partner).exclude(board=board).exists():
                markers |= {partner.name, partner.short_name}
        markers |= {person.full_name for person in Person.objects.filter(boards=board)}
        for user in User.objects.filter(boards=board):
            if not user.boards.exclude(pk=board.pk).exists():
                markers |= {user.full_name, user.email}
    for model_rows in rows.values():
        markers |= {text for text in model_rows.values() if len(text) >= 10 and text not in shared}
    # A text the other board's own records contain is no sign of this board ("Probation" is the short
    # name of an agency of each, and part of the other's "Midshire Probation Delivery Unit").
    return {marker for marker in markers if len(marker) >= 4 and not any(marker in text for text in shared)}


def leaks(response, rows: dict, markers: set[str]) -> list[str]:
    """What of the other board a response shows: its records in the page's context (and offered by
    the choice fields of its forms and formsets), its texts in the page."""
    from django.db.models import Model, QuerySet
    from django.forms import BaseForm, BaseFormSet

    found = []
    seen = set()

    def check(value):
        if isinstance(getattr(value, "form", None), BaseForm):  # the back office's AdminForm
            value = value.form
        elif isinstance(getattr(value, "formset", None), BaseFormSet):  # and InlineAdminFormSet
            value = value.formset
        if isinstance(value, BaseForm) and id(value) not in seen:
            seen.add(id(value))
            found.extend(choice_leaks(value, rows))
        elif isinstance(value, BaseFormSet) and id(value) not in seen:
            seen.add(id(value))
            for form in value.forms:  # (not empty_form: a new one each time, made here outside the request)
                check(form)
        elif isinstance(value, Model):
            if value.pk in rows.get(type(value), {}):
                found.append(f"{type(value)._meta.label} #{value.pk} in the context")
        elif isinstance(value, QuerySet) and id(value) not in seen:
            seen.add(id(value))
            for item in list(value[:500]) if not value.query.is_sliced else list(value):
                check(item)
        elif isinstance(value, list | tuple | set) and id(value) not in seen:
            seen.add(id(value))
            for item in list(value)[:500]:
                check(item)

    for context in response.context or []:
        for layer in getattr(context, "dicts", [context]):
            for value in layer.values() if isinstance(layer, dict) else []:
                check(value)
    content = response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
    # The header's switcher names the boards the user may work in (every one, for an administrator).
    content = re.sub(r'<form[^>]*class="[^"]*board-switch.*?</form>', "", content, flags=re.DOTALL)
    text = content.replace("&#x27;", "'").replace("&amp;", "&").replace("&quot;", '"')
    found += [f"text {marker!r}" for marker in sorted(markers) if marker in text]
    return found


def choice_leaks(form, rows: dict) -> list[str]:
    """Options of ``form``'s choice fields that are rows of ``rows`` (the other board's)."""
    found = []
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        for option in queryset[:500]:
            if option.pk in rows.get(type(option), {}):
                found.append(f"{form.__class__.__name__}.{name} offers {type(option)._meta.label} #{option.pk}")
    return found
