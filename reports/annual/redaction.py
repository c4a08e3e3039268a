"""Retention reaches the published report: its stored files lose the text retention removes.

A published version is frozen (``PublishedReport``: its HTML, PDF and Word files), so deleting a case
study or anonymising a partner update in the records would leave the text in every version that
printed it. ``published_copies_redact`` (registered with ``wscb.ops.retention`` by the reports app) is
called before retention acts on the records: in each published version of that board and year that
holds the text, the case study (or the whole update, for an anonymised return) is replaced by a short
note; the HTML is re-rendered as the PDF (same layout, new page count) and the Word file loses the
same paragraphs. The version number stays; a note under it says when and why it was re-issued, and
``PublishedReport.reissued_at`` records it.

The HTML marks what may be removed (``templates/annual/sections/partner_updates.html``)::

    <!--retention:reports.casestudy:12--> ... <!--/retention:reports.casestudy:12-->
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from reports.annual.models import PublishedReport

NOTICE_MARK = re.compile(r"<!--retention-notice-->.*?<!--/retention-notice-->", re.S)
SCREEN_ONLY = "body { max-width: none; margin: 0; padding: 0; }"  # the stored HTML is the screen version


@dataclass
class Removal:
    """What goes from a published copy: a marked block, its agency, and its text (for the Word file)."""

    key: str  # "reports.casestudy" or "reports.selfreport"
    pk: int
    agency_name: str
    texts: list[str] = field(default_factory=list)
    whole_update: bool = False  # the agency's whole update (an anonymised return), not one case study

    def pattern(self) -> re.Pattern:
        mark = f"retention:{re.escape(self.key)}:{self.pk}"
        return re.compile(f"<!--{mark}-->.*?<!--/{mark}-->", re.S)


def removal_note(today) -> str:
    return f"[Removed on {today:%d/%m/%Y} under the retention schedule.]"


def reissue_note(published: PublishedReport, today) -> str:
    term = published.board.term.lower()
    return (
        f"Version {published.number} was re-issued on {today:%d/%m/%Y}: text about individual children and "
        f"families was removed from it under the {term}'s retention schedule. Nothing else was changed."
    )


def _redacted_html(html: str, removals: list[Removal], published: PublishedReport, today) -> tuple[str, int]:
    removed = 0
    for removal in removals:
        note = f'<p class="retention-removed">{escape(removal_note(today))}</p>'
        html, count = removal.pattern().subn(note, html)
        removed += count
    if not removed:
        return html, 0
    notice = (
        '<!--retention-notice--><p class="retention-notice" role="note">'
        f"{escape(reissue_note(published, timezone.localdate()))}</p><!--/retention-notice-->"
    )
    if NOTICE_MARK.search(html):
        html = NOTICE_MARK.sub(lambda _match: notice, html, count=1)
    else:  # a version stored before the mark existed: the note goes first in the page
        html = re.sub(r"(<body[^>]*>)", lambda match: match.group(1) + notice, html, count=1)
    return html, removed


def _pdf(html: str) -> tuple[bytes, int]:
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=None).render(stylesheets=[CSS(string=SCREEN_ONLY)])
    return document.write_pdf(), len(document.pages)


def _heading_level(paragraph) -> int | None:
    """0 for the title, 1-9 for Heading 1-9, None for any other paragraph."""
    name = paragraph.style.name if paragraph.style is not None else ""
    if name == "Title":
        return 0
    if name.startswith("Heading ") and name[8:].isdigit():
        return int(name[8:])
    return None


def _names_agency(heading: str, agency_name: str) -> bool:
    """True for a partner update's heading: the agency's name, after its report label if it has one."""
    heading = " ".join(heading.split())
    return heading == agency_name or heading.endswith(f" {agency_name}")


def _insert_after(element, text: str):
    from docx.oxml import OxmlElement
    from docx.text.paragraph import Paragraph

    new = OxmlElement("w:p")
    element.addnext(new)
    paragraph = Paragraph(new, None)
    paragraph.add_run(text).italic = True
    return new


def _redacted_docx(content: bytes, removals: list[Removal], published: PublishedReport, today) -> bytes:
    from docx import Document
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(content))
    body = document.element.body
    for removal in removals:
        children = list(body.iterchildren())
        paragraphs = {child: Paragraph(child, document) for child in children if child.tag.endswith("}p")}
        start = next(
            (
                index
                for index, child in enumerate(children)
                if child in paragraphs
                and _heading_level(paragraphs[child]) is not None
                and _names_agency(paragraphs[child].text, removal.agency_name)
            ),
            None,
        )
        if start is None:
            continue
        level = _heading_level(paragraphs[children[start]])

        def ends_block(child, level=level, paragraphs=paragraphs):
            found = _heading_level(paragraphs[child]) if child in paragraphs else None
            return child.tag.endswith("}sectPr") or (found is not None and found <= level)

        end = next((index for index in range(start + 1, len(children)) if ends_block(children[index])), len(children))
        block = children[start + 1 : end]
        if removal.whole_update:
            going = block
        else:
            texts = {text.strip() for text in removal.texts if text.strip()}
            going = [child for child in block if child in paragraphs and paragraphs[child].text.strip() in texts]
        if going:
            _insert_after(going[0], removal_note(today))
            for child in going:
                body.remove(child)
    note = reissue_note(published, timezone.localdate())
    earlier = [p for p in document.paragraphs if p.text.startswith(f"Version {published.number} was re-issued on")]
    for paragraph in earlier:  # a second re-issue replaces the first one's note
        paragraph._p.getparent().remove(paragraph._p)
    version_line = next(
        (p for p in document.paragraphs if p.text.startswith(f"Version {published.number}, published")), None
    )
    if version_line is not None:
        _insert_after(version_line._p, note)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def published_reports_redact(*, board, year_start: int, removals: list[Removal], today) -> list[str]:
    """Re-issue every published version of ``board``'s ``year_start`` report that holds any of
    ``removals``, without them. Returns one line per version re-issued."""
    from wscb.audit.models import AuditAction
    from wscb.audit.services import audit_record

    lines = []
    with transaction.atomic():
        for published in PublishedReport.objects.select_for_update().filter(board=board, year_start=year_start):
            html, removed = _redacted_html(published.html, removals, published, today)
            if not removed:
                continue
            published.html = html
            published.pdf, published.page_count = _pdf(html)
            published.docx = _redacted_docx(bytes(published.docx), removals, published, today)
            published.reissued_at = timezone.now()
            published.save(update_fields=["html", "pdf", "page_count", "docx", "reissued_at"])
            detail = f"Re-issued without {removed} block(s) of text removed under the retention schedule"
            audit_record(action=AuditAction.RETENTION_APPLIED, obj=published, detail=detail)
            lines.append(f"{published}: re-issued without {removed} block(s) of removed text")
    return lines
