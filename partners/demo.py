"""Demo data for the foundation: the Wigan board, every agency the seed report names, demo users.

Source: shared/seed/wscb-annual-report-2016-17.txt, sections 3 (attendance table), 9
(contributions), 10 (partner updates) and 12 (membership). Short names are the report's own
where it uses one. Statutory partners are those named in section 13 of the Children Act 2004.
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from partners.models import Board, BoardMembership, KeyObjective, Partner, StrategicPriority, User
from wscb.roles import Role

Sector = Partner.Sector

BOARD = {
    "name": "Wigan Safeguarding Children Board",
    "short_name": "WSCB",
    "term": Board.Term.BOARD,
    "current_reporting_year": 2016,  # the year of the seed report: the demo opens on it
}


@dataclass(frozen=True)
class DemoAgency:
    name: str
    short_name: str
    sector: str
    is_statutory: bool
    # The person who completed the agency's return in section 10, if it sent one.
    lead_name: str = ""
    lead_job_title: str = ""


AGENCIES = [
    DemoAgency("Wigan Council", "Wigan Council", Sector.LOCAL_AUTHORITY, True),
    DemoAgency(
        "Wigan Borough Clinical Commissioning Group",
        "WBCCG",
        Sector.HEALTH,
        True,
        "Nichola Osborne",
        "Assistant Director/Designated Nurse Safeguarding Children and Looked After Children",
    ),
    DemoAgency(
        "Wrightington, Wigan and Leigh NHS Foundation Trust",
        "WWL NHS Trust",
        Sector.HEALTH,
        True,
        "Linda Salt",
        "Head of Children's Safeguarding",
    ),
    DemoAgency(
        "Bridgewater Community Healthcare NHS Foundation Trust",
        "Bridgewater",
        Sector.HEALTH,
        True,
        "Lynda Cunniffe",
        "Named Nurse Safeguarding and Looked After Children",
    ),
    DemoAgency(
        "North West Boroughs Healthcare NHS Foundation Trust",
        "5BP",
        Sector.HEALTH,
        True,
        "Karen Dobson",
        "Named Nurse Safeguarding Children",
    ),
    DemoAgency(
        "Greater Manchester Mental Health NHS Foundation Trust",
        "GMMH",
        Sector.HEALTH,
        True,
        "Helen Williamson",
        "Safeguarding Children Lead",
    ),
    DemoAgency("NHS England", "NHS England", Sector.HEALTH, True),
    DemoAgency("Greater Manchester Police", "GMP", Sector.POLICE, True, "Clare Devlin", "Chief Inspector"),
    DemoAgency(
        "National Probation Service", "Probation", Sector.PROBATION, True, "Tracey Lloyd", "National Probation Service"
    ),
    DemoAgency(
        "Cheshire and Greater Manchester Community Rehabilitation Company",
        "CRC",
        Sector.PROBATION,
        True,
        "Gail Churchill",
        "Community Director",
    ),
    DemoAgency("CAFCASS", "CAFCASS", Sector.OTHER, True),
    DemoAgency("HMP Hindley", "HMP Hindley", Sector.OTHER, True),
    DemoAgency("Wigan and Leigh Homes", "WALH", Sector.HOUSING, False, "Kathryn Perry", "Service Manager, Homes"),
    DemoAgency(
        "Wigan & Leigh College",
        "Wigan & Leigh College",
        Sector.EDUCATION,
        False,
        "Francine Mitchell",
        "Designated Protection Officer",
    ),
    DemoAgency("School representatives (primary and secondary)", "Schools", Sector.EDUCATION, False),
    DemoAgency("Inspiring Healthy Lifestyles", "IHL", Sector.VOLUNTARY, False, "Janet Bergman", "Safeguarding Lead"),
    # Named in the attendance table only; the trust that became Inspiring Healthy Lifestyles.
    DemoAgency("Wigan Leisure and Culture Trust", "WLCT", Sector.VOLUNTARY, False),
    DemoAgency("Healthwatch Wigan", "Healthwatch", Sector.VOLUNTARY, False),
    DemoAgency("Greater Manchester Fire and Rescue Service", "GMFS", Sector.OTHER, False),
    # "ACT" in the attendance table: the Achieving Change Together CSE project (section 4).
    DemoAgency("Achieving Change Together", "ACT", Sector.OTHER, False),
]

# Section 4: the six strategic priorities of the 2015-18 business plan and their key objectives.
PRIORITIES = [
    (
        "Refresh, improve and strengthen the governance and operation of the WSCB within the wider partnership "
        "architecture.",
        [
            "Undertaking a review of board membership and sub groups, purpose and roles to ensure it is fit for "
            "purpose.",
            "Undertake a review of subgroups functioning.",
            "Consider whether the representation of the third sector / community on the Board is sufficient.",
            "Improve communication between partners, sub groups and practitioners.",
        ],
    ),
    (
        "Advocate for a system wide, consistent approach to Early Intervention and evaluate its effectiveness.",
        [
            "'The Deal' to be owned by Board partner organisations.",
            "Increase partnership engagement and understanding of the Early Help process and the thresholds of need.",
            "The Board to challenge and support partners around the quality of Early Help assessments.",
            "The Board to agree the development of an audit tool to provide evidence of the impact of early "
            "intervention.",
        ],
    ),
    (
        "Support, challenge and critically evaluate the development of a life course Multi Agency Safeguarding Hub "
        "to ensure it realises its potential.",
        [
            "Provide a place for review and critical questioning of the development of the MASH.",
            "Support the development of processes and procedures, including clear terms of reference and an "
            "information sharing protocol between the partner agencies.",
            "Ensure appropriate partnership processes are in place to deliver the Child Sexual Exploitation strategy.",
        ],
    ),
    (
        "Engage with children, individuals, families, communities and professionals in order to safeguard children "
        "and young people in the context of wider public service reform and the deal for children.",
        [
            "Develop a strong and effective communication strategy for engaging with professionals, parents, carers "
            "and children and young people.",
            "Ensure that a range of communication methods are utilised.",
            "Ensure that there is a clear agreement on how feedback is shared with the community.",
            "Ensure elected members are fully trained and sighted on their roles and responsibilities around "
            "safeguarding.",
            "Work with the community sector to develop new avenues for consultation and input on Safeguarding issues.",
        ],
    ),
    (
        "Continue to develop and inform a confident, committed and competent workforce operating consistently and "
        "effectively across partnerships to safeguard children and young people.",
        [
            "Reviewing training plans and strategy to ensure they remain fit for purpose.",
            "Ensure there is clear guidance of expected levels of training: multi-agency, 3rd sector, community and "
            "volunteers.",
            "Monitor uptake of training by agency and challenge and support further uptake where deemed appropriate.",
            "Develop further evaluation of the impact of training on outcomes for our children and young people.",
        ],
    ),
    (
        "Develop an intelligent approach to assessing and evaluating the work of the board and partners engaged in "
        "safeguarding children and young people.",
        [
            "Ensure that learning from Serious Case Reviews / Local Case Reviews / Case Audits is captured and "
            "influences the transformation of services across the borough.",
            "Develop a performance framework that demonstrates outcomes on objectives 1-5.",
            "Performance framework to include essential data around safeguarding (CLA, CPP, CIN).",
            "Set up a task and finish group to interrogate the information that is available across the system.",
            "All agencies to consider their own data and how it might feed into a performance framework.",
        ],
    ),
]

STAFF_USERS = [
    ("admin@demo.test", "Demo Administrator", "Portal administrator", Role.ADMINISTRATOR),
    ("support@demo.test", "Demo Business Support", "Business Support Manager, WSCB & WSAB", Role.BUSINESS_SUPPORT),
    ("board@demo.test", "Demo Board Member", "Independent Chair", Role.BOARD_MEMBER),
]


#: Two learners booking training themselves (training self-service), not from the seed: they book only
#: the demo's upcoming sessions of the current year (training/demo.py), never 2016/17's.
LEARNER_USERS = [
    ("learner.one@demo.test", "Demo Learner One", "Family support worker"),
    ("learner.two@demo.test", "Demo Learner Two", "Youth worker"),
]


def lead_email(agency: DemoAgency) -> str:
    from django.utils.text import slugify

    return f"lead.{slugify(agency.short_name)}@demo.test"


def _upsert_user(*, email, full_name, job_title, role, partner, board, password_hash):
    user, _ = User.objects.update_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "job_title": job_title,
            "role": role,
            "partner": partner,
            "is_active": True,
            "password": password_hash,
        },
    )
    user.boards.add(board)
    return user


def load(*, password: str) -> dict:
    """Create or update the demo board, agencies (members of it) and users; returns what the command
    prints. Runs with board scoping disabled (the ``load_demo`` command)."""
    board, _ = Board.objects.update_or_create(name=BOARD["name"], defaults=BOARD)
    password_hash = make_password(password)  # hashed once: every demo user shares it
    logins = []
    for email, full_name, job_title, role in STAFF_USERS:
        _upsert_user(
            email=email,
            full_name=full_name,
            job_title=job_title,
            role=role,
            partner=None,
            board=board,
            password_hash=password_hash,
        )
        logins.append((email, Role(role).label))
    for agency in AGENCIES:
        partner = Partner.objects.filter(board_memberships__board=board, name=agency.name).first()
        if partner is None:
            partner = Partner.objects.create(name=agency.name, short_name=agency.short_name, sector=agency.sector)
        else:
            Partner.objects.filter(pk=partner.pk).update(
                short_name=agency.short_name, sector=agency.sector, is_active=True
            )
        BoardMembership.objects.update_or_create(
            board=board, partner=partner, defaults={"is_statutory": agency.is_statutory}
        )
        if agency.lead_name:
            email = lead_email(agency)
            _upsert_user(
                email=email,
                full_name=agency.lead_name,
                job_title=agency.lead_job_title,
                role=Role.PARTNER_LEAD,
                partner=partner,
                board=board,
                password_hash=password_hash,
            )
            logins.append((email, f"Partner lead, {agency.short_name}"))
    for email, full_name, job_title in LEARNER_USERS:
        _upsert_user(
            email=email,
            full_name=full_name,
            job_title=job_title,
            role=Role.LEARNER,
            partner=None,
            board=board,
            password_hash=password_hash,
        )
        logins.append((email, Role.LEARNER.label))
    for number, (title, objectives) in enumerate(PRIORITIES, start=1):
        priority, _ = StrategicPriority.objects.update_or_create(
            board=board,
            plan_period="2015-18",
            number=number,
            defaults={"first_year": 2015, "last_year": 2017, "title": title},
        )
        for order, text in enumerate(objectives, start=1):
            KeyObjective.objects.update_or_create(priority=priority, order=order, defaults={"text": text})
    return {"board": board, "logins": logins}
