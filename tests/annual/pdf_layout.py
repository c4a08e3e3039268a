"""What a laid-out PDF looks like, read from WeasyPrint's layout boxes (for the layout tests).

``page_facts(document)`` gives, for each page, how full it is, which top-level section it shows
and which table rows, captions and footers are on it, so a test can say "no row is split across
pages" or "no page but the last of a section is under 40% full" without reading pixels.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from weasyprint.formatting_structure import boxes


@dataclass
class PageFacts:
    number: int  # 1-based
    fill: float  # share of the page's content height used, 0-1
    sections: list[str] = field(default_factory=list)  # top-level section ids (or "cover", "contents")
    body_rows: set = field(default_factory=set)  # id() of <tr> elements in a <tbody> laid out here
    header_rows: set = field(default_factory=set)
    footer_rows: set = field(default_factory=set)
    captions: set = field(default_factory=set)


def _walk(box):
    """The box and its descendants, leaving out the page's margin boxes (running header, footer)."""
    if isinstance(box, boxes.MarginBox):
        return
    yield box
    for child in getattr(box, "children", ()):
        yield from _walk(child)


def _top_section(element, parents: dict) -> str | None:
    while element is not None:
        classes = (element.get("class") or "").split()
        if element.tag == "section" and "level-1" in classes:
            return element.get("id")
        if "report-cover" in classes:
            return "cover"
        if element.tag == "nav" and "toc" in classes:
            return "contents"
        element = parents.get(element)
    return None


def _parents(document) -> dict:
    root = next(box.element for box in _walk(document.pages[0]._page_box) if box.element is not None)
    return {child: parent for parent in root.iter() for child in parent}


def page_facts(document) -> list[PageFacts]:
    parents = _parents(document)
    facts = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        top = page_box.content_box_y()
        height = page_box.height
        bottom = top
        item = PageFacts(number=number, fill=0.0)
        for box in _walk(page_box):
            element = box.element
            if isinstance(box, boxes.TableRowBox) and element is not None:
                group = parents[element].tag if element in parents else ""
                {"thead": item.header_rows, "tfoot": item.footer_rows}.get(group, item.body_rows).add(id(element))
            if isinstance(box, boxes.TableCaptionBox) and element is not None:
                item.captions.add(id(element))
            if isinstance(box, boxes.TextBox | boxes.ReplacedBox | boxes.TableRowBox):
                bottom = max(bottom, box.position_y + box.margin_height())
                section = _top_section(element, parents) if element is not None else None
                if section and section not in item.sections:
                    item.sections.append(section)
        item.fill = max(0.0, min(1.0, (bottom - top) / height))
        facts.append(item)
    return facts


def split_rows(facts: list[PageFacts]) -> int:
    """How many body rows are laid out on more than one page."""
    pages = defaultdict(set)
    for page in facts:
        for row in page.body_rows:
            pages[row].add(page.number)
    return sum(1 for numbers in pages.values() if len(numbers) > 1)


def repeated_footers(facts: list[PageFacts]) -> int:
    pages = defaultdict(set)
    for page in facts:
        for row in page.footer_rows:
            pages[row].add(page.number)
    return sum(1 for numbers in pages.values() if len(numbers) > 1)


def underfilled_pages(facts: list[PageFacts], *, threshold: float = 0.4) -> list[tuple[int, str, float]]:
    """(page, section, fill) for pages under ``threshold`` that are not the last page of their section."""
    last_page = {}
    for page in facts:
        for section in page.sections:
            last_page[section] = page.number
    found = []
    for page in facts:
        if page.fill >= threshold or not page.sections:
            continue
        if all(last_page[section] != page.number for section in page.sections):
            found.append((page.number, page.sections[-1], round(page.fill, 2)))
    return found


def tables_by_page(document) -> dict:
    """For each table: the pages of its caption, header rows and body rows."""
    parents = _parents(document)
    tables: dict = defaultdict(lambda: {"caption": set(), "header": set(), "body": set()})
    for number, page in enumerate(document.pages, start=1):
        for box in _walk(page._page_box):
            element = box.element
            if element is None:
                continue
            if isinstance(box, boxes.TableCaptionBox):
                tables[id(parents[element])]["caption"].add(number)
            elif isinstance(box, boxes.TableRowBox):
                group = parents[element]
                table = parents[group]
                key = {"thead": "header"}.get(group.tag, "body")
                tables[id(table)][key].add(number)
    return tables


def indicators_by_page(document) -> dict[int, set]:
    """Page number -> the indicator blocks (``div.indicator``) that start on it."""
    found: dict[int, set] = defaultdict(set)
    seen = set()
    for number, page in enumerate(document.pages, start=1):
        for box in _walk(page._page_box):
            element = box.element
            if element is not None and "indicator" in (element.get("class") or "").split() and id(element) not in seen:
                seen.add(id(element))
                found[number].add(element.get("id"))
    return found
