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
    services.report_submit(report=report, by=by)
    report.refresh_from_db()
    return report


def accepted(report, lead, reviewer):
    submitted(report, lead)
    services.report_accept(report=report, by=reviewer)
    report.refresh_from_db()
    return report
