"""An import for one board changes that board's records only: the agency, attendance, finance and
indicator imports of a second board, made by its business support through the portal's own pages and
the back office, leave every row of the demo board exactly as it was (a checksum of each table's
demo-board rows before and after), and name agencies, categories and indicators of their own board only."""

import hashlib

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from finance.models import Contribution
from meetings.models import Attendance
from partners.models import Board, BoardMembership, Partner, Person
from reports.annual.models import IndicatorValue
from tests.conftest import client_for
from wscb.scoping import board_filter, is_board_scoped, scopes_disabled


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo board, loaded once for the module (and rolled back after it)."""
    with django_db_blocker.unblock(), scopes_disabled(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield Board.objects.get(short_name="WSCB")
        transaction.set_rollback(True)


def checksums(board) -> dict[str, str]:
    """A SHA-256 of every table's rows that belong to ``board`` (every column, in primary-key order),
    with its agencies and people (shared tables: the rows the board uses)."""
    from django.apps import apps

    sums = {}
    with scopes_disabled():
        for model in apps.get_models():
            if not is_board_scoped(model):
                continue
            rows = model._base_manager.filter(board_filter(model, board.pk)).order_by("pk").values_list()
            sums[model._meta.label] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
        assert sums["partners.Partner"] and Partner.objects.filter(board_memberships__board=board).count() >= 20
    return sums


def upload(name, headers, rows):
    dataset = tablib.Dataset(*rows, headers=headers)
    return SimpleUploadedFile(name, dataset.export("csv").encode("utf-8-sig"), content_type="text/csv")


@pytest.fixture
def second(demo, second_board_records):
    return second_board_records


def test_the_second_boards_agency_import_changes_no_demo_agency(demo, second):
    """The issue's case: a row with the short name "Probation" is the second board's own probation
    service, not the demo's National Probation Service, which keeps its name."""
    before = checksums(demo)
    client = client_for(second.business_support)
    preview = client.post(
        reverse("partners:partner-import"),
        {
            "file": upload(
                "agencies.csv",
                ["name", "short_name", "sector", "is_statutory", "is_active"],
                [
                    ("Midshire Probation Service", "Probation", "Probation", "Yes", "Yes"),  # renames its own
                    ("Midshire Youth Justice Service", "MYJS", "Other", "No", "Yes"),  # a new agency
                ],
            )
        },
    )
    assert preview.status_code == 200, preview.content.decode()[:3000]
    assert checksums(demo) == before
    response = client.post(reverse("imports:confirm", args=["agencies"]), {"token": preview.context["token"]})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert checksums(demo) == before
    with scopes_disabled():
        assert Partner.objects.get(board_memberships__board=demo, short_name="Probation").name == (
            "National Probation Service"
        )
        second.probation.refresh_from_db()
        assert second.probation.name == "Midshire Probation Service"
        new = Partner.objects.get(name="Midshire Youth Justice Service")
        assert list(new.board_memberships.values_list("board", flat=True)) == [second.board.pk]
        assert BoardMembership.objects.get(board=second.board, partner=second.probation).is_statutory


def test_an_agency_shared_with_the_demo_board_is_not_renamed_by_an_import(demo, second):
    with scopes_disabled():
        council = Partner.objects.get(board_memberships__board=demo, short_name="Wigan Council")
        BoardMembership.objects.create(board=second.board, partner=council)
    before = checksums(demo)
    response = client_for(second.business_support).post(
        reverse("partners:partner-import"),
        {
            "file": upload(
                "a.csv", ["name", "short_name", "sector"], [("Wigan MBC", "Wigan Council", "Local authority")]
            )
        },
    )
    assert response.status_code == 400
    (error,) = response.context["outcome"].errors
    assert "is shared with another board or partnership" in error.message
    assert "change it on the agency's page" in error.message
    assert checksums(demo) == before


def test_the_second_boards_attendance_import_changes_no_demo_row(demo, second):
    before = checksums(demo)
    meeting, group = second.records.meeting, second.records.group
    headers = ["Group", "Meeting date", "Agency", "Name", "Status"]
    rows = [
        (group.name, f"{meeting.held_on:%d/%m/%Y}", "", "Dana Midshire-Chair", "present"),
        (group.name, f"{meeting.held_on:%d/%m/%Y}", "Midshire Police", "Guest Midshire-Speaker", "present"),
    ]
    client = client_for(second.business_support)
    preview = client.post(reverse("meetings:attendance-import"), {"file": upload("attendance.csv", headers, rows)})
    assert preview.status_code == 200, preview.content.decode()[:3000]
    response = client.post(reverse("imports:confirm", args=["attendance"]), {"token": preview.context["token"]})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert checksums(demo) == before
    guest = Attendance.objects.get(meeting=meeting, name="Guest Midshire-Speaker")
    assert guest.partner == second.police


def test_an_attendance_row_naming_a_demo_agency_is_an_error_listing_the_boards_own(demo, second):
    before = checksums(demo)
    meeting, group = second.records.meeting, second.records.group
    rows = [(group.name, f"{meeting.held_on:%d/%m/%Y}", "GMP", "Someone Else", "present")]
    response = client_for(second.business_support).post(
        reverse("meetings:attendance-import"),
        {"file": upload("attendance.csv", ["Group", "Meeting date", "Agency", "Name", "Status"], rows)},
    )
    assert response.status_code == 400
    text = response.content.decode().replace("&#x27;", "'")
    assert "“GMP” is not an agency of MCSP" in text
    assert "Its agencies are: MHCT, Midshire Council, Midshire Police, Probation." in text
    assert checksums(demo) == before


def test_the_second_boards_finance_import_changes_no_demo_row(demo, second):
    before = checksums(demo)
    headers = ["Year", "Partner", "Agreed"]
    client = client_for(second.business_support)
    preview = client.post(
        reverse("finance:import", args=["contributions"]),
        {"file": upload("contributions.csv", headers, [("2016/17", "Probation", "4000"), ("2016/17", "MHCT", "7000")])},
    )
    assert preview.status_code == 200, preview.content.decode()[:3000]
    response = client.post(reverse("imports:confirm", args=["contributions"]), {"token": preview.context["token"]})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert checksums(demo) == before
    assert (
        Contribution.objects.get(finance_year=second.records.finance_year, partner=second.probation).amount_agreed
        == 4000
    )

    refused = client.post(
        reverse("finance:import", args=["contributions"]),
        {"file": upload("contributions.csv", headers, [("2016/17", "GMP", "100")])},
    )
    assert refused.context["outcome"] is not None and not refused.context["outcome"].ok
    assert "is not an agency of MCSP. Its agencies are: MHCT, Midshire Council, Midshire Police, Probation." in (
        refused.content.decode()
    )
    assert checksums(demo) == before


def test_the_second_boards_indicator_import_changes_no_demo_figure(demo, second):
    with scopes_disabled():
        demo_code = demo.indicators.order_by("order").first().code
    before = checksums(demo)
    client = client_for(second.business_support)
    url = reverse("admin:annual_indicatorvalue_import")
    headers = ["indicator", "year", "numerator", "denominator"]

    refused = client.post(
        url, {"import_file": upload("figures.csv", headers, [(demo_code, "2016/17", "1", "2")]), "format": "0"}
    )
    text = refused.content.decode().replace("&#x27;", "'")
    assert "Confirm import" not in text
    assert f"There is no indicator with the code '{demo_code}' in MCSP. Its indicators are: mcsp-cpp-rate." in text

    preview = client.post(
        url,
        {"import_file": upload("figures.csv", headers, [("mcsp-cpp-rate", "2017/18", "230", "51300")]), "format": "0"},
    )
    assert "Confirm import" in preview.content.decode()
    confirm = preview.context["confirm_form"]
    done = client.post(
        reverse("admin:annual_indicatorvalue_process_import"),
        {key: value for key, value in confirm.initial.items() if value is not None},
    )
    assert done.status_code == 302
    assert IndicatorValue.objects.get(indicator=second.records.indicator, year_start=2017).numerator == 230
    assert checksums(demo) == before


def test_people_are_recorded_per_board(demo, second):
    with scopes_disabled():
        assert not Person.objects.filter(boards=second.board).filter(boards=demo).exists()
        assert Person.objects.filter(boards=demo).count() > 20
