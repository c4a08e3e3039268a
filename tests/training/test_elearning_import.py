"""The provider's export imports all-or-nothing on the Imports page (preview, then confirm): 5,000 rows go
in; one bad row keeps every row out; a row naming its agency has no agency error."""

import io
from datetime import date

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.training.factories import ModuleFactory
from training.models import ELearningEnrolment
from training.services import elearning_import

pytestmark = pytest.mark.django_db
HEADERS = ["Learner", "Agency", "Module", "Allocated date", "Completed date"]


@pytest.fixture
def module(board):
    return ModuleFactory(board=board, title="Hidden Harm")


def _dataset(rows: int) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=HEADERS)
    for number in range(rows):
        agency = "Agency A" if number % 2 else "Community sports club"
        completed = "12/05/2016" if number % 3 else ""
        dataset.append([f"Learner {number}", agency, "hidden harm", "01/05/2016", completed])
    return dataset


def test_an_export_of_5000_rows_imports_completely(board, module, agency_a):
    outcome = elearning_import(board=board, dataset=_dataset(5000))
    assert (outcome.imported, outcome.errors) == (5000, [])
    assert ELearningEnrolment.objects.count() == 5000
    assert ELearningEnrolment.objects.filter(partner=agency_a).count() == 2500
    first = ELearningEnrolment.objects.get(learner_name="Learner 1")
    assert (first.allocated_on, first.completed_on) == (date(2016, 5, 1), date(2016, 5, 12))
    assert ELearningEnrolment.objects.get(learner_name="Learner 0").organisation_name == "Community sports club"


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(board, module, agency_a):
    dataset = _dataset(20)
    dataset.insert(7, ["Bad Row", "Agency A", "Hidden Harm", "14/05/2016", "01/05/2016"])
    outcome = elearning_import(board=board, dataset=dataset)
    assert outcome.imported == 0
    assert outcome.errors == [(9, "Completed date: A module cannot be completed before it was allocated.")]
    assert ELearningEnrolment.objects.count() == 0


def test_every_bad_row_is_listed_with_its_problem(board, module):
    dataset = _dataset(3)
    dataset.append(["", "", "No such module", "31/02/2016", ""])
    outcome = elearning_import(board=board, dataset=dataset)
    assert [number for number, _ in outcome.errors] == [5]
    message = outcome.errors[0][1]
    assert "There is no e-learning module called 'No such module'" in message
    assert "'31/02/2016' is not a date" in message
    assert "Agency: Choose a partner agency or name a community organisation, not both." in message
    assert ELearningEnrolment.objects.count() == 0


def test_a_file_without_the_expected_columns_is_refused(board, module):
    dataset = tablib.Dataset(["x", "y"], headers=["Name", "Course"])
    outcome = elearning_import(board=board, dataset=dataset)
    assert outcome.imported == 0
    assert "no Learner, Module, Allocated date column" in outcome.errors[0][1]


def _upload(dataset: tablib.Dataset, name="export.csv"):
    return SimpleUploadedFile(name, dataset.export("csv").encode("utf-8-sig"), content_type="text/csv")


def _confirm(client, preview):
    assert preview.status_code == 200, preview.context.get("outcome")
    return client.post(reverse("imports:confirm", args=["elearning"]), {"token": preview.context["token"]}, follow=True)


def test_business_support_uploads_the_export_and_sees_how_many_went_in(board, module, business_support, as_user):
    client = as_user(business_support)
    preview = client.post(reverse("training:elearning-import"), {"file": _upload(_dataset(4))})
    assert ELearningEnrolment.objects.count() == 0  # the preview writes nothing
    response = _confirm(client, preview)
    assert "E-learning licences imported: 4 new" in response.content.decode()
    assert ELearningEnrolment.objects.count() == 4


def test_a_row_naming_its_agency_has_no_agency_error(board, module, agency_a, business_support, as_user):
    """The issue's false "agency: The agency is missing" for rows that name one: a partner agency (by short
    name or name, in any case) and a community organisation are both an agency; only a blank one is not."""
    dataset = tablib.Dataset(headers=HEADERS)
    dataset.append(["One", "Agency A", "Hidden Harm", "01/05/2016", ""])
    dataset.append(["Two", "agency a trust", "Hidden Harm", "01/05/2016", "02/05/2016"])
    dataset.append(["Three", "Riverside Youth Club", "Hidden Harm", "01/05/2016", ""])
    dataset.append(["Four", "", "Hidden Harm", "01/05/2016", ""])
    client = as_user(business_support)
    response = client.post(reverse("training:elearning-import"), {"file": _upload(dataset)})
    errors = [(error.row, error.column) for error in response.context["outcome"].errors]
    assert errors == [(5, "Agency")]
    dataset.pop()
    _confirm(client, client.post(reverse("training:elearning-import"), {"file": _upload(dataset)}))
    assert ELearningEnrolment.objects.filter(partner=agency_a).count() == 2
    assert ELearningEnrolment.objects.get(learner_name="Three").organisation_name == "Riverside Youth Club"


def test_the_page_lists_the_bad_rows_and_imports_nothing(board, module, business_support, as_user):
    dataset = _dataset(4)
    dataset.append(["Someone", "Agency A", "Nope", "01/05/2016", ""])
    response = as_user(business_support).post(reverse("training:elearning-import"), {"file": _upload(dataset)})
    assert response.status_code == 400
    assert [(error.row, error.column) for error in response.context["outcome"].errors] == [(6, "Module")]
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "There is no e-learning module called" in page
    assert ELearningEnrolment.objects.count() == 0


def test_an_excel_export_imports_too(board, module, business_support, as_user):
    upload = SimpleUploadedFile("export.xlsx", _dataset(3).export("xlsx"))
    client = as_user(business_support)
    _confirm(client, client.post(reverse("training:elearning-import"), {"file": upload}))
    assert ELearningEnrolment.objects.count() == 3


def test_a_file_of_another_type_is_refused(board, business_support, as_user):
    upload = SimpleUploadedFile("export.pdf", b"%PDF-1.4")
    response = as_user(business_support).post(reverse("training:elearning-import"), {"file": upload})
    assert response.status_code == 400
    assert "Upload a CSV file (.csv) or an Excel workbook (.xlsx)." in response.content.decode()


def test_a_board_member_cannot_import(board, board_member, as_user):
    response = as_user(board_member).post(reverse("training:elearning-import"), {"file": io.BytesIO(b"")})
    assert response.status_code == 403
