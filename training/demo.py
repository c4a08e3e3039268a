"""Demo training data for 2016/17 from seed section 7: the totals the seed states, no invented detail.

How the seed's flattened tables are read (shared/seed/wscb-annual-report-2016-17.txt, about lines
1600-1930). PDF extraction put each row's title on one or more lines and its figures on one line,
in the column order of the table heading; a blank cell simply has no number.

Table One (courses and trainers agreed); columns: courses planned, courses delivered, places
available, attended.
  "Building Resilience in Young People" 4 2 66 23 · "Child Sexual Exploitation (CSE)" 6 4 132 68 ·
  "Children's Advocacy" 3 2 54 16 · "Domestic Abuse in Wigan 2 days" 3 3 60 49 ·
  "Fabricated Induced Illness" 2 1 36 14 · "Graded Care only" 4 4 then two blank cells (places and
  attendance not recorded) · "Local Authority Designated Offer (LADO)" 5 0 90 0 (the seed's own
  wording kept) · "MAPPA" 3 2 54 35 · "Private Fostering" 3 1 45 6 · "Safeguarding Awareness and the
  Early Help process" 2 3 150 15 (more delivered than planned, as the seed says: listed) · "Safeguarding
  Children from sexual abuse" 2 0 36 0 · "Safeguarding and Working with adolescents" 3 3 56 50 ·
  "Safe Sleep Training" 7 7 200 88 · "Supporting Parents who use substances" 3 2 54 15 (the title's
  second line "substances" comes after the figures) · "WRAP" 18 16 320 232.
Table Two (course trainers and courses not agreed); same columns.
  "Adolescent Mental Health" 0 0 0 0 · "Child Protection Conferencing and CORE group" 3 0 0 0 ·
  "Compromised Care" 0 0 0 0 · "Drug and Alcohol Identification and Brief Intervention tool" 6 3 120
  32 ("Joann Hitchen" under the title is its trainer) · "Graded Care Profile and neglect" 0 0 0 0 ·
  "Human Trafficking /Modern slavery" 0 0 0 0 · "Mental Health and Parenting" 3 1 54 10 · "Physical
  injuries in children" 4 0 320 0 · "Professional Curiosity and challenge NEW": every cell blank (a
  new course, no plan yet) · "Public Law Outline" 2 0 36 0 · "Responding to the death of a child"
  0 0 0 0 · "Safeguarding Children CORE (level 3, part 2)" 0 0 0 0 · "Safeguarding Children with
  Disabilities" 3 0 54 20 (20 attended although none delivered: kept, and listed by the
  reconciliation) · "Safeguarding adults Foundation From
  June" 6 5 120 80 · "Safeguarding adults S42 Enquiries From June" 5 3 100 41 · "Safeguarding adults
  S42 Practice From June" 2 2 80 34 · "Supervision skills" 3 2 48 28 · "Working with Fathers" 2 0
  then two blank cells · "Working with Homeless and Vulnerable people" 0 0 0 0 · "Working Together
  (formerly level 3)" 0 0 0 0.
Commissioned / additional courses 2016/17; columns: impact report, planned, delivered, cancelled,
places available, attended ("No"/"None" cancelled = 0, "One" = 1).
  "Awareness of sexual behaviours in prepubescent children" Yes 1 1 No 25 25 · "A new approach to CP
  assessment and intervention" Yes 1 1 No 100 90 · "A New Mindset and model for CP 2 day" Yes 1 1 No
  25 26 (one more attended than places: kept) · "Child Sexual Exploitation" (trainer Nicholas Marsh;
  titled "... (commissioned)" here to tell it from Table One's course) Yes 2 2 No 100 54 · "Locality
  Briefings May" Yes 6 5 One 480 246 · "Locality Briefings Nov" Yes 6 6 None 530 414.

How they are recorded: the seed gives each course's year totals and nothing finer (no session
dates, no delegates, no agencies), so each row is a ``CoursePlan`` with its stated totals
(``stated_delivered``, ``stated_places``, ``stated_attended``; ``stated_cancelled`` for the
commissioned table) and no sessions or bookings: the tables print the totals, and everything that
would need the detail (uptake by agency, bookings recorded, cancelled sessions by date, charges)
prints as not recorded or is left out.

Cancellations: the seed states 47 in total, 34 for lack of participants, 11 trainer availability, 2
room (Ofsted): kept as the ``YearStatement``. The tables show only 43 planned dates not delivered, so
the reconciliation lists the 47 as more than the tables allow.

Headline (Virtual College, 1 April 2016 - 7 March 2017): 2603 booked, 1497 attended, 558 cancelled,
241 did not attend; stated, not derivable from the tables (which add to 1711 attended). 2603 -
(1497 + 558 + 241) = 307 places unaccounted for, shown as the seed says. 2015/16 attended is stated
as 1497 + 1124 = 2621 ("1124 less people attended ... a decrease of 40%"); the 40% is checked as a
figure in the text (it is 42.9%).

E-learning: 5,000 licences a year; the cost per licence is stated (£1.53, 2015/16 £1.68), the
package cost is not. 3,371 allocated, 3,274 completed and 87.5% completion are stated (3,274 of
3,371 is 97.1%). Completions by module are the chart's: its 14 values pair in order with its 13
labels (1087, 649, 650, 119, 103, 101, 101, 73, 63, 60, 50, 36, 29); the 14th value, 2, has no label,
so it is recorded against a module named as not named. They add to 3,123 (not the stated 3,274).
Allocations by module are not given, so none are recorded.

Other activity: whole-school training 57 schools, 1471 staff, volunteers and governors; taxi drivers
1300 ("over 1300 ... to date"); children and young people 120 (3500 in 2015/16).

Charges: the seed names only a £25 charge that "could be applied for non-completion of each
module"; that is the only rate recorded (for every sector). No late cancellation or did-not-attend
rate is given, so none is recorded.
"""

from datetime import date, time, timedelta
from decimal import Decimal

from partners.models import Partner, StrategicPriority
from training.models import (
    ChargeRate,
    Course,
    CoursePlan,
    ELearningModule,
    ELearningModuleTotal,
    ELearningPackage,
    OtherActivity,
    TrainingPolicy,
    YearStatement,
)

YEAR = 2016
AGREED, NOT_AGREED, COMMISSIONED = CoursePlan.Programme.values

# (title, planned, delivered, places available, attended); None = a blank cell in the seed.
TABLE_ONE = [
    ("Building Resilience in Young People", 4, 2, 66, 23),
    ("Child Sexual Exploitation (CSE)", 6, 4, 132, 68),
    ("Children's Advocacy", 3, 2, 54, 16),
    ("Domestic Abuse in Wigan (2 days)", 3, 3, 60, 49),
    ("Fabricated Induced Illness", 2, 1, 36, 14),
    ("Graded Care", 4, 4, None, None),
    ("Local Authority Designated Offer (LADO)", 5, 0, 90, 0),
    ("MAPPA", 3, 2, 54, 35),
    ("Private Fostering", 3, 1, 45, 6),
    ("Safeguarding Awareness and the Early Help process", 2, 3, 150, 15),
    ("Safeguarding Children from sexual abuse", 2, 0, 36, 0),
    ("Safeguarding and Working with adolescents", 3, 3, 56, 50),
    ("Safe Sleep Training", 7, 7, 200, 88),
    ("Supporting Parents who use substances", 3, 2, 54, 15),
    ("WRAP", 18, 16, 320, 232),
]
TABLE_TWO = [
    ("Adolescent Mental Health", 0, 0, 0, 0),
    ("Child Protection Conferencing and CORE group", 3, 0, 0, 0),
    ("Compromised Care", 0, 0, 0, 0),
    ("Drug and Alcohol Identification and Brief Intervention tool", 6, 3, 120, 32),
    ("Graded Care Profile and neglect", 0, 0, 0, 0),
    ("Human Trafficking / Modern slavery", 0, 0, 0, 0),
    ("Mental Health and Parenting", 3, 1, 54, 10),
    ("Physical injuries in children", 4, 0, 320, 0),
    ("Professional Curiosity and challenge", None, None, None, None),
    ("Public Law Outline", 2, 0, 36, 0),
    ("Responding to the death of a child", 0, 0, 0, 0),
    ("Safeguarding Children CORE (level 3, part 2)", 0, 0, 0, 0),
    ("Safeguarding Children with Disabilities", 3, 0, 54, 20),
    ("Safeguarding adults Foundation (from June)", 6, 5, 120, 80),
    ("Safeguarding adults S42 Enquiries (from June)", 5, 3, 100, 41),
    ("Safeguarding adults S42 Practice (from June)", 2, 2, 80, 34),
    ("Supervision skills", 3, 2, 48, 28),
    ("Working with Fathers", 2, 0, None, None),
    ("Working with Homeless and Vulnerable people", 0, 0, 0, 0),
    ("Working Together (formerly level 3)", 0, 0, 0, 0),
]
# (title, impact report, planned, delivered, cancelled, places available, attended)
COMMISSIONED_TABLE = [
    ("Awareness of sexual behaviours in prepubescent children", True, 1, 1, 0, 25, 25),
    ("A new approach to CP assessment and intervention", True, 1, 1, 0, 100, 90),
    ("A New Mindset and model for CP (2 day)", True, 1, 1, 0, 25, 26),
    ("Child Sexual Exploitation (commissioned)", True, 2, 2, 0, 100, 54),
    ("Locality Briefings May", True, 6, 5, 1, 480, 246),
    ("Locality Briefings Nov", True, 6, 6, 0, 530, 414),
]
TRAINERS = {
    "Drug and Alcohol Identification and Brief Intervention tool": "Joann Hitchen",
    "Child Sexual Exploitation (commissioned)": "Nicholas Marsh",
}

STATEMENTS = {
    2016: {
        "source": "Virtual College data, 1 April 2016 to 7 March 2017",
        "places_booked": 2603,
        "attended": 1497,
        "cancelled": 558,
        "did_not_attend": 241,
        "sessions_cancelled": 47,
        "cancelled_lack_of_participants": 34,
        "cancelled_trainer_unavailable": 11,
        "cancelled_room_unavailable": 2,
    },
    2015: {"source": "1124 more than attended in 2016/17", "attended": 1497 + 1124},
}

#: The chart's fourteenth value has no label: the module is recorded as not named.
UNNAMED_MODULE = "Module not named in the provider's chart"
MODULE_COMPLETIONS = [
    ("Awareness of Child Abuse and Neglect (foundation and Core)", 1087),
    ("Safeguarding Children from Abuse by Sexual Exploitation", 649),
    ("Safeguarding Adults", 650),
    ("Mental Capacity Act", 119),
    ("Introduction to Safeguarding Children", 103),
    ("Safeguarding Children from Sexual Exploitation", 101),
    ("Domestic Abuse in Wigan", 101),
    ("Hidden Harm", 73),
    ("Information Sharing", 63),
    ("E-Safety", 60),
    ("Safer Recruitment", 50),
    ("Early Help", 36),
    ("Safeguarding Children with Disabilities", 29),
    (UNNAMED_MODULE, 2),
]
PACKAGES = {
    2016: {
        "licences_purchased": 5000,
        "cost": None,
        "stated_cost_per_licence": Decimal("1.53"),
        "stated_allocated": 3371,
        "stated_completed": 3274,
        "stated_completion_rate": Decimal("87.5"),
    },
    2015: {"licences_purchased": None, "cost": None, "stated_cost_per_licence": Decimal("1.68")},
}
ACTIVITY = [
    (2016, OtherActivity.Kind.WHOLE_SCHOOL, "Level one whole-school training", 57, 1471),
    (2016, OtherActivity.Kind.PROGRAMME, "Taxi drivers: disability awareness and CSE", None, 1300),
    (2016, OtherActivity.Kind.CHILDREN_AND_YOUNG_PEOPLE, "Children and young people trained", None, 120),
    (2015, OtherActivity.Kind.CHILDREN_AND_YOUNG_PEOPLE, "Children and young people trained", None, 3500),
]
#: "a £25 charge could be applied for non-completion of each module": the only charge the seed names.
ELEARNING_CHARGE = Decimal("25.00")


def _rows():
    for position, (title, planned, delivered, places, attended) in enumerate(TABLE_ONE, start=1):
        yield AGREED, position, title, False, planned, delivered, None, places, attended
    for position, (title, planned, delivered, places, attended) in enumerate(TABLE_TWO, start=1):
        yield NOT_AGREED, position, title, False, planned, delivered, None, places, attended
    for position, (title, impact, planned, delivered, cancelled, places, attended) in enumerate(
        COMMISSIONED_TABLE, start=1
    ):
        yield COMMISSIONED, position, title, impact, planned, delivered, cancelled, places, attended


def _delivery(programme: str, title: str) -> str:
    if title.startswith("Locality Briefings"):
        return Course.Delivery.LOCALITY_BRIEFING
    return Course.Delivery.COMMISSIONED if programme == COMMISSIONED else Course.Delivery.FACE_TO_FACE


def _load_courses(board) -> None:
    workforce = StrategicPriority.objects.filter(board=board, plan_period="2015-18", number=5).first()
    for programme, position, title, impact, planned, delivered, cancelled, places, attended in _rows():
        course, _ = Course.objects.update_or_create(
            board=board,
            title=title,
            defaults={"delivery": _delivery(programme, title), "description": _trainer(title)},
        )
        if workforce is not None:
            course.priorities.add(workforce)
        CoursePlan.objects.update_or_create(
            course=course,
            start_year=YEAR,
            defaults={
                "programme": programme,
                "position": position,
                "courses_planned": planned,
                "are_figures_recorded": places is not None,
                "stated_delivered": delivered,
                "stated_cancelled": cancelled,
                "stated_places": places,
                "stated_attended": attended,
                "has_impact_report": impact,
            },
        )


def _trainer(title: str) -> str:
    return f"Trainer named in the report: {TRAINERS[title]}." if title in TRAINERS else ""


def _load_elearning(board) -> None:
    for start_year, values in PACKAGES.items():
        ELearningPackage.objects.update_or_create(board=board, start_year=start_year, defaults=values)
    ELearningModule.objects.update_or_create(
        board=board, title="Safeguarding in Education", defaults={"is_in_package": False}
    )
    for position, (title, completed) in enumerate(MODULE_COMPLETIONS, start=1):
        module, _ = ELearningModule.objects.update_or_create(board=board, title=title, defaults={"is_in_package": True})
        ELearningModuleTotal.objects.update_or_create(
            module=module, start_year=YEAR, defaults={"completed": completed, "allocated": None, "position": position}
        )


def load_for_board(*, board) -> None:
    """Create or refresh the 2016/17 training records (safe to run again)."""
    # The seed's places columns count every session's places, cancelled ones too (its LADO row: 90
    # places, no course delivered), so the demo board says so.
    TrainingPolicy.objects.update_or_create(
        board=board,
        defaults={"late_cancellation_days": 7, "places_count": TrainingPolicy.PlacesCount.ALL_SESSIONS},
    )
    for sector in Partner.Sector.values:
        ChargeRate.objects.update_or_create(
            board=board,
            sector=sector,
            reason=ChargeRate.Reason.ELEARNING_NOT_COMPLETED,
            defaults={"amount": ELEARNING_CHARGE},
        )
    for start_year, values in STATEMENTS.items():
        YearStatement.objects.update_or_create(board=board, start_year=start_year, defaults=values)
    for start_year, kind, description, settings_count, people in ACTIVITY:
        OtherActivity.objects.update_or_create(
            board=board,
            start_year=start_year,
            kind=kind,
            description=description,
            defaults={"settings_count": settings_count, "people_trained": people},
        )
    _load_courses(board)
    _load_elearning(board)
    _load_self_service(board)


#: The catalogue's upcoming sessions (not from the seed): days from the day the demo is loaded, times,
#: venue (blank: online). They fall in the current year, never in 2016/17, so the seed's tables are
#: unchanged.
UPCOMING = [
    ("Safe Sleep Training", 14, time(9, 30), time(12, 30), "Wigan Life Centre, The Wiend"),
    ("Child Sexual Exploitation (CSE)", 21, time(9, 30), time(16, 0), ""),
    ("Supervision skills", 35, time(13, 0), time(16, 30), "Leigh Town Hall"),
]
#: The demo learners' organisations (not from the seed): one of the board's agencies, and a voluntary group.
LEARNER_ORGANISATIONS = {
    "learner.one@demo.test": "Wigan Council",
    "learner.two@demo.test": "Youth project (voluntary sector)",
}


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _load_self_service(board) -> None:
    """The public catalogue's upcoming sessions and the two demo learners' records (safe to run again:
    each course keeps one upcoming demo session, moved to the new date)."""
    from django.utils import timezone

    from partners.models import User
    from training.models import Booking, Learner, Session
    from wscb.roles import Role

    today = timezone.localdate()
    # The policy the catalogue shows is the seed's only charge; no did-not-attend or late cancellation
    # charge is given in the seed, so none is stated.
    TrainingPolicy.objects.filter(board=board).update(
        charging_policy=(
            f"A £{ELEARNING_CHARGE:.2f} charge could be applied for non-completion of each e-learning module."
        )
    )
    for title, days, starts, ends, venue in UPCOMING:
        course = Course.objects.get(board=board, title=title)
        defaults = {
            "starts_on": _weekday(today + timedelta(days=days)),
            "start_time": starts,
            "end_time": ends,
            "venue": venue,
            "is_online": not venue,
            "places_available": 20,
            "joining_instructions": (
                "Please arrive 10 minutes early and sign in at reception."
                if venue
                else "The link to join the online session is e-mailed the day before."
            ),
        }
        upcoming = Session.objects.filter(
            course=course, status=Session.Status.SCHEDULED, starts_on__gt=date(2017, 3, 31)
        )
        session = upcoming.first()
        if session is None:
            Session.objects.create(course=course, **defaults)
        else:
            Session.objects.filter(pk=session.pk).update(**defaults)
    agencies = {partner.name: partner for partner in Partner.objects.filter(board_memberships__board=board)}
    for user in User.objects.filter(role=Role.LEARNER, email__in=LEARNER_ORGANISATIONS, boards=board):
        organisation = LEARNER_ORGANISATIONS[user.email]
        partner = agencies.get(organisation)
        learner, _ = Learner.objects.update_or_create(
            user=user,
            defaults={
                "board": board,
                "partner": partner,
                "organisation_name": "" if partner else organisation,
                "email_verified_at": timezone.now(),
            },
        )
        if user.email == "learner.one@demo.test" and not Booking.objects.filter(learner=learner).exists():
            # The first demo learner has booked the first upcoming session (their page shows a booking).
            first = Session.objects.filter(
                course__board=board, course__title=UPCOMING[0][0], starts_on__gt=today
            ).first()
            Booking.objects.create(
                session=first,
                learner=learner,
                delegate_name=user.full_name,
                email=user.email,
                job_title=user.job_title,
                partner=partner,
                organisation_name="" if partner else organisation,
            )
