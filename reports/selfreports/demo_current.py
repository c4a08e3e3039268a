"""The demo's current year: the update form with the self-assessment standards (rating questions) and an
open round asking the seed's eleven agencies. No answers: the agencies have not replied yet.

The standards are those of the section 11 (Children Act 2004) duties that partnership self-assessments
rate agencies against (Working Together to Safeguard Children); the scale is red/amber/green.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from partners.models import Board, Partner
from reports.selfreports import services
from reports.selfreports.models import FormSection, FormTemplate, Question, Round, SelfReport
from wscb.periods import ReportingYear
from wscb.roles import Role

RAG = (
    "Red: not in place, or significant gaps\n"
    "Amber: partly in place, with gaps being addressed\n"
    "Green: fully in place and working"
)
#: (key, short name, question)
STANDARDS = [
    (
        "s11_leadership",
        "Leadership and accountability",
        "Senior management commitment to the importance of "
        "safeguarding and promoting children's welfare, with a clear line of accountability.",
    ),
    (
        "s11_responsibilities",
        "Clear responsibilities",
        "A clear statement of the agency's responsibilities towards children, available to all staff.",
    ),
    (
        "s11_services",
        "Services take account of children",
        "Service development takes account of the need to "
        "safeguard and promote welfare, informed by the views of children and families.",
    ),
    (
        "s11_training",
        "Training",
        "Staff are trained in safeguarding and promoting the welfare of children, at the level their role needs.",
    ),
    (
        "s11_recruitment",
        "Safer recruitment",
        "Safer recruitment and vetting procedures, including for "
        "volunteers, and the handling of allegations against staff.",
    ),
    (
        "s11_interagency",
        "Inter-agency working",
        "Effective inter-agency working to safeguard and promote the welfare of children.",
    ),
    (
        "s11_information",
        "Information sharing",
        "Information sharing: staff know when and how to share information about children at risk.",
    ),
]
HEADING = "Self-assessment against the section 11 standards"


def _rating_section(template: FormTemplate) -> None:
    if template.sections.filter(heading=HEADING).exists():
        return
    order = (template.sections.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    section = FormSection.objects.create(
        template=template,
        order=order,
        kind=FormSection.Kind.QUESTIONS,
        heading=HEADING,
        guidance="Rate your agency against each standard and say why. A red or amber rating suggests an action "
        "to close the gap.",
    )
    Question.objects.bulk_create(
        Question(
            section=section,
            order=index,
            key=key,
            standard=short,
            text=text,
            kind=Question.Kind.RATING,
            scale=RAG,
            justification_required=True,
            action_threshold=2,
        )
        for index, (key, short, text) in enumerate(STANDARDS)
    )


def load_current_year(*, board: Board, agencies: list[Partner], today: date | None = None) -> Round:
    """The current reporting year's form (the default form and the standards) and its open round."""
    year = ReportingYear.containing(today) if today else ReportingYear.current()
    with transaction.atomic():
        template = FormTemplate.objects.filter(board=board, start_year=year.start_year).first()
        if template is None:
            template = services.template_create_default(board=board, year=year)
        if not template.is_frozen:
            _rating_section(template)
        support = board.users.filter(role=Role.BUSINESS_SUPPORT).order_by("pk").first()
        round_, _ = Round.objects.get_or_create(
            board=board,
            start_year=year.start_year,
            defaults={
                "template": template,
                "deadline": date(year.end.year, 5, 31),
                "opened_by": support,
            },
        )
        round_.agencies.add(*agencies)
        FormTemplate.objects.filter(pk=template.pk, frozen_at__isnull=True).update(frozen_at=round_.opened_at)
        for agency in agencies:
            SelfReport.objects.get_or_create(round=round_, partner=agency)
    return round_
