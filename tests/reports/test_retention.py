"""Returns and case studies are kept until six years (RETENTION_YEARS) after their reporting year ends;
``apply_retention`` lists them, and with ``--apply`` deletes case studies and anonymises returns."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from reports.selfreports import services
from reports.selfreports.models import Answer, AnswerChange, CaseStudy, ReviewComment, SectionEntry, SelfReport
from tests.reports.factories import fill_all, open_round, report_for, section
from wscb.audit.models import AuditAction, AuditEvent
from wscb.periods import ReportingYear


def run(*args) -> str:
    """The command as cron runs it: with --apply, without the question (--no-input)."""
    out = StringIO()
    call_command("apply_retention", *args, *(["--no-input"] if "--apply" in args else []), stdout=out)
    return out.getvalue()


@pytest.fixture
def filled(report_a, lead_a, business_support):
    fill_all(report_a, lead_a)
    study = services.case_study_save(
        report=report_a, data={"title": "T", "text": "A child's story", "declaration": "anonymised"}, by=lead_a
    )
    services.comment_add(report=report_a, section=section(report_a), text="Add evidence", by=business_support)
    return report_a, study


def test_a_return_and_its_case_studies_are_kept_six_years_after_the_reporting_year(report_a, settings):
    assert report_a.retain_until == date(2023, 3, 31)
    settings.RETENTION_YEARS = 3
    assert report_a.retain_until == date(2020, 3, 31)


def test_on_the_retention_date_nothing_is_due(filled):
    output = run("--apply", "--today", "31/03/2023")
    assert "(reports.casestudy, delete): 0 expired" in output
    assert "(reports.selfreport, anonymise): 0 expired" in output
    assert CaseStudy.objects.count() == 1 and Answer.objects.exists()


def test_the_day_after_it_lists_the_case_study_and_the_return_but_changes_nothing(filled):
    report, study = filled
    output = run("--today", "01/04/2023")
    assert f"reports.casestudy #{study.pk}: retain until 31/03/2023" in output
    assert f"reports.selfreport #{report.pk}: retain until 31/03/2023" in output
    assert CaseStudy.objects.count() == 1 and Answer.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.RETENTION_APPLIED).exists()


def test_apply_deletes_case_studies_and_anonymises_returns_writing_audit_rows(filled, report_b, business_support):
    report, _study = filled
    later = open_round(
        board=report.round.board, agencies=[report.partner], by=business_support, year=ReportingYear(2017)
    )
    later_report = report_for(later, report.partner)  # a 2017/18 return, kept until 31/03/2024
    status = report.status
    run("--apply", "--today", "01/04/2023")
    assert not CaseStudy.objects.filter(report=report).exists()
    anonymised = SelfReport.objects.get(pk=report.pk)
    assert anonymised.status == status and anonymised.partner == report.partner  # still counted as a return
    assert not SectionEntry.objects.filter(report=report).exists()
    assert not Answer.objects.filter(entry__report=report).exists()
    assert not AnswerChange.objects.filter(entry__report=report).exists()
    assert not ReviewComment.objects.filter(report=report).exists()
    assert SelfReport.objects.filter(pk=later_report.pk).exists()
    details = sorted(AuditEvent.objects.filter(action=AuditAction.RETENTION_APPLIED).values_list("detail", flat=True))
    assert details == [
        "reports.casestudy: 1 deleted (expired before 01/04/2023)",
        "reports.selfreport: 1 anonymised (expired before 01/04/2023)",
    ]  # agency B's 2016/17 return has nothing written in it, so there is nothing to anonymise
    # a second run finds nothing left to do
    run("--apply", "--today", "01/04/2023")
    assert AuditEvent.objects.filter(action=AuditAction.RETENTION_APPLIED).count() == 2


def test_anonymising_a_return_removes_the_declaration_and_the_review_messages(filled, lead_a, business_support):
    from tests.reports.factories import DECLARATION

    report, _study = filled
    services.report_submit(report=report, by=lead_a, declaration=DECLARATION)
    services.report_return(report=report, by=business_support, note="Please add the names of the panel")
    SelfReport.objects.filter(pk=report.pk).update(review_message="Draft about Ms Smith", declared_endorsed_by="Dr X")
    run("--apply", "--today", "01/04/2023")
    anonymised = SelfReport.objects.get(pk=report.pk)
    assert (
        anonymised.declared_name,
        anonymised.declared_role,
        anonymised.declared_endorsed_by,
        anonymised.review_message,
        anonymised.return_message,
    ) == ("", "", "", "", "")
