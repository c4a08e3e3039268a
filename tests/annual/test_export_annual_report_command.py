"""`export_annual_report 2016/17` writes the demo report as HTML, PDF (30+ pages) and Word."""

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from reports.annual.assembly import build_report
from tests.annual.test_report_assembly import SEED_ORDER
from tests.partners.factories import BoardFactory
from wscb.periods import ReportingYear

HEADINGS = [f"{number} {title}".strip() for number, title in SEED_ORDER]


@pytest.fixture
def demo_board(db, monkeypatch):
    """Everything ``load_demo`` loads: the seed's board, agencies and every app's records."""
    from partners.models import Board

    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    call_command("load_demo", stdout=io.StringIO())
    return Board.objects.get(short_name="WSCB")


def test_the_demo_report_has_every_seed_section_computed_from_the_records(demo_board):
    report = build_report(board=demo_board, year=ReportingYear(2016))
    assert report.missing_sections == []
    sections = {section.key: section for section in report.all_sections}
    assert sections["governance"].data.key_roles[0].name == "Dr Paul Kingston"
    assert sections["governance"].data.attendance.meetings
    assert sections["training"].data.report.tables["agreed"].rows
    statement = sections["finance"].data.statement
    assert statement.total_expenditure == (Decimal("266319"), Decimal("223397"), Decimal("250025"))
    assert len(sections["partner_updates"].data.returns) == 11
    assert sections["membership"].data.members


def test_it_writes_html_pdf_and_word_for_the_demo_year(demo_board, tmp_path):
    html_file, pdf_file, docx_file = tmp_path / "r.html", tmp_path / "r.pdf", tmp_path / "r.docx"
    call_command("export_annual_report", "2016/17", "--format", "html", "--output", str(html_file))
    call_command("export_annual_report", "2016/17", "--format", "pdf", "--output", str(pdf_file), "--board", "wscb")
    call_command("export_annual_report", "2016/17", "--format", "docx", "--output", str(docx_file))

    html = html_file.read_text()
    positions = [html.index(f">{heading}</h") for heading in HEADINGS]
    assert positions == sorted(positions), "sections out of the seed's order"
    assert "<svg" in html and "Chart in words:" in html
    assert "Not yet available." not in html
    for caption in ("Key roles on the Board on 31/03/2017", "Table One: courses and trainers agreed, 2016/17"):
        assert caption in html
    assert "Financial report, 2014/15 to 2016/17" in html and "Members of the Board on 31/03/2017" in html

    pdf = pdf_file.read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf_file)], capture_output=True, text=True, check=True).stdout
        pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
        assert pages >= 60  # the seed report has 94 pages; the partner updates alone fill about 40
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "2", str(pdf_file), str(tmp_path / "page")], check=True
        )
        digits = len(str(pages))  # pdftoppm numbers pages with as many digits as the last needs
        assert sorted(p.name for p in tmp_path.glob("page-*.png")) == [
            f"page-{1:0{digits}d}.png",
            f"page-{2:0{digits}d}.png",
        ]

    document = Document(str(docx_file))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h in HEADINGS] == HEADINGS
    assert len(document.tables) == html.count("<table")  # every table of the HTML (see test_report_word)
    lac = next(t for t in document.tables if "Number of LAC" in t.rows[1].cells[0].text)
    assert [cell.text for cell in lac.rows[3].cells] == ["WSCB (per 10,000)", "73.3", "74.3", "71.2", "65.8"]
    assert len(document.inline_shapes) == 13 + 2  # one chart per indicator, attendance and e-learning (PNG)


def test_the_board_must_be_named_when_there_are_several(seeded_board, tmp_path):
    BoardFactory(name="Zeta Partnership", short_name="ZP")
    with pytest.raises(CommandError, match="--board"):
        call_command("export_annual_report", "2016/17", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="No active board"):
        call_command("export_annual_report", "2016/17", "--output", str(tmp_path / "x.pdf"), "--board", "NOPE")


def test_a_bad_year_is_refused(seeded_board, tmp_path):
    with pytest.raises(CommandError, match="the second year must be the year after the first"):
        call_command("export_annual_report", "2016/18", "--output", str(tmp_path / "x.pdf"))
