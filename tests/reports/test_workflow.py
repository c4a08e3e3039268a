"""The state machine of an update: only legal transitions happen, and every one is recorded."""

import pytest

from reports.selfreports import services
from reports.selfreports.models import SelfReport, Transition
from tests.reports.factories import DECLARATION, accepted, fill_all, full_values, section, submitted

Status = SelfReport.Status


def test_a_new_round_gives_each_agency_a_not_started_update(report_a, report_b):
    assert report_a.status == Status.NOT_STARTED
    assert report_b.status == Status.NOT_STARTED


def test_saving_a_section_starts_the_update_and_records_who(report_a, lead_a):
    core = section(report_a)
    services.section_save(report=report_a, section=core, values={"policies": "We reviewed them."}, version=0, by=lead_a)
    report_a.refresh_from_db()
    assert report_a.status == Status.IN_PROGRESS
    transition = Transition.objects.get(report=report_a)
    assert (transition.from_status, transition.to_status, transition.by) == (
        Status.NOT_STARTED,
        Status.IN_PROGRESS,
        lead_a,
    )


def test_the_full_journey_submit_return_resubmit_accept_is_recorded(report_a, lead_a, business_support):
    submitted(report_a, lead_a)
    services.report_return(report=report_a, by=business_support, note="Add evidence of impact")
    report_a.refresh_from_db()
    assert report_a.status == Status.RETURNED and report_a.is_editable
    services.report_submit(report=report_a, by=lead_a, declaration=DECLARATION)
    services.report_accept(report=report_a, by=business_support)
    report_a.refresh_from_db()
    assert report_a.status == Status.ACCEPTED and report_a.accepted_at is not None
    steps = list(Transition.objects.filter(report=report_a).values_list("to_status", "by__email"))
    assert steps == [
        (Status.IN_PROGRESS, lead_a.email),
        (Status.SUBMITTED, lead_a.email),
        (Status.RETURNED, business_support.email),
        (Status.SUBMITTED, lead_a.email),
        (Status.ACCEPTED, business_support.email),
    ]
    assert Transition.objects.get(report=report_a, to_status=Status.RETURNED).note == "Add evidence of impact"


def _snapshot(report):
    report.refresh_from_db()
    return (report.status, report.version, Transition.objects.filter(report=report).count())


def test_it_refuses_an_edit_after_submission_and_changes_nothing(report_a, lead_a):
    submitted(report_a, lead_a)
    before = _snapshot(report_a)
    core = section(report_a)
    entry = report_a.entries.get(section=core)
    with pytest.raises(services.SelfReportError, match="submitted"):
        services.section_save(
            report=report_a, section=core, values={"policies": "Changed"}, version=entry.version, by=lead_a
        )
    assert _snapshot(report_a) == before
    assert entry.answers.get(key="policies").value == "Answer to policies"


def test_it_refuses_to_accept_a_draft(report_a, lead_a, business_support):
    fill_all(report_a, lead_a)
    before = _snapshot(report_a)
    with pytest.raises(services.SelfReportError, match="in progress"):
        services.report_accept(report=report_a, by=business_support)
    assert _snapshot(report_a) == before


def test_it_refuses_to_submit_twice(report_a, lead_a):
    submitted(report_a, lead_a)
    before = _snapshot(report_a)
    with pytest.raises(services.SelfReportError):
        services.report_submit(report=report_a, by=lead_a, declaration=DECLARATION)
    assert _snapshot(report_a) == before


def test_a_partner_lead_cannot_accept_or_return(report_a, lead_a):
    submitted(report_a, lead_a)
    before = _snapshot(report_a)
    with pytest.raises(services.SelfReportError, match="business support"):
        services.report_accept(report=report_a, by=lead_a)
    with pytest.raises(services.SelfReportError, match="business support"):
        services.report_return(report=report_a, by=lead_a)
    assert _snapshot(report_a) == before


def test_it_refuses_to_return_an_accepted_update(report_a, lead_a, business_support):
    accepted(report_a, lead_a, business_support)
    before = _snapshot(report_a)
    with pytest.raises(services.SelfReportError):
        services.report_return(report=report_a, by=business_support)
    assert _snapshot(report_a) == before


def test_another_agencys_lead_cannot_save_or_submit(report_a, lead_b):
    core = section(report_a)
    with pytest.raises(services.SelfReportError):
        services.section_save(report=report_a, section=core, values={"policies": "x"}, version=0, by=lead_b)
    with pytest.raises(services.SelfReportError):
        services.report_submit(report=report_a, by=lead_b, declaration=DECLARATION)
    assert not report_a.entries.exists()


def test_submission_needs_every_required_question(report_a, lead_a):
    core = section(report_a)
    services.section_save(report=report_a, section=core, values=full_values(report_a, core), version=0, by=lead_a)
    with pytest.raises(services.SelfReportError, match="required question"):
        services.report_submit(report=report_a, by=lead_a, declaration=DECLARATION)
    report_a.refresh_from_db()
    assert report_a.status == Status.IN_PROGRESS


def test_a_return_for_another_year_is_refused_with_a_clear_message(report_a, lead_a):
    from wscb.periods import ReportingYear

    fill_all(report_a, lead_a, year=ReportingYear(2015))
    with pytest.raises(services.SelfReportError) as refused:
        services.report_submit(report=report_a, by=lead_a, declaration=DECLARATION)
    assert "01/04/2015 to 31/03/2016" in str(refused.value)
    assert "not the 2016/17 reporting year" in str(refused.value)
    assert "2015/16" in str(refused.value)
    report_a.refresh_from_db()
    assert report_a.status == Status.IN_PROGRESS


def test_every_change_to_an_answer_is_kept_with_old_and_new_value(report_a, lead_a, agency_a):
    from tests.partners.factories import PartnerLeadFactory

    colleague = PartnerLeadFactory(partner=agency_a, full_name="Colin Colleague")
    core = section(report_a)
    services.section_save(report=report_a, section=core, values={"policies": "First"}, version=0, by=lead_a)
    services.section_save(report=report_a, section=core, values={"policies": "Second"}, version=1, by=colleague)
    changes = list(
        report_a.entries.get(section=core).changes.order_by("pk").values_list("old_value", "new_value", "changed_by")
    )
    assert changes == [("", "First", lead_a.pk), ("First", "Second", colleague.pk)]
