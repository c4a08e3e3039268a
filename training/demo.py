"""Demo training data for 2016/17 from seed section 7, as records whose computed tables equal the seed.

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
  Early Help process" 2 3 150 15 (more delivered than planned, as the seed says) · "Safeguarding
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
  Disabilities" 3 0 54 20 (20 attended although none delivered: read as one date never marked
  delivered, the seed's recording issue, and two cancelled) · "Safeguarding adults Foundation From
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

How records are made: for each row, ``delivered`` sessions marked delivered and, where places were
offered, ``planned - delivered`` cancelled sessions (none where places are 0 or blank: those dates
were never scheduled); places are shared out over all the course's sessions; attended bookings are
shared out over the delivered sessions. Some delivered sessions also get one did-not-attend or one
late cancellation (illustrative; they change no table column).

Cancellations: the seed states 47 in total, 34 for lack of participants, 11 trainer availability, 2
room (Ofsted). The tables imply only 37 cancelled dates (36 in Tables One and Two, 1 locality
briefing); the records have those 37 (LADO, Physical injuries and Public Law Outline: trainer
unavailable = 11; two CSE dates in January 2017: room; the rest lack of participants) and the
seed's totals are kept as a ``YearStatement``, so the reconciliation shows the 10 unexplained.

Headline (Virtual College, 1 April 2016 - 7 March 2017): 2603 booked, 1497 attended, 558 cancelled,
241 did not attend; stated, not derivable from the tables (which add to 1711 attended). 2603 -
(1497 + 558 + 241) = 307 places unaccounted for, shown as the seed says. 2015/16 attended is stated
as 1497 + 1124 = 2621 ("1124 less people attended ... a decrease of 40%").

E-learning: 5,000 licences a year; cost per licence £1.53 (2015/16 £1.68); the package cost is
taken as 5,000 x that (the seed gives no package cost). 3,371 allocated, 3,274 completed and 87.5%
completion are stated. The chart's 14 values pair in order with its 13 labels (1087, 649, 650,
119, 103, 101, 101, 73, 63, 60, 50, 36, 29); the 14th value, 2, lost its label in extraction. They
add to 3,123 completions, so 3,371 allocations are recorded (248 not completed) and the 151 gap to
the stated 3,274 shows in the reconciliation.

Other activity: whole-school training 57 schools, 1471 staff, volunteers and governors; taxi drivers
1300 ("over 1300 ... to date"); children and young people 120 (3500 in 2015/16).

Charge rates are illustrative: the seed names only a £25 charge for each uncompleted e-learning
module; the demo uses £25 for every reason and none for community and voluntary organisations.
"""

from datetime import date, time, timedelta
from decimal import Decimal
from itertools import cycle

from partners.models import Partner, StrategicPriority
from training.models import (
    Booking,
    ChargeRate,
    Course,
    CoursePlan,
    ELearningEnrolment,
    ELearningModule,
    ELearningPackage,
    OtherActivity,
    Session,
    TrainingPolicy,
    YearStatement,
)

YEAR = 2016
AGREED, NOT_AGREED, COMMISSIONED = CoursePlan.Programme.values
R = Session.CancellationReason

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
# Rows whose sessions are not simply "delivered + (planned - delivered) cancelled".
UNMARKED_SESSIONS = {"Safeguarding Children with Disabilities": 1}
TRAINER_UNAVAILABLE = {"Local Authority Designated Offer (LADO)", "Physical injuries in children", "Public Law Outline"}
ROOM_UNAVAILABLE = {"Child Sexual Exploitation (CSE)"}

STATEMENTS = {
    2016: {
        "source": "Virtual College data, 1 April 2016 to 7 March 2017 (seed section 7)",
        "places_booked": 2603,
        "attended": 1497,
        "cancelled": 558,
        "did_not_attend": 241,
        "sessions_cancelled": 47,
        "cancelled_lack_of_participants": 34,
        "cancelled_trainer_unavailable": 11,
        "cancelled_room_unavailable": 2,
    },
    2015: {"source": "Seed section 7: 1124 fewer attended in 2016/17 than 2015/16", "attended": 1497 + 1124},
}

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
    ("Module not named in the seed's chart", 2),
]
ALLOCATED = 3371
PACKAGES = {
    2016: {
        "licences_purchased": 5000,
        "cost": Decimal("7650.00"),
        "stated_allocated": 3371,
        "stated_completed": 3274,
        "stated_completion_rate": Decimal("87.5"),
    },
    2015: {"licences_purchased": 5000, "cost": Decimal("8400.00")},
}
ACTIVITY = [
    (2016, OtherActivity.Kind.WHOLE_SCHOOL, "Level one whole-school training", 57, 1471),
    (2016, OtherActivity.Kind.PROGRAMME, "Taxi drivers: disability awareness and CSE", None, 1300),
    (2016, OtherActivity.Kind.CHILDREN_AND_YOUNG_PEOPLE, "Children and young people trained", None, 120),
    (2015, OtherActivity.Kind.CHILDREN_AND_YOUNG_PEOPLE, "Children and young people trained", None, 3500),
]
COMMUNITY_ORGANISATIONS = ["Community sports club", "Youth project (voluntary sector)"]
FIRST_NAMES = ["Amy", "Ben", "Chloe", "Dev", "Ella", "Faisal", "Grace", "Harry", "Isla", "Jack", "Kasia", "Liam"]
LAST_NAMES = ["Ashton", "Bolton", "Crompton", "Dunn", "Eckersley", "Fairhurst", "Gaskell", "Hindley", "Ince"]


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _session_dates(title: str, row: int, count: int) -> list[date]:
    if title == "Locality Briefings May":
        return [_weekday(date(2016, 5, 9) + timedelta(days=2 * i)) for i in range(count)]
    if title == "Locality Briefings Nov":
        return [_weekday(date(2016, 11, 7) + timedelta(days=2 * i)) for i in range(count)]
    first = date(2016, 6, 6) if "from June" in title else date(2016, 4, 11)
    spread = (date(2017, 3, 24) - first).days
    return [_weekday(first + timedelta(days=(row * 5 + i * spread // max(count, 1)) % spread)) for i in range(count)]


def _share(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)] if parts else []


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


def _load_courses(board, agencies) -> None:
    workforce = StrategicPriority.objects.filter(board=board, plan_period="2015-18", number=5).first()
    delegates = cycle(agencies)
    names = cycle([(first, last) for last in LAST_NAMES for first in FIRST_NAMES])
    for row_number, row in enumerate(_rows(), start=1):
        programme, position, title, impact, planned, delivered, cancelled, places, attended = row
        course, _ = Course.objects.update_or_create(
            board=board, title=title, defaults={"delivery": _delivery(programme, title), "level": "Multi-agency"}
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
                "has_impact_report": impact,
            },
        )
        unmarked = UNMARKED_SESSIONS.get(title, 0)
        if cancelled is None:
            cancelled = 0 if not places else max((planned or 0) - (delivered or 0) - unmarked, 0)
        statuses = [Session.Status.DELIVERED] * (delivered or 0) + [Session.Status.SCHEDULED] * unmarked
        statuses += [Session.Status.CANCELLED] * cancelled
        dates = _session_dates(title, row_number, len(statuses))
        place_shares = _share(places, len(statuses)) if places is not None else [None] * len(statuses)
        attending = [i for i, status in enumerate(statuses) if status != Session.Status.CANCELLED]
        attended_shares = dict(zip(attending, _share(attended or 0, len(attending)), strict=True))
        for index, status in enumerate(statuses):
            reason = ""
            day = dates[index]
            if status == Session.Status.CANCELLED:
                reason = R.LACK_OF_PARTICIPANTS
                if title in TRAINER_UNAVAILABLE:
                    reason = R.TRAINER_UNAVAILABLE
                elif title in ROOM_UNAVAILABLE:
                    reason, day = R.ROOM_UNAVAILABLE, _weekday(date(2017, 1, 16) + timedelta(days=index))
            session, _ = Session.objects.update_or_create(
                course=course,
                venue=f"Demo venue {index + 1}",
                defaults={
                    "starts_on": day,
                    "places_available": place_shares[index],
                    "trainer_names": TRAINERS.get(title, ""),
                    "status": status,
                    "cancellation_reason": reason,
                    "cancelled_on": day - timedelta(days=7) if reason else None,
                },
            )
            outcomes = [Booking.Status.ATTENDED] * attended_shares.get(index, 0)
            if status == Session.Status.DELIVERED and places:
                free = place_shares[index] - len(outcomes)
                if index % 3 == 0 and free > 0:
                    outcomes.append(Booking.Status.DID_NOT_ATTEND)
                if index % 4 == 1:
                    outcomes.append(Booking.Status.CANCELLED)
            _load_bookings(session, outcomes, delegates, names)


def _load_bookings(session, outcomes, delegates, names) -> None:
    existing = set(session.bookings.values_list("email", flat=True))
    new = []
    for number, outcome in enumerate(outcomes, start=1):
        email = f"delegate{session.pk}.{number}@demo.test"
        if email in existing:
            continue
        first, last = next(names)
        agency = next(delegates)
        new.append(
            Booking(
                session=session,
                delegate_name=f"{first} {last}",
                email=email,
                job_title="Practitioner",
                partner=agency if isinstance(agency, Partner) else None,
                organisation_name="" if isinstance(agency, Partner) else agency,
                status=outcome,
                cancelled_on=session.starts_on - timedelta(days=2) if outcome == Booking.Status.CANCELLED else None,
                is_late_cancellation=outcome == Booking.Status.CANCELLED,
            )
        )
    Booking.objects.bulk_create(new)


def _load_elearning(board, agencies) -> None:
    for start_year, values in PACKAGES.items():
        ELearningPackage.objects.update_or_create(board=board, start_year=start_year, defaults=values)
    ELearningModule.objects.update_or_create(
        board=board, title="Safeguarding in Education", defaults={"is_in_package": False}
    )
    not_completed = _share(ALLOCATED - sum(count for _, count in MODULE_COMPLETIONS), len(MODULE_COMPLETIONS))
    learners = cycle(agencies)
    for (title, completed), uncompleted in zip(MODULE_COMPLETIONS, not_completed, strict=True):
        module, _ = ELearningModule.objects.update_or_create(board=board, title=title, defaults={"is_in_package": True})
        existing = set(module.enrolments.values_list("learner_name", flat=True))
        new = []
        for number in range(completed + uncompleted):
            name = f"Learner {module.pk}-{number + 1:04d}"
            if name in existing:
                continue
            agency = next(learners)
            allocated_on = date(2016, 4, 1) + timedelta(days=number * 337 // (completed + uncompleted))
            new.append(
                ELearningEnrolment(
                    module=module,
                    learner_name=name,
                    partner=agency if isinstance(agency, Partner) else None,
                    organisation_name="" if isinstance(agency, Partner) else agency,
                    allocated_on=allocated_on,
                    completed_on=allocated_on + timedelta(days=10) if number < completed else None,
                )
            )
        ELearningEnrolment.objects.bulk_create(new, batch_size=1000)


def load_for_board(*, board) -> None:
    """Create or refresh the 2016/17 training records (safe to run again)."""
    agencies = [
        *Partner.objects.filter(board_memberships__board=board, is_active=True).order_by("name"),
        *COMMUNITY_ORGANISATIONS,
    ]
    # The seed's places columns count every session's places, cancelled ones too (its LADO row: 90
    # places, no course delivered), so the demo board says so.
    TrainingPolicy.objects.update_or_create(
        board=board,
        defaults={"late_cancellation_days": 7, "places_count": TrainingPolicy.PlacesCount.ALL_SESSIONS},
    )
    for sector in Partner.Sector.values:
        for reason in ChargeRate.Reason.values:
            # The seed's £25 for an uncompleted e-learning module, used for every reason here;
            # community and voluntary organisations are not charged.
            amount = Decimal("0.00") if sector == Partner.Sector.VOLUNTARY else Decimal("25.00")
            ChargeRate.objects.update_or_create(board=board, sector=sector, reason=reason, defaults={"amount": amount})
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
    _load_courses(board, agencies)
    _load_elearning(board, agencies)
    _load_self_service(board)


#: The catalogue's upcoming sessions (not from the seed): days from the day the demo is loaded, times,
#: venue (blank: online). They fall in the current year, never in 2016/17, so the seed's tables are
#: unchanged.
UPCOMING = [
    ("Safe Sleep Training", 14, time(9, 30), time(12, 30), "Wigan Life Centre, The Wiend"),
    ("Child Sexual Exploitation (CSE)", 21, time(9, 30), time(16, 0), ""),
    ("Supervision skills", 35, time(13, 0), time(16, 30), "Leigh Town Hall"),
]
#: The demo learners' organisations: one of the board's agencies, and a voluntary group.
LEARNER_ORGANISATIONS = {"learner.one@demo.test": "Wigan Council", "learner.two@demo.test": COMMUNITY_ORGANISATIONS[1]}


def _load_self_service(board) -> None:
    """The public catalogue's upcoming sessions and the two demo learners' records (safe to run again:
    each course keeps one upcoming demo session, moved to the new date)."""
    from django.utils import timezone

    from partners.models import User
    from training.models import Learner
    from wscb.roles import Role

    today = timezone.localdate()
    rates = {rate.reason: rate.amount for rate in ChargeRate.objects.filter(board=board, sector="local_authority")}
    TrainingPolicy.objects.filter(board=board).update(
        charging_policy=(
            f"Partner agencies are charged £{rates.get('did_not_attend', Decimal('0')):.2f} for each place booked and "
            f"not attended, and £{rates.get('late_cancellation', Decimal('0')):.2f} for each place cancelled 7 days or "
            "fewer before the session. Community and voluntary organisations are not charged."
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
