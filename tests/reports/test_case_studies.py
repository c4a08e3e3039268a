"""Case studies: a required declaration, restricted access, publication decided by business support."""

from datetime import date

from django.urls import reverse

from reports.selfreports.models import CaseStudy


def _add_url(report):
    return reverse("reports:case-study-create", args=[report.pk])


def test_a_lead_adds_an_anonymised_case_study(report_a, lead_a, as_user):
    response = as_user(lead_a).post(
        _add_url(report_a),
        {"title": "Early help", "text": "A boy of 9 ...", "declaration": "anonymised", "confirm": "on"},
    )
    assert response.status_code == 302
    study = CaseStudy.objects.get()
    assert (study.report, study.declaration, study.is_for_publication) == (report_a, "anonymised", False)


def test_the_declaration_must_be_given_and_confirmed(report_a, lead_a, as_user):
    response = as_user(lead_a).post(_add_url(report_a), {"title": "T", "text": "Story"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "declaration" in errors and "confirm" in errors
    assert "Story" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_consent_needs_the_date_it_was_recorded(report_a, lead_a, as_user):
    data = {"title": "T", "text": "Story", "declaration": "consent", "confirm": "on"}
    response = as_user(lead_a).post(_add_url(report_a), data)
    assert response.context["form"].errors["consent_recorded_on"] == ["Give the date consent was recorded."]
    response = as_user(lead_a).post(_add_url(report_a), {**data, "consent_recorded_on": "12/03/2017"})
    assert response.status_code == 302
    assert CaseStudy.objects.get().consent_recorded_on == date(2017, 3, 12)


def test_posting_publication_or_another_report_in_the_form_changes_nothing(report_a, report_b, lead_a, as_user):
    as_user(lead_a).post(
        _add_url(report_a),
        {
            "title": "T",
            "text": "Story",
            "declaration": "anonymised",
            "confirm": "on",
            "is_for_publication": "on",
            "report": report_b.pk,
        },
    )
    study = CaseStudy.objects.get()
    assert (study.report_id, study.is_for_publication) == (report_a.pk, False)


def test_business_support_marks_a_case_study_for_publication(report_a, lead_a, business_support, as_user):
    from reports.selfreports import services

    study = services.case_study_save(
        report=report_a, data={"title": "T", "text": "x", "declaration": "anonymised"}, by=lead_a
    )
    url = reverse("reports:case-study-publish", args=[report_a.pk, study.pk])
    assert as_user(business_support).post(url, {"publish": "yes"}).status_code == 302
    study.refresh_from_db()
    assert study.is_for_publication is True


def test_removing_a_case_study_asks_first(report_a, lead_a, as_user):
    from reports.selfreports import services

    study = services.case_study_save(
        report=report_a, data={"title": "To remove", "text": "x", "declaration": "anonymised"}, by=lead_a
    )
    url = reverse("reports:case-study-delete", args=[report_a.pk, study.pk])
    page = as_user(lead_a).get(url)
    assert 'Remove "To remove"?' in page.content.decode()
    assert CaseStudy.objects.exists()
    as_user(lead_a).post(url)
    assert not CaseStudy.objects.exists()
