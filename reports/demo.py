"""Demo data for partner updates: the 2016/17 form (the seed's), its round, and the seed's eleven returns.

Source: shared/seed/wscb-annual-report-2016-17.txt, section 10, extracted section by section into
reports/demo_data/returns_2016_17.json. The returns are loaded as accepted, as the seed published them,
with their real period covered (the police return covers 2015/16 and shows as the wrong year) and
with skipped sections left unanswered. Safe to run again: everything is updated in place.
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


def _form(board) -> FormTemplate:
    template = FormTemplate.objects.filter(board=board, start_year=YEAR.start_year).first()
    return template or services.template_create_default(board=board, year=YEAR)


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
    for data in returns:
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
