"""The report's PDF is tagged for screen readers (PDF/UA-1): a structure tree with headings, tables
and figures, the language en-GB, title and author, and every chart's words as its alternative text."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from reports.annual import outputs
from reports.annual.assembly import build_report


@pytest.fixture
def pdf(seeded_board, year):
    content, _pages = outputs.render_pdf(build_report(board=seeded_board, year=year))
    return content


def _structure(reader):
    """Every structure element under the root, depth first, as (type, element)."""
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict) and node.get("/Type") == "/StructElem":
            found.append((str(node["/S"]), node))
        kids = node.get("/K") if isinstance(node, dict) else None
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object()
            if isinstance(kid, dict):
                walk(kid)

    walk(root)
    return found


def test_the_pdf_has_a_structure_tree_language_title_and_author(pdf, seeded_board):
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert str(catalog["/MarkInfo"]["/Marked"]).lower() == "true"
    assert "/StructTreeRoot" in catalog
    assert reader.metadata.title == f"{seeded_board.name} Annual Report 2016-17 (draft)"
    assert reader.metadata.author == seeded_board.name
    kinds = {kind for kind, _ in _structure(reader)}
    assert {"/H1", "/H2", "/H3", "/P", "/Table", "/TR", "/TH", "/TD", "/Figure", "/Caption", "/L"} <= kinds


def test_every_chart_is_a_figure_with_its_words_as_alternative_text(pdf, seeded_board, year):
    reader = PdfReader(io.BytesIO(pdf))
    figures = [element for kind, element in _structure(reader) if kind == "/Figure"]
    tables = build_report(board=seeded_board, year=year).bundle.indicator_tables
    assert len(figures) == len(tables) > 0
    alternatives = [str(figure.get("/Alt", "")) for figure in figures]
    for table, alternative in zip(tables, alternatives, strict=True):
        assert alternative.startswith(table.indicator.name)
        assert table.labels[-1] in alternative


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="pdfinfo (poppler-utils) is not installed")
def test_pdfinfo_reports_a_tagged_pdf_with_its_title_and_author(pdf, tmp_path, seeded_board):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Tagged"].strip() == "yes"
    assert fields["Author"].strip() == seeded_board.name
    assert fields["Title"].strip().startswith(f"{seeded_board.name} Annual Report 2016-17")
    assert "A4" in fields["Page size"]
