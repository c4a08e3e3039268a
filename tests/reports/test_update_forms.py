"""Update forms per year: the default is the seed's form; copy to create next year's; frozen once a round opens."""

import pytest
from django.urls import reverse

from reports.selfreports import services
from reports.selfreports.models import FormSection, FormTemplate, Question
from tests.reports.factories import make_form, open_round
from wscb.periods import ReportingYear


def test_the_default_form_is_the_seeds_form(board):
    template = make_form(board)
    headings = list(template.sections.values_list("heading", flat=True))
    assert headings[0] == "Contact details and period covered"
    assert [h[:2] for h in headings[1:8]] == ["a.", "b.", "c.", "d.", "e.", "f.", "g."]
    assert headings[8:] == [
        "Strategic priorities",
        "Other key safeguarding issues",
        "Sharing board information",
        "Future challenges",
        "Case studies",
    ]
    kinds = set(Question.objects.filter(section__template=template).values_list("kind", flat=True))
    assert kinds == {"short_text", "date", "long_text", "number"}


def test_copying_creates_next_years_editable_form_with_the_same_questions(board, business_support, as_user):
    template = make_form(board)
    response = as_user(business_support).post(reverse("reports:template-copy", args=[template.pk]))
    copy = FormTemplate.objects.get(start_year=2017)
    assert response.status_code == 302 and response.url == reverse("reports:template-detail", args=[copy.pk])
    assert not copy.is_frozen
    assert list(copy.sections.values_list("heading", "kind")) == list(template.sections.values_list("heading", "kind"))
    assert (
        Question.objects.filter(section__template=copy).count()
        == Question.objects.filter(section__template=template).count()
    )
    # Editing the copy leaves the original alone.
    FormSection.objects.filter(template=copy, order=2).update(heading="a. Policies, guidance and procedures")
    assert template.sections.get(order=2).heading == "a. Policies and guidance"


def test_copying_twice_is_refused(board):
    template = make_form(board)
    services.template_copy(template=template)
    with pytest.raises(services.SelfReportError, match="already an update form for 2017/18"):
        services.template_copy(template=template)


def test_opening_a_round_freezes_the_form_in_the_back_office(board, agency_a, lead_a, business_support, as_user):
    template = make_form(board)
    client = as_user(business_support)
    change_url = reverse("admin:reports_formtemplate_change", args=[template.pk])
    assert "Save" in client.get(change_url).content.decode()
    open_round(board=board, agencies=[agency_a], by=business_support, template=template)
    template.refresh_from_db()
    assert template.is_frozen
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    section = template.sections.first()
    assert (
        client.post(reverse("admin:reports_formsection_delete", args=[section.pk]), {"post": "yes"}).status_code == 403
    )
    assert FormSection.objects.filter(pk=section.pk).exists()


def test_business_support_creates_the_default_form_for_a_year(board, business_support, as_user):
    response = as_user(business_support).post(reverse("reports:template-create-default"), {"start_year": "2018"})
    template = FormTemplate.objects.get(board=board)
    assert template.year == ReportingYear(2018)
    assert response.url == reverse("reports:template-detail", args=[template.pk])


def test_a_nonsense_year_is_refused(board, business_support, as_user):
    response = as_user(business_support).post(reverse("reports:template-create-default"), {"start_year": "soon"})
    assert response.status_code == 302
    assert not FormTemplate.objects.exists()


def test_the_back_office_offers_only_unfrozen_forms_for_a_new_section(
    board, agency_a, lead_a, business_support, as_user
):
    frozen = make_form(board)
    open_round(board=board, agencies=[agency_a], by=business_support, template=frozen)
    editable = services.template_copy(template=frozen)
    form = as_user(business_support).get(reverse("admin:reports_formsection_add")).context["adminform"].form
    assert list(form.fields["template"].queryset) == [editable]
    response = as_user(business_support).post(
        reverse("admin:reports_formsection_add"),
        {
            "template": frozen.pk,
            "order": 99,
            "kind": "questions",
            "heading": "Sneaked in",
            "questions-TOTAL_FORMS": 0,
            "questions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert not FormSection.objects.filter(heading="Sneaked in").exists()


def test_the_back_office_shows_only_the_forms_of_the_users_boards(board, business_support, as_user):
    from tests.partners.factories import BoardFactory

    other_board = BoardFactory(name="Adults board", short_name="WSAB")
    make_form(board)
    services.template_create_default(board=other_board, year=ReportingYear(2016))
    page = as_user(business_support).get(reverse("admin:reports_formtemplate_changelist"))
    assert [t.board.short_name for t in page.context["cl"].result_list] == ["WSCB"]
