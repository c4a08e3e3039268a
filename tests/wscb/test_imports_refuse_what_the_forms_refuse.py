"""Finding (Medium): imports accepted what the form refuses.

The contribution import merged two rows for the same agency and year (keeping the last), accepted
invoiced > agreed and "received" without a date, and read ``12,50`` as £1,250.00 and ``1e3`` as
£1,000.00. Now each record type has one set of rules, used by its form and its import (the model's
``clean()``, constraints and validators; amounts through ``wscb.money.parse_pounds`` in both), so a
row the form would refuse is refused with the form's own message; repeated keys in one file are an
error naming both rows. Every import is checked: finance contributions and expenditure, partner
agencies (page and back office), meeting attendance, training e-learning, and the back office's
indicator and comparator figures.
"""

from datetime import date
from decimal import Decimal

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export import resources as import_export_resources

from finance.forms import ContributionForm, ExpenditureLineForm
from finance.models import Contribution, ExpenditureCategory, ExpenditureLine
from tests.finance.factories import ExpenditureCategoryFactory, FinanceYearFactory
from tests.import_pages import import_confirm
from tests.wscb.test_import_graph import project_modules
from wscb.money import parse_pounds

pytestmark = pytest.mark.django_db

CONTRIBUTION_HEADERS = ["Year", "Partner", "Agreed", "Invoiced", "Received", "Invoiced on", "Received on"]
EXPENDITURE_HEADERS = ["Year", "Category", "Actual or budget", "Amount", "Description"]


def csv_upload(headers, rows, name="lines.csv"):
    dataset = tablib.Dataset(*rows, headers=headers)
    return SimpleUploadedFile(name, dataset.export("csv").encode("utf-8-sig"), content_type="text/csv")


@pytest.fixture
def year_2016(board):
    return FinanceYearFactory(board=board, start_year=2016)


def import_contributions(client, *rows):
    return client.post(
        reverse("finance:import", args=["contributions"]), {"file": csv_upload(CONTRIBUTION_HEADERS, rows)}
    )


def contribution_form(year, **data):
    values = {"amount_invoiced": "0", "amount_received": "0", **data}
    return ContributionForm(values, finance_year=year)


def test_two_rows_for_the_same_agency_and_year_are_an_error_naming_both(as_user, business_support, year_2016, agency_a):
    response = import_contributions(
        as_user(business_support),
        ("2016/17", "Agency A Trust", "5000", "", "", "", ""),
        ("2016/17", "Agency B Police", "10", "", "", "", ""),
        ("2016/17", "agency a", "6000", "", "", "", ""),  # the short name, in another case: the same agency
    )
    page = response.content.decode()
    assert "Rows 2 and 4 are both for Agency A Trust, 2016/17" in page
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (("2016/17", "Agency A Trust", "100", "200", "", "01/05/2016", ""), "amount_invoiced", "more than the amount"),
        (("2016/17", "Agency A Trust", "100", "100", "100", "01/05/2016", ""), "received_on", "date the money was"),
    ],
    ids=["invoiced more than agreed", "received without a date"],
)
def test_a_contribution_row_the_form_refuses_is_refused_with_the_forms_message(
    row, field, message, as_user, business_support, year_2016, agency_a
):
    form = contribution_form(
        year_2016,
        partner=agency_a.pk,
        amount_agreed=row[2],
        amount_invoiced=row[3],
        amount_received=row[4] or "0",
        invoiced_on=row[5],
    )
    assert not form.is_valid()
    form_message = form.errors[field][0]
    assert message in form_message
    page = import_contributions(as_user(business_support), row).content.decode()
    assert form_message in page
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("typed", ["12,50", "1e3", "1.234,50", "1,23", "12.345", "£"])
def test_an_ambiguous_amount_is_refused_by_the_form_and_the_import_alike(
    typed, as_user, business_support, year_2016, agency_a
):
    form = contribution_form(year_2016, partner=agency_a.pk, amount_agreed=typed)
    assert not form.is_valid() and "amount_agreed" in form.errors
    page = import_contributions(as_user(business_support), ("2016/17", "Agency A Trust", typed, "", "", "", ""))
    assert page.status_code == 400 and f"“{typed}”" in page.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("typed", "pounds"), [("1234.50", "1234.50"), ("1,234.50", "1234.50"), ("£1,234.50", "1234.50")]
)
def test_plain_amounts_are_read_the_same_by_the_form_and_the_import(
    typed, pounds, as_user, business_support, year_2016, agency_a, agency_b
):
    form = contribution_form(year_2016, partner=agency_b.pk, amount_agreed=typed)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount_agreed"] == Decimal(pounds)
    client = as_user(business_support)
    preview = import_contributions(client, ("2016/17", "Agency A Trust", typed, "", "", "", ""))
    assert preview.status_code == 200 and not Contribution.objects.exists()
    assert import_confirm(client, "contributions", preview).status_code == 302
    assert Contribution.objects.get(partner=agency_a).amount_agreed == Decimal(pounds)


def test_the_money_reader_refuses_every_ambiguous_form():
    for typed in ("12,50", "1e3", "1E3", "1.234,50", "1,23", "12.345", "Infinity", "NaN", "0x10", "1_000"):
        with pytest.raises(ValueError):
            parse_pounds(typed)
    assert parse_pounds(1234.5) == Decimal("1234.50")  # a number cell of a spreadsheet


def test_an_expenditure_row_in_a_category_the_form_does_not_offer_is_refused(
    as_user, business_support, board, year_2016
):
    closed = ExpenditureCategoryFactory(board=board, name="Old Heading", is_active=False)
    form = ExpenditureLineForm({"category": closed.pk, "kind": "actual", "amount": "5"}, board=board)
    assert not form.is_valid() and "category" in form.errors
    response = as_user(business_support).post(
        reverse("finance:import", args=["expenditure"]),
        {"file": csv_upload(EXPENDITURE_HEADERS, [("2016/17", "Old Heading", "Actual", "5", "")])},
    )
    assert "no longer in use" in response.content.decode()
    assert not ExpenditureLine.objects.exists()
    assert ExpenditureCategory.objects.filter(pk=closed.pk).exists()


def test_an_elearning_row_gets_the_message_the_back_office_form_gives(as_user, business_support, board, agency_a):
    from django.forms import modelform_factory

    from training.admin import ELearningEnrolmentAdmin
    from training.models import ELearningEnrolment, ELearningModule

    module = ELearningModule.objects.create(board=board, title="Hidden Harm")
    admin_form = modelform_factory(ELearningEnrolment, fields=ELearningEnrolmentAdmin.fields)(
        {
            "module": module.pk,
            "learner_name": "L",
            "partner": agency_a.pk,
            "allocated_on": "02/05/2016",
            "completed_on": "01/05/2016",
        }
    )
    assert not admin_form.is_valid()
    form_message = admin_form.non_field_errors()[0]
    content = "Learner,Agency,Module,Allocated date,Completed date\r\nL,Agency A,Hidden Harm,02/05/2016,01/05/2016\r\n"
    upload = SimpleUploadedFile("export.csv", content.encode(), content_type="text/csv")
    page = as_user(business_support).post(reverse("training:elearning-import"), {"file": upload}).content.decode()
    assert form_message in page
    assert not ELearningEnrolment.objects.exists()


def test_the_python_check_of_an_enrolment_agrees_with_the_database_constraints(board, agency_a):
    from training.models import ELearningEnrolment, ELearningModule

    module = ELearningModule.objects.create(board=board, title="M")
    cases = [
        ELearningEnrolment(module=module, learner_name="L", partner=agency_a, allocated_on=date(2016, 5, 2)),
        ELearningEnrolment(module=module, learner_name="L", organisation_name="Club", allocated_on=date(2016, 5, 2)),
        ELearningEnrolment(module=module, learner_name="L", allocated_on=date(2016, 5, 2)),
        ELearningEnrolment(
            module=module, learner_name="L", partner=agency_a, organisation_name="Club", allocated_on=date(2016, 5, 2)
        ),
        ELearningEnrolment(
            module=module,
            learner_name="L",
            partner=agency_a,
            allocated_on=date(2016, 5, 2),
            completed_on=date(2016, 5, 1),
        ),
    ]
    from django.core.exceptions import ValidationError

    for enrolment in cases:
        try:
            enrolment.validate_constraints()
            database = set()
        except ValidationError as error:
            database = set(error.messages)
        python = {message for messages in enrolment.constraint_problems().values() for message in messages}
        assert python == database, enrolment.__dict__


@pytest.mark.parametrize(
    ("model", "header", "rows"),
    [
        ("indicatorvalue", "indicator,year,numerator", ["cpp-rate,2016/17,10", "cpp-rate,2016/17,12"]),
        (
            "comparatorvalue",
            "indicator,year,comparator,value",
            ["cpp-rate,2016/17,England,1.0", "cpp-rate,2016/17,england,2.0"],
        ),
    ],
)
def test_the_back_office_figures_imports_refuse_repeated_keys_naming_both_rows(
    model, header, rows, as_user, business_support, board
):
    from reports.annual.models import ComparatorValue, Indicator, IndicatorValue

    Indicator.objects.create(board=board, code="cpp-rate", name="CPP rate", unit="rate")
    content = "\r\n".join([header, *rows]) + "\r\n"
    response = as_user(business_support).post(
        reverse(f"admin:annual_{model}_import"),
        {"import_file": SimpleUploadedFile("figures.csv", content.encode()), "format": "0", "resource": "0"},
    )
    page = response.content.decode()
    assert "Rows 2 and 3 are for the same" in page
    assert "Traceback" not in page and ".py" not in page
    assert not IndicatorValue.objects.exists() and not ComparatorValue.objects.exists()


def test_an_attendance_row_repeating_a_name_with_other_spaces_or_case_names_both_rows(as_user, business_support, board):
    from meetings.models import Attendance
    from tests.meetings.factories import GroupFactory, MeetingFactory

    MeetingFactory(group=GroupFactory(board=board, name="Test Board"), held_on=date(2016, 9, 5))
    content = (
        "Group,Meeting date,Name,Status,Role\r\n"
        "Test Board,05/09/2016,Gus Guest,present,observer\r\n"
        "Test Board,05/09/2016,gus  GUEST,present,observer\r\n"
    )
    upload = SimpleUploadedFile("attendance.csv", content.encode(), content_type="text/csv")
    page = as_user(business_support).post(reverse("meetings:attendance-import"), {"file": upload}).content.decode()
    assert "Duplicate of spreadsheet row 2" in page
    assert not Attendance.objects.exists()


def test_every_import_resource_checks_rows_by_the_models_rules():
    """A resource that skipped the model's validation would let the import accept what the form refuses."""
    found = []
    for name in project_modules():
        if not name.endswith("resources"):
            continue
        module = __import__(name, fromlist=["*"])
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, import_export_resources.ModelResource)
                and value.__module__ == name
                and value._meta.model is not None
                and "Outstanding" not in value.__name__  # export only
            ):
                found.append(value)
                assert value._meta.clean_model_instances, f"{value.__name__}: set clean_model_instances = True"
    assert len(found) >= 7, found
