"""Narrative Markdown is rendered safely: script tags, event handlers and javascript: links are removed."""

from django.urls import reverse

from reports.annual.markdown import render_markdown
from reports.annual.models import NarrativeSection
from tests.annual.factories import NarrativeFactory

ATTACK = (
    "Our year\n\n<script>alert('x')</script>\n\n<img src=x onerror=\"alert('y')\">\n\n"
    '[click](javascript:alert(\'z\'))\n\n<a href="#" onclick="alert(1)">link</a>'
)


def test_render_removes_script_and_event_handlers():
    html = render_markdown(ATTACK)
    assert "<p>Our year</p>" in html
    assert "<script" not in html
    assert "onerror" not in html
    assert "<img" not in html
    assert "javascript:" not in html
    assert "onclick" not in html


def test_markdown_formatting_survives_cleaning():
    html = render_markdown("# Heading\n\n**bold** and *italic*\n\n- one\n- two\n\n[site](https://example.org)")
    assert "<h3>Heading</h3>" in html
    assert "<strong>bold</strong>" in html
    assert "<li>one</li>" in html
    assert 'href="https://example.org"' in html


def test_posted_script_is_stored_but_never_rendered_in_the_draft(as_user, business_support, board, year):
    client = as_user(business_support)
    url = reverse("annual:narrative-edit", args=[2016, "foreword"])
    response = client.post(url, {"body": ATTACK, "signed_by": "Chair", "version": 0})
    assert response.status_code == 302
    assert NarrativeSection.objects.get(board=board, kind="foreword").body == ATTACK
    draft = client.get(reverse("annual:draft", args=[2016])).content.decode()
    assert "Our year" in draft
    assert "alert('x')" not in draft
    assert "onerror" not in draft
    assert "javascript:alert" not in draft


def test_markdown_reaches_word_as_bold_runs_and_bullets_through_the_html(board, year):
    from io import BytesIO

    from docx import Document

    from reports.annual import outputs
    from reports.annual.assembly import build_report

    NarrativeFactory(
        board=board,
        year_start=2016,
        body="### Title\n\nSome **bold** text\nwrapped.\n\n- a [link](https://x.org)\n"
        "- <b>two</b><script>alert('x')</script>",
    )
    document = Document(BytesIO(outputs.render_docx(build_report(board=board, year=year))))
    paragraphs = {p.text: p for p in document.paragraphs}
    assert paragraphs["Title"].style.name.startswith("Heading")
    assert [run.text for run in paragraphs["Some bold text wrapped."].runs if run.bold] == ["bold"]
    assert paragraphs["a link"].style.name == "List Bullet" and paragraphs["two"].style.name == "List Bullet"
    assert not any("alert" in text for text in paragraphs)
