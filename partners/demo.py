"""Demo data for the foundation: the Wigan board, every agency the seed report names, demo users.

Source: shared/seed/wscb-annual-report-2016-17.txt, sections 3 (attendance table), 9
(contributions), 10 (partner updates) and 12 (membership). Short names are the report's own
where it uses one. Statutory partners are those named in section 13 of the Children Act 2004.
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from partners.models import Board, Partner, Role, User

Sector = Partner.Sector

BOARD = {"name": "Wigan Safeguarding Children Board", "short_name": "WSCB", "term": Board.Term.BOARD}


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

STAFF_USERS = [
    ("admin@demo.test", "Demo Administrator", "Portal administrator", Role.ADMINISTRATOR),
    ("support@demo.test", "Demo Business Support", "Business Support Manager, WSCB & WSAB", Role.BUSINESS_SUPPORT),
    ("board@demo.test", "Demo Board Member", "Independent Chair", Role.BOARD_MEMBER),
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
    """Create or update the demo board, agencies and users; returns what the command prints."""
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
        partner, _ = Partner.objects.update_or_create(
            name=agency.name,
            defaults={
                "short_name": agency.short_name,
                "sector": agency.sector,
                "is_statutory": agency.is_statutory,
                "is_active": True,
            },
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
    return {"board": board, "logins": logins}
