"""Test data for partner updates, built through the real services."""

from datetime import date

from partners.models import StrategicPriority
from reports.selfreports import services
from reports.selfreports.models import FormSection, SelfReport
from reports.selfreports.selectors import section_questions
from wscb.periods import ReportingYear

YEAR = ReportingYear(2016)


def make_priorities(board, count=2):
    return [
        StrategicPriority.objects.get_or_create(
            board=board,
            plan_period="2015-18",
            number=number,
            defaults={"first_year": 2015, "last_year": 2017, "title": f"Priority {number} title"},
        )[0]
        for number in range(1, count + 1)
    ]


def make_form(board, year=YEAR):
    make_priorities(board)
    return services.template_create_default(board=board, year=year)


def open_round(*, board, agencies, by, year=YEAR, deadline=None, template=None):
    template = template or make_form(board, year)
    return services.round_open(
        board=board, template=template, deadline=deadline or date(year.start_year + 1, 5, 31), agencies=agencies, by=by
    )


def report_for(round_, agency) -> SelfReport:
    return SelfReport.objects.get(round=round_, partner=agency)


def section(report, kind=FormSection.Kind.QUESTIONS, index=0) -> FormSection:
    return list(report.round.template.sections.filter(kind=kind))[index]


def full_values(report, section_, *, year=None):
    """A complete, valid set of answers for a section (the period is the round's year unless told)."""
    year = year or report.round.year
    values = {}
    for spec in section_questions(section=section_, board=report.round.board, year=report.round.year):
        if spec.key == "period_start":
            values[spec.key] = year.start.isoformat()
        elif spec.key == "period_end":
            values[spec.key] = year.end.isoformat()
        elif spec.kind == "number":
            values[spec.key] = "12"
        elif spec.kind == "rating":
            values[spec.key] = str(len(spec.levels))
            values[spec.justification_key] = f"Why {spec.key}"
        else:
            values[spec.key] = f"Answer to {spec.key}"
    return values


def fill_all(report, by, *, year=None):
    for section_ in report.round.template.sections.exclude(kind=FormSection.Kind.CASE_STUDIES):
        entry = report.entries.filter(section=section_).first()
        services.section_save(
            report=report,
            section=section_,
            values=full_values(report, section_, year=year),
            version=entry.version if entry else 0,
            by=by,
        )
    report.refresh_from_db()


def submitted(report, by):
    fill_all(report, by)
    services.report_submit(report=report, by=by, declaration=DECLARATION)
    report.refresh_from_db()
    return report


def accepted(report, lead, reviewer):
    submitted(report, lead)
    services.report_accept(report=report, by=reviewer)
    report.refresh_from_db()
    return report


DECLARATION = services.Declaration(name="Lena Lead-A", role="Designated safeguarding lead")


RAG = "Red: not in place\nAmber: partly in place\nGreen: fully in place"
FOUR = (
    "1: inadequate, the standard is not met\n2: requires improvement\n3: good, the standard is met\n"
    "4: outstanding, the standard is met and shared as good practice"
)


def add_rating_section(template, *, scale=RAG, keys=("leadership", "training_standard"), threshold=1, why=True):
    """A section of rating questions (standards) on a form no round has frozen yet."""
    from reports.selfreports.models import Question

    order = (template.sections.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    ratings = FormSection.objects.create(
        template=template, order=order, kind=FormSection.Kind.QUESTIONS, heading="Self-assessment against standards"
    )
    for index, key in enumerate(keys):
        Question.objects.create(
            section=ratings,
            order=index,
            key=key,
            text=f"How well does your agency meet the {key.replace('_', ' ')} standard?",
            standard=key.replace("_", " ").capitalize(),
            kind=Question.Kind.RATING,
            scale=scale,
            justification_required=why,
            action_threshold=threshold,
        )
    return ratings


def rated_round(*, board, agencies, by, year=YEAR):
    """A round whose form has the rating section; returns (round, the rating section)."""
    template = make_form(board, year)
    ratings = add_rating_section(template)
    return open_round(board=board, agencies=agencies, by=by, year=year, template=template), ratings


def rate(report, section_, lead, ratings: dict[str, str]):
    """Save ``ratings`` (question key -> level number) with a justification for each."""
    values = {}
    for key, number in ratings.items():
        values[key] = number
        values[f"{key}--why"] = f"Because {key} is {number}"
    entry = report.entries.filter(section=section_).first()
    return services.section_save(
        report=report, section=section_, values=values, version=entry.version if entry else 0, by=lead
    )


def person_of(agency, name="Owen Owner", email="owen@example.org"):
    """A person of the agency, who can own its actions."""
    from partners.models import BoardMembership, Person

    person = Person.objects.create(full_name=name, partner=agency, email=email, job_title="Safeguarding manager")
    person.boards.add(*BoardMembership._base_manager.filter(partner=agency).values_list("board_id", flat=True))
    return person


def raise_action(report, by, *, owner=None, due_on=None, question_key="", what="Train every team leader"):
    from reports.selfreports import actions

    return actions.action_raise(
        report=report,
        by=by,
        what=what,
        owner=owner or person_of(report.partner),
        due_on=due_on or date(report.round.start_year + 1, 3, 31),
        question_key=question_key,
    )


EVIDENCE_PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def attach_evidence(report, lead, *, key="policies", name="evidence.pdf"):
    """A PDF attached to one answer of ``report`` through the real service."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.selfreports import actions, evidence

    return evidence.evidence_add(
        report=report,
        key=key,
        upload=SimpleUploadedFile(name, EVIDENCE_PDF),
        by=lead,
        keys=set(actions.report_answer_refs(report=report)),
    )


def challenge_for(board, agency, by, *, year=YEAR, held_on=None, outcome="assured_with_actions"):
    """A challenge event recorded through the real service."""
    from reports.selfreports import challenge

    return challenge.challenge_save(
        board=board,
        by=by,
        data={
            "partner": agency,
            "start_year": year.start_year,
            "held_on": held_on or date(year.start_year + 1, 6, 20),
            "panel": "Independent Chair\nDirector of Children's Services",
            "questions": "How do you know your training reaches front-line staff?",
            "response": "Training records are audited each quarter.",
            "outcome": outcome,
            "outcome_notes": "",
        },
    )
