"""E-learning modules come in through the Imports pages (preview, then confirm), so the provider's export
that names them imports next: a title the board has updates its module (ignoring case), another board's
modules are never touched, and every bad row is named by its spreadsheet row and heading with nothing
written."""

import pytest

from partners.models import Board
from tests.conftest import client_for
from tests.import_pages import import_file, import_upload, row_errors
from training.models import ELearningEnrolment, ELearningModule

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(business_support):
    return client_for(business_support)


def test_modules_are_added_and_a_known_title_updates_its_module(client, board):
    other = Board.objects.create(name="Elsewhere Safeguarding Partnership", short_name="ESP")
    ELearningModule.objects.create(board=other, title="Hidden Harm", is_in_package=True)
    ELearningModule.objects.create(board=board, title="Hidden Harm", is_in_package=True)
    import_file(
        client,
        "elearning-modules",
        [["Title", "In the package"], ["hidden harm", "No"], ["Domestic Abuse", ""]],
    )
    modules = {module.title: module.is_in_package for module in ELearningModule.objects.filter(board=board)}
    assert modules == {"Hidden Harm": False, "Domestic Abuse": True}
    assert ELearningModule.objects.get(board=other).is_in_package is True


def test_bad_module_rows_are_named_and_nothing_is_written(client, board):
    response = import_upload(
        client,
        "elearning-modules",
        [
            ["Title", "In the package"],
            ["Hidden Harm", "Yes"],
            ["", "Yes"],
            ["Domestic Abuse", "Perhaps"],
            ["HIDDEN HARM", "No"],
        ],
    )
    assert response.status_code == 400
    errors = {(row, heading) for row, heading, _ in row_errors(response)}
    assert {(3, "Title"), (4, "In the package")} <= errors
    assert any(row == 5 and "Title" in heading for row, heading in errors)  # the same module as row 2
    assert not any(row == 2 for row, _ in errors)
    assert not ELearningModule.objects.filter(board=board).exists()


def test_the_providers_export_imports_once_its_modules_are_imported(client, board, agency_a):
    done = import_file(client, "elearning-modules", [["Title"], ["Hidden Harm"]])
    assert client.get(done.url).status_code == 200  # the list the import ends on, in the back office
    import_file(
        client,
        "elearning",
        [
            ["Learner", "Agency", "Module", "Allocated date"],
            ["Sam Example", agency_a.short_name, "Hidden Harm", "01/05/2016"],
        ],
    )
    (licence,) = ELearningEnrolment.objects.filter(module__board=board)
    assert (licence.module.title, licence.partner) == ("Hidden Harm", agency_a)
