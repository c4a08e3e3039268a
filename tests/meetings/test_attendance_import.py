"""Importing attendance from a spreadsheet on the Imports page (preview, then confirm): validated, all or
nothing, CSV (with a BOM) and XLSX; every error named by its spreadsheet row and heading."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Attendance

pytestmark = pytest.mark.django_db
URL = reverse("meetings:attendance-import")
HEADER = ["Group", "Meeting date", "Agency", "Name", "Job title", "Status", "Deputy name", "Deputy job title", "Role"]
CLEAN_ROWS = [
    ["Test Board", "05/09/2016", "", "Alice Agency-A", "", "present", "", "", ""],
    ["Test Board", "05/09/2016", "", "Bob Agency-B", "", "deputy", "Dee Deputy", "Inspector", ""],
    ["Test Board", "05/09/2016", "Agency A", "Gus Guest", "Report author", "present", "", "", "author"],
]


def imported(client, upload, *, follow=False):
    """Upload (the preview writes nothing), then confirm."""
    preview = client.post(URL, {"file": upload})
    assert preview.status_code == 200, preview.context.get("outcome")
    return client.post(
        reverse("imports:confirm", args=["attendance"]), {"token": preview.context["token"]}, follow=follow
    )


def errors_by_row(response) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for error in response.context["outcome"].errors:
        found.setdefault(error.row, []).append(error.message)
    return found


def csv_upload(rows, *, bom=True, name="attendance.csv"):
    lines = [",".join(HEADER)] + [",".join(row) for row in rows]
    text = "\r\n".join(lines) + "\r\n"
    return SimpleUploadedFile(name, ("\ufeff" if bom else "").encode() + text.encode("utf-8"), "text/csv")


def xlsx_upload(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "attendance.xlsx", buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_a_clean_csv_with_a_byte_order_mark_imports_every_row(as_user, business_support, meeting, agency_a):
    client = as_user(business_support)
    assert client.post(URL, {"file": csv_upload(CLEAN_ROWS)}).status_code == 200
    assert not Attendance.objects.exists()  # the preview wrote nothing
    response = imported(client, csv_upload(CLEAN_ROWS), follow=True)
    assert "Meeting attendance imported: 3 new" in response.content.decode()
    rows = {row.name: row for row in Attendance.objects.filter(meeting=meeting)}
    assert set(rows) == {"Alice Agency-A", "Bob Agency-B", "Gus Guest"}
    assert rows["Alice Agency-A"].membership.person.full_name == "Alice Agency-A"
    assert (rows["Bob Agency-B"].status, rows["Bob Agency-B"].deputy_name) == ("deputy", "Dee Deputy")
    assert (rows["Gus Guest"].membership, rows["Gus Guest"].partner, rows["Gus Guest"].attendee_role) == (
        None,
        agency_a,
        "author",
    )
    meeting.refresh_from_db()
    assert meeting.version == 1  # an open attendance form would now get the conflict message


def test_a_clean_xlsx_with_real_date_cells_imports_every_row(as_user, business_support, meeting):
    rows = [list(row) for row in CLEAN_ROWS]
    rows[0][1] = datetime.datetime(2016, 9, 5)
    response = imported(as_user(business_support), xlsx_upload(rows))
    assert response.status_code == 302
    assert Attendance.objects.filter(meeting=meeting).count() == 3


def test_a_file_with_bad_rows_imports_nothing_and_lists_every_bad_row(as_user, business_support, meeting):
    rows = [
        CLEAN_ROWS[0],
        ["Test Board", "05/09/2016", "Nowhere Trust", "Gus Guest", "", "present", "", "", "presenter"],
        ["Test Board", "31/02/2016", "", "Bob Agency-B", "", "present", "", "", ""],
        ["Test Board", "05/09/2016", "", "Alice Agency-A", "", "apologies", "", "", ""],
        CLEAN_ROWS[1],
    ]
    response = as_user(business_support).post(URL, {"file": csv_upload(rows)})
    assert response.status_code == 400
    assert not Attendance.objects.exists()
    errors = errors_by_row(response)
    assert sorted(errors) == [3, 4, 5]
    named = {(error.row, error.column) for error in response.context["outcome"].errors}
    assert named == {(3, "Agency"), (4, "Meeting date"), (5, "Name")}
    assert errors[3] == ["“Nowhere Trust” is not an agency of WSCB. Its agencies are: Agency A, Agency B."]
    assert errors[4] == ["“31/02/2016” is not a date (use dd/mm/yyyy)."]
    assert errors[5] == ["Duplicate of spreadsheet row 2: Alice Agency-A at the meeting on 05/09/2016."]
    page = response.content.decode()
    assert "Nothing was imported" in page and "is not an agency of WSCB" in page


def test_other_row_problems_are_explained(as_user, business_support, meeting):
    rows = [
        ["No Such Group", "05/09/2016", "", "Alice Agency-A", "", "present", "", "", ""],
        ["Test Board", "06/09/2016", "", "Alice Agency-A", "", "present", "", "", ""],
        ["Test Board", "05/09/2016", "", "Bob Agency-B", "", "maybe", "", "", ""],
        ["Test Board", "05/09/2016", "", "Alice Agency-A", "", "deputy", "", "", ""],
        ["Test Board", "05/09/2016", "", "Stranger", "", "apologies", "", "", ""],
    ]
    response = as_user(business_support).post(URL, {"file": csv_upload(rows, bom=False)})
    errors = errors_by_row(response)
    assert errors[2] == ["Unknown group “No Such Group”."]
    assert errors[3] == ["Test Board has no meeting on 06/09/2016."]
    assert errors[4][0].startswith("Unknown status “maybe”")
    assert errors[5] == ["A deputy's name is needed when the status is deputy."]
    assert errors[6] == ["Stranger is not a member of Test Board on 05/09/2016, so can only be present."]
    assert not Attendance.objects.exists()


def test_importing_the_same_file_again_updates_rather_than_duplicates(as_user, business_support, meeting):
    client = as_user(business_support)
    imported(client, csv_upload(CLEAN_ROWS))
    changed = [list(row) for row in CLEAN_ROWS]
    changed[0][5] = "apologies"
    imported(client, csv_upload(changed))
    assert Attendance.objects.filter(meeting=meeting).count() == 3
    assert Attendance.objects.get(name="Alice Agency-A").status == "apologies"


def test_a_file_without_the_needed_columns_is_refused(as_user, business_support, meeting):
    upload = SimpleUploadedFile("attendance.csv", b"Name,Status\r\nAlice,present\r\n", "text/csv")
    response = as_user(business_support).post(URL, {"file": upload})
    assert response.status_code == 400
    assert "missing columns: Group, Meeting date" in response.content.decode()


def test_a_file_of_another_kind_is_refused(as_user, business_support):
    upload = SimpleUploadedFile("attendance.pdf", b"%PDF-1.4", "application/pdf")
    response = as_user(business_support).post(URL, {"file": upload})
    assert response.status_code == 400
    assert "Upload a CSV file (.csv) or an Excel workbook (.xlsx)." in response.content.decode()


def test_a_damaged_spreadsheet_is_refused(as_user, business_support):
    upload = SimpleUploadedFile("attendance.xlsx", b"not a spreadsheet", "application/octet-stream")
    response = as_user(business_support).post(URL, {"file": upload})
    assert "ends in .xlsx but is not an Excel workbook" in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(as_user):
    assert as_user(None).get(URL).url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["board_member", "lead_a"])
def test_readers_and_partner_leads_may_not_import(role, request, as_user, meeting):
    response = as_user(request.getfixturevalue(role)).post(URL, {"file": csv_upload(CLEAN_ROWS)})
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_other_methods_are_not_allowed(as_user, business_support):
    assert as_user(business_support).put(URL).status_code == 405


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (",".join(HEADER).encode() + b"\r\n", "The file has headings but no rows to import."),
        (b"Group,Meeting date,Name\r\nTest Board,05/09/2016,Zo\xeb\r\n", "missing column: Status"),
        (b"Group,Meeting date,Name,Status,Shoe size\r\nTest Board,05/09/2016,Zo,present,9\r\n", "unknown column: Shoe"),
        (b"%PDF-1.4 not a spreadsheet", "not a CSV text file"),
    ],
    ids=["empty file", "header only", "missing column", "unknown column", "a PDF called .csv"],
)
def test_an_empty_or_malformed_csv_is_refused_with_guidance(content, message, as_user, business_support, meeting):
    upload = SimpleUploadedFile("attendance.csv", content, "text/csv")
    response = as_user(business_support).post(URL, {"file": upload})
    assert message in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_file_with_too_many_rows_is_refused_before_any_row_is_checked(as_user, business_support, meeting, settings):
    settings.IMPORT_MAX_ROWS = 2
    response = as_user(business_support).post(URL, {"file": csv_upload(CLEAN_ROWS)})
    assert "The file has more than 2 rows; split it into smaller files." in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_file_over_the_size_limit_is_refused(as_user, business_support, meeting, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    response = as_user(business_support).post(URL, {"file": csv_upload(CLEAN_ROWS)})
    assert "the largest file accepted is" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_windows_1252_csv_from_excel_is_read_correctly(as_user, business_support, meeting):
    content = "Group,Meeting date,Name,Status,Role\r\nTest Board,05/09/2016,Zoë £ Guest,present,observer\r\n"
    upload = SimpleUploadedFile("attendance.csv", content.encode("cp1252"), "text/csv")
    response = imported(as_user(business_support), upload)
    assert response.status_code == 302
    assert Attendance.objects.get().name == "Zoë £ Guest"


def test_formula_like_text_is_stored_as_text_and_shown_escaped(as_user, business_support, board_member, meeting):
    rows = [["Test Board", "05/09/2016", "", "=HYPERLINK(1) <script>x</script>", "", "present", "", "", "observer"]]
    imported(as_user(business_support), csv_upload(rows))
    assert Attendance.objects.get().name == "=HYPERLINK(1) <script>x</script>"
    page = as_user(board_member).get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x</script>" not in page
