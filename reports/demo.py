"""Demo data for partner updates: the 2016/17 form (the seed's), its round, and the seed's eleven returns.

Source: shared/seed/wscb-annual-report-2016-17.txt, section 10, extracted section by section into
reports/demo_data/returns_2016_17.json. The 2016/17 form is the one the seed's partners filled in, in
its own words (``SEED_FORM``: the contact details, "2. Safeguarding in Your Organisation" with its
lettered questions a-g, the business priorities, and the three closing questions), so each answer
sits under the seed's heading. The returns are loaded as accepted, as the seed published them, in
the seed's order (``SelfReport.report_position``), with their real period covered (the police return
covers 2015/16 and shows as the wrong year) and with skipped sections left unanswered. Safe to run
again: everything is updated in place.
"""

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db.models import Q

from partners.models import Partner, User
from reports.selfreports import demo_current, services
from reports.selfreports.default_form import PERIOD_END, PERIOD_START
from reports.selfreports.models import (
    Answer,
    CaseStudy,
    FormSection,
    FormTemplate,
    Question,
    Round,
    SectionEntry,
    SelfReport,
    Transition,
)
from reports.selfreports.selectors import section_questions
from wscb.periods import ReportingYear
from wscb.roles import Role

DATA = Path(__file__).parent / "demo_data" / "returns_2016_17.json"
YEAR = ReportingYear(2016)
LONDON = ZoneInfo("Europe/London")
DEADLINE = date(2017, 6, 30)
SUBMITTED_AT = datetime(2017, 6, 23, 10, 0, tzinfo=LONDON)
ACCEPTED_AT = datetime(2017, 7, 14, 15, 0, tzinfo=LONDON)


def load_returns() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))["returns"]


K, QK = FormSection.Kind, Question.Kind
# The seed's 2016/17 form: (kind, heading, [(key, question, kind, required)]).
SEED_FORM = [
    (
        K.CONTACT,
        "1. Contact Details of Person Completing the Report",
        [
            ("contact_name", "Name", QK.SHORT_TEXT, True),
            ("contact_designation", "Designation", QK.SHORT_TEXT, True),
            ("contact_email", "Email", QK.SHORT_TEXT, True),
            ("contact_telephone", "Telephone", QK.SHORT_TEXT, True),
            ("endorsed_by", "Reported Endorsed by", QK.SHORT_TEXT, False),
            (PERIOD_START, "Period covered by the Report: from", QK.DATE, True),
            (PERIOD_END, "Period covered by the Report: to", QK.DATE, True),
        ],
    ),
    (
        K.QUESTIONS,
        "2. Safeguarding in Your Organisation: 2.1 Core Safeguarding Board Member Responsibilities",
        [
            ("policies", "a. Policies and Guidance", QK.LONG_TEXT, True),
            ("private_fostering", "b. Private Fostering", QK.LONG_TEXT, True),
            (
                "training",
                "c. Safeguarding Training; including information on number of workers trained, workers who "
                "contribute to the WSCB training pool, level of single agency training, single and multi-agency "
                "training evaluations and impact etc.",
                QK.LONG_TEXT,
                True,
            ),
            ("cse", "d. Child Sexual Exploitation", QK.LONG_TEXT, True),
            (
                "audits",
                "e. Audits/Evaluation/Quality Assurance/Performance Management of Safeguarding Practice; including "
                "any lessons learned from Serious Case Reviews, Local Case Reviews and Local Learning Reviews",
                QK.LONG_TEXT,
                True,
            ),
            (
                "participation",
                "f. Promoting Participation, User Involvement, Impact and Evaluation of complaints relating to "
                "safeguarding issues",
                QK.LONG_TEXT,
                True,
            ),
            ("mental_health", "g. Child / adolescent mental health and wellbeing", QK.LONG_TEXT, True),
        ],
    ),
    # One answer per priority (from the board's priorities), and an answer to the heading as a whole.
    (
        K.PRIORITIES,
        "WSCB Business Priorities",
        [("priorities_overview", "WSCB Business Priorities", QK.LONG_TEXT, False)],
    ),
    (
        K.QUESTIONS,
        "Any other key safeguarding issues your organisation has responded to in the last 12 months.",
        [
            (
                "other_issues",
                "Any other key safeguarding issues your organisation has responded to in the last 12 months.",
                QK.LONG_TEXT,
                True,
            )
        ],
    ),
    (
        K.QUESTIONS,
        "How are safeguarding issues and information from the Wigan SCB been shared / communicated within your "
        "organisation and what has been the impact of this?",
        [
            (
                "information_sharing",
                "How are safeguarding issues and information from the Wigan SCB been shared / communicated within "
                "your organisation and what has been the impact of this?",
                QK.LONG_TEXT,
                True,
            )
        ],
    ),
    (
        K.QUESTIONS,
        "What does your organisation view as a future challenge to safeguarding children within the organisation? "
        "How can Wigan SCB support you with this?",
        [
            (
                "future_challenges",
                "What does your organisation view as a future challenge to safeguarding children within the "
                "organisation? How can Wigan SCB support you with this?",
                QK.LONG_TEXT,
                True,
            )
        ],
    ),
    (K.CASE_STUDIES, "Case Study", []),
]


def _form(board) -> FormTemplate:
    """The board's 2016/17 form: the seed's, created once (a form is frozen once its round opens)."""
    template = FormTemplate.objects.filter(board=board, start_year=YEAR.start_year).first()
    if template is not None:
        return template
    template = FormTemplate.objects.create(board=board, start_year=YEAR.start_year, title="Partner annual update")
    for order, (kind, heading, questions) in enumerate(SEED_FORM, start=1):
        section = FormSection.objects.create(template=template, order=order, kind=kind, heading=heading)
        Question.objects.bulk_create(
            Question(section=section, order=number, key=key, text=text, kind=question_kind, is_required=required)
            for number, (key, text, question_kind, required) in enumerate(questions, start=1)
        )
    return template


def _staff(board, role):
    return User.objects.filter(role=role, boards=board).order_by("pk").first()


def _write_sections(report: SelfReport, values: dict[str, str], lead) -> None:
    for section in report.round.template.sections.exclude(kind=FormSection.Kind.CASE_STUDIES):
        specs = section_questions(section=section, board=report.round.board, year=YEAR)
        answered = {spec.key: values[spec.key] for spec in specs if values.get(spec.key)}
        if not answered:
            SectionEntry.objects.filter(report=report, section=section).delete()
            continue
        complete = all(answered.get(spec.key) for spec in specs if spec.is_required)
        entry, _ = SectionEntry.objects.update_or_create(
            report=report,
            section=section,
            defaults={
                "status": SectionEntry.Status.COMPLETED if complete else SectionEntry.Status.IN_PROGRESS,
                "updated_at": SUBMITTED_AT,
                "updated_by": lead,
                "version": 1,
            },
        )
        priorities = {spec.key: spec.priority for spec in specs}
        for key, value in answered.items():
            Answer.objects.update_or_create(
                entry=entry, key=key, defaults={"value": value, "priority": priorities.get(key)}
            )
        entry.answers.exclude(key__in=answered).delete()


def _record_history(report: SelfReport, lead, support) -> None:
    if report.transitions.exists():
        return
    Status = SelfReport.Status
    for from_status, to_status, by, at in [
        (Status.NOT_STARTED, Status.IN_PROGRESS, lead, SUBMITTED_AT),
        (Status.IN_PROGRESS, Status.SUBMITTED, lead, SUBMITTED_AT),
        (Status.SUBMITTED, Status.ACCEPTED, support, ACCEPTED_AT),
    ]:
        Transition.objects.create(report=report, from_status=from_status, to_status=to_status, by=by, at=at)


def load_for_board(*, board) -> None:
    """The 2016/17 round with the seed's eleven accepted returns, and an editable 2017/18 form."""
    template = _form(board)
    support = _staff(board, Role.BUSINESS_SUPPORT)
    returns = load_returns()
    agencies = {
        p.short_name: p
        for p in Partner.objects.filter(board_memberships__board=board, short_name__in=[r["agency"] for r in returns])
    }
    round_, _ = Round.objects.update_or_create(
        board=board,
        start_year=YEAR.start_year,
        defaults={
            "template": template,
            "deadline": DEADLINE,
            "opened_by": support,
            "opened_at": datetime(2017, 4, 3, 9, 0, tzinfo=LONDON),
        },
    )
    round_.agencies.set(agencies.values())
    FormTemplate.objects.filter(pk=template.pk, frozen_at__isnull=True).update(frozen_at=round_.opened_at)
    round_.refresh_from_db()
    for position, data in enumerate(returns, start=1):
        partner = agencies[data["agency"]]
        lead = User.objects.filter(Q(role=Role.PARTNER_LEAD), partner=partner).order_by("pk").first()
        report, _ = SelfReport.objects.update_or_create(
            round=round_,
            partner=partner,
            defaults={
                "status": SelfReport.Status.ACCEPTED,
                "last_changed_at": SUBMITTED_AT,
                "submitted_at": SUBMITTED_AT,
                "accepted_at": ACCEPTED_AT,
                "report_position": position,  # the seed's order
                # the seed published each return's contact details, so their publication was agreed
                "contact_is_for_publication": True,
            },
        )
        values = {
            **data["contact"],
            **data["answers"],
            PERIOD_START: data["period_start"],
            PERIOD_END: data["period_end"],
        }
        _write_sections(report, values, lead)
        _record_history(report, lead, support)
        for study in data["case_studies"]:
            CaseStudy.objects.update_or_create(
                report=report,
                title=study["title"],
                defaults={
                    "text": study["text"],
                    "declaration": CaseStudy.Declaration.ANONYMISED,
                    "is_for_publication": True,  # the seed published them
                    "created_by": lead,
                },
            )
    if not FormTemplate.objects.filter(board=board, start_year=YEAR.next.start_year).exists():
        services.template_copy(template=template)
    if ReportingYear.current().start_year > YEAR.next.start_year:  # the current year: ratings, open round
        demo_current.load_current_year(board=board, agencies=list(agencies.values()))
