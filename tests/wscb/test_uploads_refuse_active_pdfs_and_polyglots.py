"""Finding (Low): a PDF containing JavaScript and a PDF/HTML polyglot were accepted as uploads.

Now a PDF naming /JavaScript, /JS, /Launch or /EmbeddedFile anywhere is refused (names written with
#xx escapes, and names inside compressed object streams, included), and so is any file whose first
bytes match more than one kind of file."""

import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wscb.data.uploads import validate_upload


def pdf(*objects: bytes) -> bytes:
    """A small PDF with a correct cross-reference table, holding ``objects`` as objects 3, 4, ..."""
    body = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>", *objects]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, content in enumerate(body, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref)
    return bytes(out)


def compressed(content: bytes, extra: bytes = b"") -> bytes:
    data = zlib.compress(content)
    return b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def check(content: bytes, name="minutes.pdf"):
    validate_upload(SimpleUploadedFile(name, content), kinds=("pdf", "docx"))


ACTIVE = {
    "JavaScript action": pdf(b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"),
    "open action with JS": pdf(b"<< /OpenAction << /S /JavaScript /JS 5 0 R >> >>"),
    "launch": pdf(b"<< /S /Launch /F (calc.exe) >>"),
    "embedded file": pdf(b"<< /Type /EmbeddedFile /Length 0 >>\nstream\n\nendstream"),
    "escaped name": pdf(b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"),
    "inside a compressed object stream": pdf(
        compressed(b"6 0 << /S /JavaScript /JS (app.alert\\(1\\)) >>", b"/Type /ObjStm /N 1 /First 4")
    ),
    "escaped inside a stream": pdf(compressed(b"<< /S /L#61unch /F (cmd) >>")),
    "encrypted": pdf(b"<< /Filter /Standard /V 2 /R 3 >>").replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 3 0 R"),
}


@pytest.mark.parametrize("case", sorted(ACTIVE))
def test_a_pdf_that_can_run_something_is_refused(case):
    with pytest.raises(ValidationError) as refused:
        check(ACTIVE[case])
    message = refused.value.messages[0]
    assert "contains /" in message or "encrypted" in message, message


def test_a_plain_pdf_with_compressed_content_is_accepted():
    check(pdf(compressed(b"BT /F1 12 Tf (Minutes of the board) Tj ET")))
    check(b"%PDF-1.4\n% minutes of the board\n")  # even one too small to parse


POLYGLOTS = {
    "PDF that is also a web page": (b"%PDF-1.4\n<html><script>alert(1)</script></html>\n" + pdf(), "x.pdf"),
    "PDF with a ZIP header": (b"%PDF-1.4\nPK\x03\x04" + b"\x00" * 30, "x.pdf"),
    "Word file that is also a PDF": (b"PK\x03\x04" + b"\x00" * 26 + b"%PDF-1.4", "x.docx"),
    "PDF with an SVG": (b"%PDF-1.4\n<svg onload=alert(1)>", "x.pdf"),
}


@pytest.mark.parametrize("case", sorted(POLYGLOTS))
def test_a_file_whose_first_bytes_match_more_than_one_kind_is_refused(case):
    content, name = POLYGLOTS[case]
    with pytest.raises(ValidationError) as refused:
        check(content, name)
    assert "another kind of file" in refused.value.messages[0]


def test_a_meeting_upload_of_a_scripted_pdf_is_refused_on_the_page(as_user, business_support, board):
    from django.urls import reverse

    from meetings.models import Meeting
    from tests.meetings.factories import GroupFactory, MeetingFactory

    meeting = MeetingFactory(group=GroupFactory(board=board))
    data = {
        "group": meeting.group_id,
        "held_on": meeting.held_on.isoformat(),
        "status": meeting.status,
        "venue": "Hall",
        "reporting_year": "",
        "version": meeting.version,
        "minutes": SimpleUploadedFile("minutes.pdf", ACTIVE["escaped name"], "application/pdf"),
    }
    response = as_user(business_support).post(reverse("meetings:meeting-update", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert "contains /JS" in response.content.decode() or "contains /JavaScript" in response.content.decode()
    assert not Meeting.objects.get(pk=meeting.pk).minutes
