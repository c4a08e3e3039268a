# ruff: noqa: RUF001
"""Demo data for the annual report, from the 2016/17 seed report: nothing the seed does not say.

Section 2 context facts, section 4 activity for the six priorities, all section 6 indicators
with four years of figures and their comparators, the narrative sections (the seed's whole text,
see ``demo_text``), section 8's engagement events, the figures the text states that the
reconciliation checks (``TextFigure``), and the report's configuration (the seed's section
numbers: it has no section 5, and the LADO, early help, child death and case review parts of
section 6 are unnumbered). Idempotent: everything is written with update_or_create.

Rates per 10,000: the seed's rates for all four years are reproduced exactly by a child
population of 67,800 (the estimate the children-in-need data used), while section 2 states
67,900 children. The demo therefore types 67,800 as the denominator of each rate row, and the
context fact keeps the report's 67,900; the reconciliation shows the two.

Context facts have no source: the seed names none. Indicators have a preferred direction ("high
is good", "low is good") only where the seed's table gives one (five of the thirteen).

Engagement dates: the seed dates the annual conference only through the mental health trust's
return ("the Children's conference on 16/3/17"), the Safe Pitch event only by month (August 2017,
although section 4 counts it in 2016-17) and nothing else; undated events say so.
"""

from datetime import date
from decimal import Decimal

from partners.models import StrategicPriority
from reports.annual import demo_text
from reports.annual.models import (
    ComparatorValue,
    ContextFact,
    EngagementEvent,
    Indicator,
    IndicatorValue,
    NarrativeSection,
    PriorityActivity,
    ReportConfiguration,
    TextFigure,
)

YEAR = 2016
YEARS = (2013, 2014, 2015, 2016)
RATE_POPULATION = 67_800
SOURCE = ""  # the seed gives no source for its context facts

K = ContextFact.Kind
CONTEXT_FACTS = [
    (K.TOTAL_POPULATION, "Total population of the borough (2016)", "323100", "people", ""),
    (K.DEPRIVATION_RANK, "Rank among the most deprived local authorities in England", "85", "th", ""),
    (K.CHILD_POPULATION, "Children and young people in the borough", "67900", "children", ""),
    (K.LOOKED_AFTER, "Children looked after by the local authority", "446", "children", ""),
    (K.CARE_LEAVERS, "Young people who have left care", "177", "young people", ""),
    (K.ADOPTIONS, "Children adopted", "42", "children", ""),
    (K.ETHNIC_MINORITY, "From an ethnic background other than White British", "4.5", "%", ""),
    (K.FIRST_LANGUAGE, "Speaking a first language other than English", "1.9", "%", ""),
    (
        K.FREE_SCHOOL_MEALS,
        "School children eligible for free school meals",
        "15",
        "%",
        "(34% in the 3% most deprived areas)",
    ),
    (K.INFANT_MORTALITY, "Infant mortality", "4", "deaths per 1,000 live births", "(England 3.9)"),
    (
        K.SCHOOLS,
        "Maintained schools",
        "127",
        "schools",
        "(19 academies), plus 6 special schools and 1 pupil referral unit",
    ),
    (K.GP_PRACTICES, "GP practices overseen by the Clinical Commissioning Group", "63", "practices", ""),
]

P, R = Indicator.Unit.PERCENTAGE, Indicator.Unit.RATE
HIGH, LOW, NEITHER = Indicator.Polarity.HIGH_IS_GOOD, Indicator.Polarity.LOW_IS_GOOD, Indicator.Polarity.NEITHER
CIN = "Children in need census / Wigan Council children's social care"

# (code, name, unit, polarity, numerator label, denominator label, numerators, denominators,
#  statistical neighbours, North West, England). Four values each: 2013/14 to 2016/17.
INDICATORS = [
    (
        "wscb-s47-to-icpc",
        "Percentage of section 47 enquiries going to initial child protection conference",
        P,
        NEITHER,
        "Proceeded to conference",
        "Section 47 enquiries",
        (418, 522, 545, 486),
        (609, 872, 1126, 1051),
        None,
        None,
        None,
    ),
    (
        "wscb-icpc-rate",
        "Number of initial child protection conferences per 10,000 population",
        R,
        NEITHER,
        "CP conferences",
        "",
        (398, 516, 547, 468),
        None,
        ("78.0", "75.7", "80.1", "80.1"),
        ("62.9", "72.6", "79.5", "79.5"),
        ("56.8", "61.6", "62.6", "62.6"),
    ),
    (
        "wscb-icpc-15-days",
        "Percentage of initial child protection conferences held within 15 working days of the "
        "start of the section 47 enquiry",
        P,
        NEITHER,
        "Within 15 days",
        "Conference requests",
        (376, 492, 501, 401),
        (398, 516, 547, 468),
        ("67.5", "82.5", "80.9", "80.9"),
        ("70.9", "74.1", "74.4", "74.4"),
        ("69.3", "74.8", "76.7", "76.7"),
    ),
    (
        "wscb-cpp-rate",
        "Number of children currently subject to a child protection plan per 10,000 population",
        R,
        LOW,
        "Children subject to plan",
        "",
        (213, 317, 271, 260),
        None,
        ("57.4", "55.8", "58.9", "58.9"),
        ("50.8", "49.9", "55.2", "55.2"),
        ("42.1", "42.9", "43.1", "43.1"),
    ),
    (
        "wscb-cpp-second-time",
        "Percentage of children who became subject to a child protection plan for a second or subsequent time",
        P,
        NEITHER,
        "Subsequent period on a plan",
        "Children subject to plan",
        (41, 102, 115, 84),
        (380, 488, 505, 452),
        ("14.2", "16.1", "16.9", "16.9"),
        ("15.6", "17.8", "18.2", "18.2"),
        ("15.8", "16.6", "17.9", "17.9"),
    ),
    (
        "wscb-cpp-within-2-years",
        "Percentage of children who became subject to a child protection plan within 2 years "
        "of a previous child protection plan",
        P,
        LOW,
        "Within 2 years",
        "Children subject to plan",
        (21, 62, 64, 43),
        (380, 488, 505, 452),
        None,
        None,
        None,
    ),
    (
        "wscb-cpp-ceased-3-months",
        "Percentage whose child protection plans ceased, who were subject of a child "
        "protection plan continuously for 3 months or less",
        P,
        NEITHER,
        "Ceased within three months",
        "CP plans",
        (115, 105, 162, 119),
        (347, 384, 551, 463),
        ("17.8", "18.1", "17.7", "17.7"),
        ("22.6", "20.6", "19.7", "19.7"),
        ("20.3", "20.1", "20.0", "20.0"),
    ),
    (
        "wscb-cpp-reviews-timely",
        "Percentage of child protection plans reviewed within required timescales",
        P,
        HIGH,
        "Within timescales",
        "Reviews",
        (135, 200, 149, 134),
        (140, 203, 158, 146),
        ("94.2", "94.1", "84.9", "84.9"),
        ("96.1", "94.0", "94.5", "94.5"),
        ("94.6", "94.0", "93.7", "93.7"),
    ),
    (
        "wscb-lac-rate",
        "Number of children looked after per 10,000 population",
        R,
        LOW,
        "Number of LAC",
        "",
        (497, 504, 483, 446),
        None,
        ("81.9", "81.9", "83.4", "83.4"),
        ("81.0", "82.0", "82.0", "82.0"),
        ("60.0", "60.0", "60.0", "60.0"),
    ),
    (
        "wscb-lac-reviews-timely",
        "Percentage of looked after children with reviews in timescales",
        P,
        NEITHER,
        "Within timescales",
        "Total reviews",
        (429, 427, 421, 383),
        (453, 461, 444, 411),
        None,
        None,
        None,
    ),
    (
        "wscb-lac-consulted-by-iro",
        "Percentage of children with a LAC review who were consulted by the IRO prior to their meeting",
        P,
        NEITHER,
        "Consulted prior to review",
        "Total reviews",
        (93, 533, 669, 700),
        (1457, 1469, 1315, 1255),
        None,
        None,
        None,
    ),
    (
        "wscb-lac-social-worker-attended",
        "Percentage of children with a LAC review where the allocated social worker attended",
        P,
        NEITHER,
        "Allocated social worker attended",
        "Total reviews",
        (205, 1328, 1215, 1110),
        (1457, 1469, 1315, 1255),
        None,
        None,
        None,
    ),
    (
        "wscb-lac-care-plan",
        "Percentage of young people with a LAC review who have an up to date care plan",
        P,
        HIGH,
        "Up to date care plan",
        "Total reviews",
        (133, 1229, 1161, 1083),
        (1457, 1469, 1315, 1255),
        None,
        None,
        None,
    ),
]

N = NarrativeSection.Kind
NARRATIVES = {
    N.FOREWORD: (demo_text.FOREWORD, "Cllr Jenny Bullen"),
    N.EXECUTIVE_SUMMARY: (demo_text.EXECUTIVE_SUMMARY, ""),
    N.CONTEXT: (demo_text.CONTEXT, ""),
    N.GOVERNANCE: (demo_text.GOVERNANCE, ""),
    N.GOVERNANCE_KEY_ROLES: (demo_text.GOVERNANCE_KEY_ROLES, ""),
    N.GOVERNANCE_ATTENDANCE: (demo_text.GOVERNANCE_ATTENDANCE, ""),
    N.STRATEGIC_OBJECTIVES: (demo_text.STRATEGIC_OBJECTIVES, ""),
    N.PERFORMANCE: (demo_text.PERFORMANCE, ""),
    N.LADO: (demo_text.LADO, ""),
    N.EARLY_HELP: (demo_text.EARLY_HELP, ""),
    N.CDOP: (demo_text.CDOP, ""),
    N.CASE_REVIEWS: (demo_text.CASE_REVIEWS, ""),
    N.TRAINING: (demo_text.TRAINING, ""),
    N.TRAINING_CANCELLATIONS: (demo_text.TRAINING_CANCELLATIONS, ""),
    N.TRAINING_SCHOOLS: (demo_text.TRAINING_SCHOOLS, ""),
    N.TRAINING_ELEARNING: (demo_text.TRAINING_ELEARNING, ""),
    N.TRAINING_SUB_GROUP: (demo_text.TRAINING_SUB_GROUP, ""),
    N.ENGAGEMENT: (demo_text.ENGAGEMENT, ""),
    N.NEXT_YEAR: (demo_text.NEXT_YEAR, ""),
}
ACTIVITIES = [demo_text.P1, demo_text.P2, demo_text.P3, demo_text.P4, demo_text.P5, demo_text.P6]

A = EngagementEvent.Audience
D = EngagementEvent.DatePrecision
NOT_DATED = (None, D.NOT_RECORDED)
# (title, audience, (date, precision), date note, reach, reach is "over", description), from sections 4 and 8.
EVENTS = [
    (
        "Community engagement lunches before Board meetings",
        A.COMMUNITY,
        NOT_DATED,
        "Before Board meetings",
        None,
        False,
        "Informal discussions letting Board partner agencies find ways to support the community and voluntary sector.",
    ),
    (
        "WSCB Annual Conference",
        A.PROFESSIONALS,
        (date(2017, 3, 16), D.DAY),
        "",
        200,
        True,
        "Adolescent mental health, learning from the Board's most recent Local Case Review, place based working and "
        "Public Sector Reform; an AFTAthought workshop on domestic abuse.",
    ),
    (
        "Locality briefings",
        A.PROFESSIONALS,
        NOT_DATED,
        "Throughout the year",
        600,
        True,
        "Brought the conference's learning themes to a local practice focus.",
    ),
    ("Information for the CSE Week of Action events", A.CHILDREN, NOT_DATED, "", None, False, ""),
    (
        "Workshops with young people and staff in Wigan's colleges on healthy relationships and sexting",
        A.CHILDREN,
        NOT_DATED,
        "",
        None,
        False,
        "",
    ),
    (
        "Work in children's homes with young people and staff on social media, sexting and healthy relationships",
        A.CHILDREN,
        NOT_DATED,
        "",
        None,
        False,
        "",
    ),
    ("Young person led analysis of digital communication methods", A.CHILDREN, NOT_DATED, "", None, False, ""),
    (
        "'Safe Pitch' event at Wigan Youth Zone",
        A.CHILDREN,
        (date(2017, 8, 1), D.MONTH),
        "",
        None,
        False,
        "Two groups of young people presented their ideas to selected officers and managers of the local authority.",
    ),
    ("Community 'Have Your Say' events", A.COMMUNITY, NOT_DATED, "", None, False, ""),
    ("School parents' evenings: safeguarding awareness with parents", A.COMMUNITY, NOT_DATED, "", None, False, ""),
    (
        "Information stands at National Play Day, My Life charity events, summer festivals and carnivals and the first "
        "Wigan Pride",
        A.COMMUNITY,
        NOT_DATED,
        "",
        None,
        False,
        "",
    ),
    ("Wigan business Expo 2017", A.COMMUNITY, NOT_DATED, "", None, False, ""),
    (
        "Bespoke training for the Club Welfare Officers of the 19 amateur rugby league clubs",
        A.PROFESSIONALS,
        NOT_DATED,
        "",
        None,
        False,
        "With referral pathways to the Early Help Hub and a presentation at the RFL National Safeguarding Conference.",
    ),
    (
        "Training for Wigan Athletic FC coaches and the Club's Community Foundation",
        A.PROFESSIONALS,
        NOT_DATED,
        "",
        None,
        False,
        "",
    ),
    (
        "Work with licensed premises on safeguarding children at Under 18's events",
        A.COMMUNITY,
        NOT_DATED,
        "",
        None,
        False,
        "",
    ),
    ("Volunteer days at Greenslate Farm", A.COMMUNITY, NOT_DATED, "", None, False, ""),
]

C = TextFigure.Comparison
# Figures the seed's text states that can be checked: (section, label, quote, value, comparison, figure, base, note).
TEXT_FIGURES = [
    (
        "executive_summary",
        "People accessing face-to-face training",
        "face to face training accessed by over 1500 people",
        "1500",
        C.EQUALS,
        "training.stated.attended",
        "",
        "the Virtual College figure in section 7",
    ),
    (
        "strategic_objectives",
        "Annual conference delegates",
        "an Annual Conference in March 2017 for over 180 delegates",
        "180",
        C.EQUALS,
        "engagement.event.wscb-annual-conference.reach",
        "",
        "sections 1 and 8 say over 200",
    ),
    (
        "strategic_objectives",
        "People trained by Professor David Shemmings ('A New Mindset')",
        "specialist training for 92 people from Professor David Shemmings (‘A New Mindset’)",
        "92",
        C.EQUALS,
        "training.course.a-new-mindset-and-model-for-cp-2-day.attended",
        "",
        "the commissioned courses table",
    ),
    (
        "training",
        "Courses planned in 2016/17",
        "In 2016/17 33 individual courses were planned",
        "33",
        C.EQUALS,
        "training.courses_with_dates_planned",
        "",
        "courses with at least one date planned in the three tables",
    ),
    (
        "training",
        "Drop in planned courses",
        "only 14 individual courses have been agreed which represents a 40% drop in planned courses",
        "-40",
        C.CHANGE,
        "14",
        "33",
        "",
    ),
    (
        "training",
        "Fall in face-to-face attendance",
        "1124 less people attended training in 2016/17, a decrease of 40% from the year before",
        "-40",
        C.CHANGE,
        "training.stated.attended",
        "training.previous_stated.attended",
        "",
    ),
]

# The seed's section numbers: no section 5, and section 6's LADO, early help, CDOP and case review
# parts unnumbered.
SECTION_NUMBERS = {
    "foreword": "",
    "executive_summary": "1",
    "context": "2",
    "governance": "3",
    "strategic_objectives": "4",
    "performance": "6",
    "lado": "",
    "early_help": "",
    "cdop": "",
    "case_reviews": "",
    "training": "7",
    "engagement": "8",
    "finance": "9",
    "partner_updates": "10",
    "next_year": "11",
    "membership": "12",
}


def load_for_board(*, board) -> None:
    for order, (kind, label, value, unit, note) in enumerate(CONTEXT_FACTS, start=1):
        ContextFact.objects.update_or_create(
            board=board,
            year_start=YEAR,
            kind=kind,
            defaults={
                "label": label,
                "value": Decimal(value),
                "unit": unit,
                "note": note,
                "source": SOURCE,
                "order": order,
            },
        )
    priorities = {p.number: p for p in StrategicPriority.objects.filter(board=board, plan_period="2015-18")}
    for number, text in enumerate(ACTIVITIES, start=1):
        if number in priorities:
            PriorityActivity.objects.update_or_create(
                priority=priorities[number], year_start=YEAR, defaults={"text": text.strip()}
            )
    for kind, (body, signed_by) in NARRATIVES.items():
        NarrativeSection.objects.update_or_create(
            board=board, year_start=YEAR, kind=kind, defaults={"body": body.strip(), "signed_by": signed_by}
        )
    _load_indicators(board=board, performance_priority=priorities.get(6))
    engagement_priority = priorities.get(4)
    for title, audience, (held_on, precision), note, reach, is_minimum, description in EVENTS:
        EngagementEvent.objects.update_or_create(
            board=board,
            year_start=YEAR,
            title=title,
            defaults={
                "audience": audience,
                "held_on": held_on,
                "date_precision": precision,
                "date_note": note,
                "reach": reach,
                "is_reach_minimum": is_minimum,
                "description": description,
                "priority": engagement_priority,
            },
        )
    for order, (section, label, quote, value, comparison, figure, base, note) in enumerate(TEXT_FIGURES, start=1):
        TextFigure.objects.update_or_create(
            board=board,
            year_start=YEAR,
            label=label,
            defaults={
                "section": section,
                "quote": quote,
                "value": Decimal(value),
                "comparison": comparison,
                "figure": figure,
                "base": base,
                "note": note,
                "order": order,
            },
        )
    ReportConfiguration.objects.update_or_create(
        board=board, year_start=YEAR, defaults={"section_numbers": SECTION_NUMBERS, "include_analysis": False}
    )


def _load_indicators(*, board, performance_priority) -> None:
    comparator_keys = (
        ComparatorValue.Comparator.STATISTICAL_NEIGHBOURS,
        ComparatorValue.Comparator.NORTH_WEST,
        ComparatorValue.Comparator.ENGLAND,
    )
    for order, row in enumerate(INDICATORS, start=1):
        code, name, unit, polarity, numerator_label, denominator_label, numerators, denominators, *comps = row
        indicator, _ = Indicator.objects.update_or_create(
            board=board,
            code=code,
            defaults={
                "order": order,
                "name": name,
                "unit": unit,
                "polarity": polarity,
                "numerator_label": numerator_label,
                "denominator_label": denominator_label or ("Child population used" if unit == R else ""),
                "source": CIN,
                "priority": performance_priority,
                "is_active": True,
            },
        )
        for index, start in enumerate(YEARS):
            denominator = denominators[index] if denominators else RATE_POPULATION
            IndicatorValue.objects.update_or_create(
                indicator=indicator,
                year_start=start,
                defaults={"numerator": numerators[index], "denominator": denominator},
            )
            for key, values in zip(comparator_keys, comps, strict=True):
                if values:
                    ComparatorValue.objects.update_or_create(
                        indicator=indicator,
                        comparator=key,
                        year_start=start,
                        defaults={"value": Decimal(values[index])},
                    )
