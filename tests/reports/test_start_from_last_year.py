"""Start from last year: a preview of what will be copied, drafts that are not complete, this year's period."""

from django.urls import reverse

from reports.selfreports import services
from reports.selfreports.models import FormSection, SectionEntry, SelfReport
from tests.reports.factories import DECLARATION, accepted, open_round, report_for, section
from wscb.periods import ReportingYear


def _two_years(board, agency_a, lead_a, business_support):
    last = report_for(
        open_round(board=board, agencies=[agency_a], by=business_support, year=ReportingYear(2015)), agency_a
    )
    accepted(last, lead_a, business_support)
    return report_for(open_round(board=board, agencies=[agency_a], by=business_support), agency_a)


def test_the_preview_shows_what_will_be_copied_and_copies_nothing(board, agency_a, lead_a, business_support, as_user):
    this_year = _two_years(board, agency_a, lead_a, business_support)
    page = as_user(lead_a).get(reverse("reports:selfreport-copy", args=[this_year.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Answer to policies" in html and section(this_year).heading in html
    assert "2015/16" in html
    assert not this_year.entries.exists()


def test_copied_sections_are_drafts_not_completed_and_keep_this_years_period(
    board, agency_a, lead_a, business_support, as_user
):
    this_year = _two_years(board, agency_a, lead_a, business_support)
    response = as_user(lead_a).post(reverse("reports:selfreport-copy", args=[this_year.pk]))
    assert response.status_code == 302
    entries = SectionEntry.objects.filter(report=this_year)
    assert entries.exists()
    assert set(entries.values_list("status", flat=True)) == {SectionEntry.Status.COPIED}
    contact = entries.get(section=section(this_year, kind=FormSection.Kind.CONTACT))
    saved = dict(contact.answers.values_list("key", "value"))
    assert (saved["period_start"], saved["period_end"]) == ("2016-04-01", "2017-03-31")
    html = as_user(lead_a).get(reverse("reports:selfreport-tasks", args=[this_year.pk])).content.decode()
    assert "Copied from last year: check and save" in html and "Completed" not in html


def test_copied_sections_must_be_checked_before_submitting(board, agency_a, lead_a, business_support):
    import pytest

    this_year = _two_years(board, agency_a, lead_a, business_support)
    services.report_copy_last_year(report=this_year, by=lead_a)
    with pytest.raises(services.SelfReportError, match="copied from last year"):
        services.report_submit(report=this_year, by=lead_a, declaration=DECLARATION)
    for entry in this_year.entries.all():
        values = dict(entry.answers.values_list("key", "value"))
        services.section_save(report=this_year, section=entry.section, values=values, version=entry.version, by=lead_a)
    assert set(this_year.entries.values_list("status", flat=True)) == {SectionEntry.Status.COMPLETED}
    services.report_submit(report=this_year, by=lead_a, declaration=DECLARATION)
    this_year.refresh_from_db()
    assert this_year.status == SelfReport.Status.SUBMITTED
