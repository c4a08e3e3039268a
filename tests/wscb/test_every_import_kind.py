"""Every import kind in the registry (``wscb.data.import_kinds``) has the one shape: a template (XLSX with
a valid-values sheet, CSV) that imports unchanged as a valid file; a preview that writes nothing; a
confirm that writes every row, audited with the counts; a bad row that imports nothing and is named by
its spreadsheet row and heading; the kept file removed afterwards. A kind added later is checked here
without a line of test of its own."""

import csv
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import client_for
from wscb.audit.models import AuditAction, AuditEvent
from wscb.data import import_views
from wscb.data.import_kinds import import_kinds

pytestmark = pytest.mark.django_db

KINDS = import_kinds()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _the_boards_basic_records(cast):
    """What a board has when it imports the next kind: a financial year and an expenditure category, a
    group and a meeting, a person, a course and one of its sessions, an e-learning module, an indicator (the
    templates' examples name them, as they name the board's agencies)."""
    import datetime

    from finance.models import ExpenditureCategory, FinanceYear
    from meetings.models import Group, Meeting
    from partners.models import Person
    from reports.annual.models import Indicator
    from training.models import Course, ELearningModule, Session

    FinanceYear.objects.create(board=cast.board, start_year=2016)
    ExpenditureCategory.objects.create(board=cast.board, name="Staffing")
    group = Group.objects.create(board=cast.board, name="Learning and Improvement")
    Meeting.objects.create(group=group, held_on=datetime.date(2016, 9, 14), reporting_year=2016)
    ELearningModule.objects.create(board=cast.board, title="Hidden Harm")
    Indicator.objects.create(
        board=cast.board, code="cpp-rate", name="Child protection plans", unit="rate_per_10000", numerator_label="Plans"
    )
    Person.objects.create(full_name="Robin Chair").boards.add(cast.board)
    course = Course.objects.create(board=cast.board, title="Neglect")
    Session.objects.create(course=course, starts_on=datetime.date(2016, 8, 29), places_available=20)


def _model(kind, board, user):
    return kind.resource(board, user)._meta.model


def _count(model) -> int:
    return model._base_manager.count()


def _template(client, kind, fmt):
    response = client.get(reverse("imports:template", args=[kind.key, fmt]))
    assert response.status_code == 200
    assert f"{kind.key}-import-template.{fmt}" in response["Content-Disposition"]
    return response.content


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _upload(client, kind, name, content):
    return client.post(reverse("imports:import", args=[kind.key]), {"file": SimpleUploadedFile(name, content)})


def _pending_files() -> list[str]:
    try:
        return default_storage.listdir(import_views.PENDING)[1]
    except (FileNotFoundError, NotADirectoryError):
        return []


def test_there_is_an_import_for_the_records_a_board_keeps_in_bulk():
    assert {
        "agencies",
        "people",
        "memberships",
        "groups",
        "meetings",
        "attendance",
        "courses",
        "sessions",
        "bookings",
        "elearning",
        "expenditure",
        "contributions",
        "indicators",
        "indicator-figures",
        "engagement",
        "context",
    } <= {kind.key for kind in KINDS}


def test_the_imports_page_lists_every_kind_with_its_templates(cast):
    page = client_for(cast.business_support).get(reverse("imports:list")).content.decode()
    for kind in KINDS:
        assert reverse("imports:import", args=[kind.key]) in page
        assert reverse("imports:template", args=[kind.key, "xlsx"]) in page
        assert reverse("imports:template", args=[kind.key, "csv"]) in page


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.key)
def test_headings_are_human_and_the_same_in_the_template_and_the_page(kind, cast):
    client = client_for(cast.business_support)
    for heading in kind.headings:
        assert "_" not in heading and heading[:1].isupper(), f"{kind.key}: {heading!r} is not a heading a person writes"
    assert _csv_rows(_template(client, kind, "csv"))[0] == list(kind.headings)
    workbook = load_workbook(io.BytesIO(_template(client, kind, "xlsx")))
    assert workbook.sheetnames == ["Import", "Valid values"]
    first = [cell.value for cell in workbook["Import"][1]]
    assert first == list(kind.headings)
    listed = [row[0] for row in workbook["Valid values"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert listed == list(kind.headings)
    page = client.get(reverse("imports:import", args=[kind.key])).content.decode()
    for heading in kind.headings:
        assert f">{heading}<" in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.key)
def test_the_template_imports_unchanged_preview_first_then_confirm(kind, fmt, cast):
    user = cast.business_support
    client = client_for(user)
    model = _model(kind, cast.board, user)
    content = _template(client, kind, fmt)
    before = _count(model)
    preview = _upload(client, kind, f"template.{fmt}", content)
    assert preview.status_code == 200, preview.content.decode()[:3000]
    assert preview.context["preview"].ok and preview.context["rows"] == 1
    assert _count(model) == before, "the preview wrote rows"
    assert len(_pending_files()) == 1, "the file is kept between the steps"
    token = preview.context["token"]
    response = client.post(reverse("imports:confirm", args=[kind.key]), {"token": token})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _count(model) > before
    assert _pending_files() == [], "the kept file is removed once imported"
    event = AuditEvent.objects.filter(action=AuditAction.IMPORTED).latest("pk")
    assert "1 new" in event.detail or "1 updated" in event.detail
    again = client.post(reverse("imports:confirm", args=[kind.key]), {"token": token})
    assert again.status_code == 302 and _count(model) == before + 1, "a second confirm imports nothing more"


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.key)
def test_a_bad_row_imports_nothing_and_is_named_by_its_row_and_heading(kind, cast):
    user = cast.business_support
    client = client_for(user)
    model = _model(kind, cast.board, user)
    headings, example = _csv_rows(_template(client, kind, "csv"))
    blanked = kind.required[0]
    bad = [("" if heading == blanked else value) for heading, value in zip(headings, example, strict=True)]
    before = _count(model)
    response = _upload(client, kind, "bad.csv", _csv_bytes([headings, example, bad]))
    assert response.status_code == 400
    errors = response.context["outcome"].errors
    assert any(error.row == 3 and error.column == blanked for error in errors), errors
    assert all(error.row != 2 for error in errors), "the good row has no error"
    page = response.content.decode()
    assert "Nothing was imported" in page and f">{blanked}<" in page
    assert _count(model) == before and _pending_files() == []


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.key)
def test_every_error_of_every_row_is_listed_at_once(kind, cast):
    client = client_for(cast.business_support)
    headings, example = _csv_rows(_template(client, kind, "csv"))
    blank_all_required = [
        ("" if heading in kind.required else value) for heading, value in zip(headings, example, strict=True)
    ]
    rows = [headings, blank_all_required, blank_all_required]
    errors = _upload(client, kind, "bad.csv", _csv_bytes(rows)).context["outcome"].errors
    for row in (2, 3):
        named = {error.column for error in errors if error.row == row}
        assert named >= set(kind.required), f"row {row}: every blank required heading is named: {errors}"
    assert {error.row for error in errors} == {2, 3}, errors


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.key)
def test_an_upload_is_confirmed_only_by_the_session_that_made_it_and_cancel_removes_it(kind, cast):
    user = cast.business_support
    client = client_for(user)
    model = _model(kind, cast.board, user)
    before = _count(model)
    preview = _upload(client, kind, "template.csv", _template(client, kind, "csv"))
    token = preview.context["token"]
    other = client_for(cast.administrator)
    response = other.post(reverse("imports:confirm", args=[kind.key]), {"token": token}, follow=True)
    assert "no longer waiting to be imported" in response.content.decode()
    assert _count(model) == before
    client.post(reverse("imports:cancel", args=[kind.key]), {"token": token})
    assert _pending_files() == []
    assert client.post(reverse("imports:confirm", args=[kind.key]), {"token": token}).status_code == 302
    assert _count(model) == before
