"""A partner lead fills in a section: drafts saved, nothing lost, nothing extra assigned, conflicts caught."""

import pytest
from django.urls import reverse

from reports.selfreports import services
from reports.selfreports.models import FormSection, SectionEntry, SelfReport
from tests.reports.factories import accepted, full_values, open_round, report_for, section
from wscb.periods import ReportingYear


def _url(report, section_):
    return reverse("reports:selfreport-section", args=[report.pk, section_.pk])


def test_the_task_list_shows_each_section_and_its_status(report_a, lead_a, as_user):
    core = section(report_a)
    services.section_save(report=report_a, section=core, values={"policies": "Draft"}, version=0, by=lead_a)
    response = as_user(lead_a).get(reverse("reports:selfreport-tasks", args=[report_a.pk]))
    assert response.status_code == 200
    rows = {row.section.heading: row.status for row in response.context["rows"]}
    assert rows["a. Policies and guidance"] == "completed"
    assert rows["b. Private fostering"] == "not_started"
    assert rows["Case studies"] == "optional"
    assert len(rows) == 13


def test_saving_a_section_keeps_a_draft_and_returns_to_the_task_list(report_a, lead_a, as_user):
    core = section(report_a, index=2)  # c. training: long text and a number
    response = as_user(lead_a).post(
        _url(report_a, core), {"version": 0, "training": "Level 3 for all staff", "workers_trained": "41"}
    )
    assert response.status_code == 302
    assert response.url == reverse("reports:selfreport-tasks", args=[report_a.pk])
    entry = SectionEntry.objects.get(report=report_a, section=core)
    assert dict(entry.answers.values_list("key", "value")) == {
        "training": "Level 3 for all staff",
        "workers_trained": "41",
    }
    assert entry.status == SectionEntry.Status.COMPLETED and entry.updated_by == lead_a


def test_an_invalid_answer_shows_the_error_and_keeps_what_was_typed(report_a, lead_a, as_user):
    core = section(report_a, index=2)
    response = as_user(lead_a).post(
        _url(report_a, core), {"version": 0, "training": "A long careful answer", "workers_trained": "forty"}
    )
    assert response.status_code == 200
    assert "Enter a number." in response.content.decode()
    assert "A long careful answer" in response.content.decode()
    assert not SectionEntry.objects.filter(report=report_a).exists()


def test_the_contact_section_is_prefilled_from_the_leads_profile_and_the_rounds_year(report_a, lead_a, as_user):
    lead_a.job_title = "Named Nurse"
    lead_a.telephone = "01942 000000"
    lead_a.save()
    contact = section(report_a, kind=FormSection.Kind.CONTACT)
    form = as_user(lead_a).get(_url(report_a, contact)).context["form"]
    assert form.initial["contact_name"] == "Lena Lead-A"
    assert form.initial["contact_designation"] == "Named Nurse"
    assert form.initial["contact_email"] == "lead.a@example.org"
    assert form.initial["contact_telephone"] == "01942 000000"
    assert str(form.initial["period_start"]) == "2016-04-01"
    assert str(form.initial["period_end"]) == "2017-03-31"


def test_posting_extra_fields_changes_nothing_but_the_answers(report_a, report_b, lead_a, agency_b, as_user):
    core = section(report_a)
    response = as_user(lead_a).post(
        _url(report_a, core),
        {
            "version": 0,
            "policies": "Our answer",
            "partner": agency_b.pk,
            "agency": agency_b.pk,
            "status": SelfReport.Status.ACCEPTED,
            "reviewer": 1,
            "accepted_at": "2017-01-01",
            "report": report_b.pk,
        },
    )
    assert response.status_code == 302
    report_a.refresh_from_db()
    assert report_a.partner_id != agency_b.pk
    assert report_a.status == SelfReport.Status.IN_PROGRESS
    assert report_a.accepted_at is None
    assert not report_b.entries.exists()
    keys = set(SectionEntry.objects.get(report=report_a).answers.values_list("key", flat=True))
    assert keys == {"policies"}


def test_a_section_of_another_years_form_is_404(report_a, lead_a, board, business_support, agency_a, as_user):
    other = services.template_create_default(board=board, year=ReportingYear(2019))
    response = as_user(lead_a).get(_url(report_a, other.sections.first()))
    assert response.status_code == 404


def test_a_submitted_update_sends_the_lead_to_the_read_only_page(report_a, lead_a, as_user):
    from tests.reports.factories import submitted

    submitted(report_a, lead_a)
    response = as_user(lead_a).get(_url(report_a, section(report_a)))
    assert response.status_code == 302
    assert response.url == reverse("reports:selfreport-detail", args=[report_a.pk])
    response = as_user(lead_a).post(_url(report_a, section(report_a)), {"version": 1, "policies": "Late change"})
    assert response.status_code == 302
    assert SectionEntry.objects.get(report=report_a, section=section(report_a)).answers.get(key="policies").value == (
        "Answer to policies"
    )


# --- two leads, one section ------------------------------------------------------------------------------
@pytest.fixture
def colleague_a(agency_a, board):
    from tests.partners.factories import PartnerLeadFactory

    return PartnerLeadFactory(partner=agency_a, full_name="Colin Colleague", boards=[board])


def test_the_second_of_two_leads_saving_the_same_section_gets_a_conflict_with_both_versions(
    report_a, lead_a, colleague_a, as_user
):
    core = section(report_a)
    first, second = as_user(lead_a), as_user(colleague_a)
    version_seen_by_both = first.get(_url(report_a, core)).context["form"].initial["version"]
    assert second.get(_url(report_a, core)).context["form"].initial["version"] == version_seen_by_both

    assert (
        first.post(_url(report_a, core), {"version": version_seen_by_both, "policies": "Lena's text"}).status_code
        == 302
    )
    response = second.post(_url(report_a, core), {"version": version_seen_by_both, "policies": "Colin's text"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this section" in page
    assert "Lena&#x27;s text" in page  # the saved version is shown
    assert "Colin&#x27;s text" in page  # and what Colin typed is still in the form
    assert response.context["conflict"]["who"] == "Lena Lead-A"
    entry = SectionEntry.objects.get(report=report_a, section=core)
    assert entry.answers.get(key="policies").value == "Lena's text"
    # Colin has seen both; saving again (with the newer version now in the form) replaces it.
    retry = second.post(
        _url(report_a, core), {"version": response.context["form"].data["version"], "policies": "Merged"}
    )
    assert retry.status_code == 302
    assert entry.answers.get(key="policies").value == "Merged"


def test_the_conflict_check_is_in_the_service_so_it_holds_on_every_database(report_a, lead_a, colleague_a):
    core = section(report_a)
    services.section_save(report=report_a, section=core, values={"policies": "One"}, version=0, by=lead_a)
    with pytest.raises(services.SectionConflict) as conflict:
        services.section_save(report=report_a, section=core, values={"policies": "Two"}, version=0, by=colleague_a)
    assert conflict.value.saved_values == {"policies": "One"}
    assert conflict.value.entry.version == 1


# --- start from last year ----------------------------------------------------------------------------------
def test_start_from_last_year_copies_last_years_accepted_answers_as_a_draft(
    board, agency_a, lead_a, business_support, as_user
):
    last = report_for(
        open_round(board=board, agencies=[agency_a], by=business_support, year=ReportingYear(2015)), agency_a
    )
    accepted(last, lead_a, business_support)
    this_year = report_for(open_round(board=board, agencies=[agency_a], by=business_support), agency_a)

    response = as_user(lead_a).post(reverse("reports:selfreport-copy", args=[this_year.pk]))

    assert response.status_code == 302
    this_year.refresh_from_db()
    assert this_year.status == SelfReport.Status.IN_PROGRESS
    policies = SectionEntry.objects.get(report=this_year, section=section(this_year))
    assert policies.answers.get(key="policies").value == "Answer to policies"
    assert policies.status == SectionEntry.Status.COPIED  # a draft to check, not "Completed"


def test_start_from_last_year_without_an_accepted_update_says_so(report_a, lead_a, as_user):
    response = as_user(lead_a).post(reverse("reports:selfreport-copy", args=[report_a.pk]), follow=True)
    assert "There is no accepted update from last year" in response.content.decode()
    assert not report_a.entries.exists()


def test_section_values_round_trip_through_the_form(report_a, lead_a):
    contact = section(report_a, kind=FormSection.Kind.CONTACT)
    values = full_values(report_a, contact)
    entry = services.section_save(report=report_a, section=contact, values=values, version=0, by=lead_a)
    assert dict(entry.answers.values_list("key", "value"))["period_end"] == "2017-03-31"
