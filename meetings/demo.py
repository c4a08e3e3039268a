"""Demo data for meetings: the board's groups, section 12's membership, section 3's key roles and
the 2016/17 board meetings with attendance that reproduces section 3's table.

Source: shared/seed/wscb-annual-report-2016-17.txt.

* Membership is section 12's list in its order. The report names only some post-holders (section 3
  names the Independent Chair, the Director of Children's Services, the Chief Executive and the
  Lead Member; section 10 names some agencies' leads); everyone else is shown by their post.
* The attendance table (section 3) lost its column positions in the PDF extraction for rows with
  blanks. The extracted line keeps them in its spacing: after the agency come three spaces, then
  each column is either "value " or two spaces. Reading it that way gives one consistent answer for
  every row (for example Bridgewater 1, 1, 1, 2, 1 and a blank on 06/04/2017; GMP a blank on
  21/03/2016 then 1, 1, 1, 2, 1). Rows with six values (Wigan Council, WBCCG, the Independent Chair,
  the Lay Members) need no reconstruction.
* For each row and meeting, that many of the agency's board members are marked present (in section 12
  order); when the count is larger than its members, the rest are other attendees for the agency;
  members not counted are marked absent (the seed says nothing of apologies). Rows that are not agencies (authors,
  reviewers, "Other") are other attendees recorded under the report's label. The report's spelling
  slips ("Indepedant", "Inspring Healthy Life Styles") are corrected; the latter is IHL.
* The first and last meetings (21/03/2016, 06/04/2017) fall outside 1 April 2016 to 31 March 2017,
  but the report counts them in 2016/17, so they are recorded as counted in 2016/17.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from meetings.models import Action, Attendance, Group, Meeting, Membership
from partners.models import Board, Partner, Person

FULL, ADVISOR, ADMIN = Membership.Status.FULL, Membership.Status.ADVISOR, Membership.Status.ADMIN
R = Membership.Role
MEMBERSHIP_FROM = datetime.date(2015, 4, 1)
MEETING_DATES = [
    datetime.date(2016, 3, 21),
    datetime.date(2016, 5, 16),
    datetime.date(2016, 7, 18),
    datetime.date(2016, 9, 5),
    datetime.date(2016, 11, 21),
    datetime.date(2017, 4, 6),
]
REPORTING_YEAR = 2016

GROUPS = [
    (
        "Wigan Safeguarding Children Board",
        Group.Kind.BOARD,
        "The statutory board: coordinates local work to "
        "safeguard and promote the welfare of children and ensures its effectiveness (section 3).",
    ),
    (
        "WSCB Executive",
        Group.Kind.EXECUTIVE,
        "Receives activity reports and dashboards from the sub-groups and prepares the board's business.",
    ),
    (
        "Learning and Improvement Sub Group",
        Group.Kind.SUB_GROUP,
        "Quality assurance, audit and the performance framework; presents dashboards to the Executive and the Board.",
    ),
    (
        "Training and Development Sub Group",
        Group.Kind.SUB_GROUP,
        "Oversees the multi-agency training the Board provides and ratifies all training packages.",
    ),
    (
        "Communication and Engagement Sub Group",
        Group.Kind.SUB_GROUP,
        "Communication with professionals, parents, carers, children and young people.",
    ),
    ("CSE Sub Group", Group.Kind.SUB_GROUP, "Delivers the Child Sexual Exploitation strategy."),
    (
        "Case Review Group",
        Group.Kind.SUB_GROUP,
        "Activates the action plans from Serious Case Reviews and Local Case Reviews.",
    ),
    ("Education Sub Group", Group.Kind.SUB_GROUP, "Safeguarding in schools and colleges."),
    ("Health Sub Group", Group.Kind.SUB_GROUP, "Safeguarding across health providers and commissioners."),
    (
        "Child Death Overview Panel link",
        Group.Kind.SUB_GROUP,
        "Link with the Child Death Overview Panel, which collects and analyses information about child deaths.",
    ),
]
BOARD_GROUP = GROUPS[0][0]

# Section 12 in order: (post, agency short name or None, status, role, name where the report gives one).
SECTION_12 = [
    ("Independent Chair", None, FULL, R.INDEPENDENT_CHAIR, "Dr Paul Kingston"),
    ("Chief Executive", "Wigan Council", FULL, R.CHIEF_EXECUTIVE, "Donna Hall"),
    ("Director of Children's Services", "Wigan Council", FULL, R.DIRECTOR_CHILDRENS_SERVICES, "James Winterbottom"),
    ("Portfolio Holder for Children and Young People", "Wigan Council", FULL, R.LEAD_MEMBER, "Councillor Jenny Bullen"),
    ("Lay Member", None, FULL, R.LAY_MEMBER, "Lay Member (first)"),
    ("Lay Member", None, FULL, R.LAY_MEMBER, "Lay Member (second)"),
    ("Chief Officer", "WBCCG", FULL, R.MEMBER, ""),
    ("Director of Nursing", "WWL NHS Trust", FULL, R.MEMBER, ""),
    ("Medical Director", "WWL NHS Trust", FULL, R.MEMBER, ""),
    ("Associate Director for Safeguarding for Adults and Children's Safeguarding", "Bridgewater", FULL, R.MEMBER, ""),
    ("Assistant Chief Officer", "5BP", FULL, R.MEMBER, ""),
    ("Superintendent", "GMP", FULL, R.MEMBER, ""),
    ("Community Safety Manager", "GMFS", FULL, R.MEMBER, ""),
    ("Assistant Director, Education", "Wigan Council", FULL, R.MEMBER, ""),
    ("Vice Principal", "Wigan & Leigh College", FULL, R.MEMBER, ""),
    ("Primary School Representative", "Schools", FULL, R.MEMBER, ""),
    ("Secondary School Representative", "Schools", FULL, R.MEMBER, ""),
    ("Service Manager Risk and Compliance", "IHL", FULL, R.MEMBER, ""),
    ("Head of Wigan & Bolton", "Probation", FULL, R.MEMBER, ""),
    ("Community Director", "CRC", FULL, R.MEMBER, "Gail Churchill"),
    ("Assistant Director Homes", "Wigan Council", FULL, R.MEMBER, ""),
    ("CEO", "Healthwatch", FULL, R.MEMBER, ""),
    ("Service Manager", "CAFCASS", FULL, R.MEMBER, ""),
    (
        "Head of Public Health Commissioning for the GM Health and Social Care Partnership",
        "NHS England",
        FULL,
        R.MEMBER,
        "",
    ),
    ("Head of Safer Custody", "HMP Hindley", FULL, R.MEMBER, ""),
    ("Assistant Director of Targeted Services", "Wigan Council", ADVISOR, R.ADVISOR, ""),
    ("Assistant Director Partnership, Safeguarding and Reform", "Wigan Council", ADVISOR, R.ADVISOR, ""),
    ("Assistant Director, Children's Integration", "Wigan Council", ADVISOR, R.ADVISOR, ""),
    ("Executive Director of Quality and Safety", "WBCCG", ADVISOR, R.ADVISOR, ""),
    ("Director of Nursing & Quality", "WBCCG", ADVISOR, R.ADVISOR, ""),
    (
        "Assistant Director Safeguarding Children / Designated Nurse",
        "WBCCG",
        ADVISOR,
        R.DESIGNATED_NURSE,
        "Nichola Osborne",
    ),
    ("Consultant in Public Health", "Wigan Council", ADVISOR, R.ADVISOR, ""),
    ("Designated Doctor for Safeguarding Children", "WBCCG", ADVISOR, R.DESIGNATED_DOCTOR, ""),
    ("Enhanced Service Manager, Children's Services", "Wigan Council", ADVISOR, R.ADVISOR, ""),
    ("Principal Solicitor (Child Care)", "Wigan Council", ADVISOR, R.ADVISOR, ""),
    ("Service Manager Enhanced - Services for Schools", "Wigan Council", ADVISOR, R.ADVISOR, ""),
    ("Business Support Manager, WSCB & WSAB", "Wigan Council", ADMIN, R.BUSINESS_SUPPORT, ""),
]

# Section 3's table, one tuple per row with the six meetings (None: blank), read as the module says.
# The first item is an agency short name, or a label for people recorded without an agency.
SECTION_3 = [
    ("5BP", (None, None, 2, 2, 1, 1)),
    ("ACT", (None, None, None, None, None, 1)),
    ("Assistant Director", (None, None, None, None, 1, None)),
    ("Associate Director NHS FT", (None, None, None, None, None, 1)),
    ("Author", (None, None, None, None, None, 2)),
    ("Bridgewater", (1, 1, 1, 2, 1, None)),
    ("CAFCASS", (None, None, None, None, 2, 1)),
    ("CDOP", (None, None, None, None, 1, None)),
    ("GMFS", (None, None, None, None, None, None)),
    ("GMP", (None, 1, 1, 1, 2, 1)),
    ("Healthwatch", (None, None, None, None, 1, None)),
    ("High School Rep", (None, None, None, None, 1, None)),
    ("Independent author LCR", (None, None, None, 1, 1, None)),
    ("Independent reviewing officer", (None, None, None, 1, None, None)),
    ("Independent Chair", (1, 1, 2, 2, 2, 2)),
    ("Independent Reviewer", (None, None, 1, None, None, None)),
    ("IHL", (None, None, None, None, None, 1)),
    ("Integrated Services", (None, None, None, None, 1, None)),
    ("Lay Member", (2, 1, 2, 1, 2, 1)),
    ("NHS England", (None, None, None, 1, None, None)),
    ("Other", (None, None, None, 1, 2, None)),
    ("Primary School Rep", (None, None, None, None, 1, None)),
    ("Probation", (1, 1, None, 2, 2, 1)),
    ("WALH", (1, 1, None, 1, 1, None)),
    ("WBCCG", (1, 1, 1, 3, 2, 1)),
    ("Wigan Council", (9, 11, 11, 12, 10, 13)),
    ("WLCT", (1, None, None, None, 1, None)),
    ("WWL NHS Trust", (None, 1, 1, 2, 2, 1)),
]


def _person_name(post: str, agency: str | None, name: str) -> str:
    return name or (f"{post} ({agency})" if agency else post)


# The seed has no action log; these four actions take their wording from section 4's activity for
# 2016/17 (case review task group, CSE strategy, CAMHS provision, early help audit tool) so that the
# action log, the dashboard and the agency profiles have something true to the year to show.
DEMO_ACTIONS = [
    (
        datetime.date(2016, 9, 5),
        "Set up the Case Review task group to take forward the action plans from Serious Case Reviews and "
        "Local Case Reviews",
        "Wigan Council",
        datetime.date(2016, 11, 21),
        "done",
    ),
    (
        datetime.date(2016, 5, 16),
        "Review and refresh the WSCB Child Sexual Exploitation strategy",
        "GMP",
        datetime.date(2016, 11, 21),
        "done",
    ),
    (
        datetime.date(2016, 11, 21),
        "Report to the Board on Child and Adolescent Mental Health Service provision",
        "WBCCG",
        datetime.date(2017, 4, 6),
        "open",
    ),
    (
        datetime.date(2017, 4, 6),
        "Agree an audit tool to provide evidence of the impact of early intervention",
        "Wigan Council",
        datetime.date(2017, 6, 30),
        "open",
    ),
]


def load_for_board(*, board: Board) -> None:
    """Create or refresh the demo groups, membership and 2016/17 board meetings for ``board``."""
    with transaction.atomic():
        agencies = {partner.short_name: partner for partner in Partner.objects.filter(board_memberships__board=board)}
        groups = {}
        for name, kind, terms in GROUPS:
            groups[name], _ = Group.objects.update_or_create(
                board=board, name=name, defaults={"kind": kind, "terms_of_reference": terms, "is_active": True}
            )
        memberships = _load_membership(board=board, group=groups[BOARD_GROUP], agencies=agencies)
        board_group = groups[BOARD_GROUP]
        chair = memberships[0].person
        Group.objects.filter(pk=board_group.pk).update(chair=chair)
        nurse = next(m.person for m in memberships if m.role == R.DESIGNATED_NURSE)
        Group.objects.filter(board=board, name="Training and Development Sub Group").update(chair=nurse)
        _load_meetings(group=board_group, memberships=memberships, agencies=agencies)
        _load_actions(group=board_group, agencies=agencies)


def _load_actions(*, group, agencies) -> None:
    for held_on, description, owner, due_on, status in DEMO_ACTIONS:
        meeting = Meeting.objects.get(group=group, held_on=held_on)
        Action.objects.update_or_create(
            meeting=meeting,
            description=description,
            defaults={"owner": agencies[owner], "due_on": due_on, "status": status},
        )


def _load_membership(*, board, group, agencies) -> list[Membership]:
    memberships = []
    for order, (post, agency_name, status, role, name) in enumerate(SECTION_12, start=1):
        partner = agencies.get(agency_name) if agency_name else None
        person, _ = Person.objects.update_or_create(
            full_name=_person_name(post, agency_name, name),
            partner=partner,
            defaults={"job_title": post},
        )
        person.boards.add(board)
        membership, _ = Membership.objects.update_or_create(
            group=group,
            order=order,
            defaults={
                "person": person,
                "role": role,
                "job_title": post,
                "status": status,
                "partner": partner,
                "started_on": MEMBERSHIP_FROM,
                "ended_on": None,
            },
        )
        memberships.append(membership)
    return memberships


def _load_meetings(*, group, memberships, agencies) -> None:
    by_row: dict[str, list[Membership]] = {}
    for membership in memberships:
        by_row.setdefault(membership.represents, []).append(membership)
    for column, held_on in enumerate(MEETING_DATES):
        meeting, _ = Meeting.objects.update_or_create(
            group=group,
            held_on=held_on,
            defaults={
                "status": Meeting.Status.HELD,
                "reporting_year": REPORTING_YEAR,
                "venue": "",  # the seed gives no venue or time
                "starts_at": None,
            },
        )
        rows = []
        attended_members = set()
        for label, counts in SECTION_3:
            count = counts[column] or 0
            members = by_row.get(label, [])
            for membership in members[:count]:
                attended_members.add(membership.pk)
                rows.append(_member_row(meeting, membership, Attendance.Status.PRESENT))
            partner = agencies.get(label)
            for extra in range(1, count - len(members) + 1):
                rows.append(
                    Attendance(
                        meeting=meeting,
                        name=f"{label} attendee {extra}",
                        partner=partner,
                        represents="" if partner else label,
                        attendee_role=Attendance.AttendeeRole.OTHER,
                        status=Attendance.Status.PRESENT,
                    )
                )
        for membership in memberships:
            if membership.pk not in attended_members:
                rows.append(_member_row(meeting, membership, Attendance.Status.ABSENT))
        Attendance.objects.filter(meeting=meeting).delete()
        Attendance.objects.bulk_create(rows)


def _member_row(meeting, membership, status) -> Attendance:
    return Attendance(
        meeting=meeting,
        membership=membership,
        name=membership.person.full_name,
        job_title=membership.post,
        partner=membership.partner,
        represents="" if membership.partner_id else membership.get_role_display(),
        attendee_role=Attendance.AttendeeRole.MEMBER,
        status=status,
    )
