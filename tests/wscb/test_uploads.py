"""Uploaded files: size and content checked against the kind claimed, generated storage names,
downloads only as no-store attachments with a safe name."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from wscb.data.uploads import UploadValidator, serve_upload, upload_to, validate_upload

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


def office(marker: str, *, extra=None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(marker, "<document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = office("word/document.xml")


@pytest.mark.parametrize(
    ("name", "content", "kinds", "kind"),
    [
        ("minutes.pdf", PDF, ("pdf",), "pdf"),
        ("Impact Report.DOCX", DOCX, ("pdf", "docx"), "docx"),
        ("chart.png", PNG, ("png", "jpeg"), "png"),
        ("photo.jpeg", JPEG, ("png", "jpeg"), "jpeg"),
        ("figures.xlsx", office("xl/workbook.xml"), ("xlsx",), "xlsx"),
    ],
)
def test_a_file_whose_content_matches_its_kind_is_accepted(name, content, kinds, kind):
    assert validate_upload(SimpleUploadedFile(name, content), kinds=kinds) == kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.pdf", b"MZ\x90\x00 a Windows program", "ends in .pdf but is not a PDF"),
        ("minutes.pdf", b"", "empty"),
        ("report.docx", PDF, "is not a DOCX file"),
        ("report.docx", office("xl/workbook.xml"), "is not a DOCX file"),
        ("report.docx", office("word/document.xml", extra={"word/vbaProject.bin": b"x"}), "contains macros"),
        ("report.docx", b"PK\x03\x04" + b"\x00" * 50, "damaged"),
        ("report.docx", office("word/document.xml", extra={"big.xml": b"\x00" * (40 * 1024 * 1024)}), "unpacks"),
        ("script.exe", b"MZ", "Upload one of these kinds"),
        ("notes", PDF, "Upload one of these kinds"),
        ("picture.png", PDF, "Upload one of these kinds"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_upload(SimpleUploadedFile(name, content), kinds=("pdf", "docx"))


def test_the_size_limit_comes_from_settings(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match=r"largest accepted is 0\.0 MB"):
        validate_upload(SimpleUploadedFile("big.pdf", PDF + b" " * 1000), kinds=("pdf",))


def test_the_validator_works_on_a_model_field():
    validator = UploadValidator(kinds=("pdf",))
    validator(SimpleUploadedFile("ok.pdf", PDF))
    with pytest.raises(ValidationError):
        validator(SimpleUploadedFile("bad.pdf", DOCX))
    assert validator.deconstruct()[2] == {"kinds": ("pdf",)}


def test_stored_names_are_generated_and_never_take_the_persons_path():
    make_name = upload_to("minutes")
    first = make_name(None, "../../etc/passwd.pdf")
    second = make_name(None, "../../etc/passwd.pdf")
    assert first != second
    assert re.fullmatch(r"minutes/\d{4}/[0-9a-f]{32}\.pdf", first)
    assert make_name(None, "weird name.exe").endswith(".bin")


def test_a_download_is_a_no_store_attachment_with_a_safe_name(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    stored = storage.save("minutes/2017/abc.pdf", ContentFile(PDF))

    class Field:
        name = stored

        def open(self, mode):
            return storage.open(stored, mode)

    response = serve_upload(Field(), download_name='Board "minutes" <March>')
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Board-minutes-March.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
