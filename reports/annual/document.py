"""The report as a list of blocks (heading, paragraph, list, table with caption, chart with its
text alternative), read from the report's own HTML.

The HTML templates are the one description of what the report says; the Word writer consumes the
blocks read from that HTML, so Word cannot drift from it: a table, paragraph or note added to a
template appears in Word without a second writer to update. Only the cover and the contents are
left out (Word writes its own cover and a contents field with page numbers). A chart is rebuilt
from the spec its SVG carries (``wscb.charts.spec_from_svg``) and drawn as a PNG for Word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html

from wscb import charts

SVG = "{http://www.w3.org/2000/svg}svg"


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Heading:
    level: int  # 1 for a top-level section (h2 in the HTML), 2 for h3, ...
    text: str
    starts_page: bool = False


@dataclass
class Paragraph:
    runs: list[Run]
    kind: str = "body"  # body, notice, small, quote, chart-text

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class ListBlock:
    items: list[tuple[int, list[Run]]]  # (nesting depth from 0, runs)
    ordered: bool = False


@dataclass
class Cell:
    text: str
    is_header: bool = False
    is_number: bool = False
    colspan: int = 1
    bold: bool = False


@dataclass
class Table:
    caption: str
    header: list[list[Cell]] = field(default_factory=list)
    body: list[list[Cell]] = field(default_factory=list)
    footer: list[list[Cell]] = field(default_factory=list)

    @property
    def columns(self) -> int:
        rows = self.header + self.body + self.footer
        return max((sum(cell.colspan for cell in row) for row in rows), default=1)


@dataclass
class Chart:
    spec: object  # wscb.charts.LineChart / BarChart
    alt: str


Block = Heading | Paragraph | ListBlock | Table | Chart

_SKIPPED_CLASSES = {"report-cover", "toc", "no-print", "edit-link"}
_SPACE = re.compile(r"\s+")


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def report_blocks(html: str) -> list[Block]:
    """The blocks of the report's HTML (a whole document or the article alone), in order."""
    root = lxml.html.document_fromstring(html)
    article = root.find_class("annual-report")
    blocks: list[Block] = []
    _container(article[0] if article else root.body, blocks)
    return blocks


def _container(element, blocks: list[Block]) -> None:
    text = _clean(element.text or "")
    if text:
        blocks.append(Paragraph([Run(text)]))
    for child in element:
        _block(child, blocks)
        tail = _clean(child.tail or "")
        if tail:
            blocks.append(Paragraph([Run(tail)]))


def _block(element, blocks: list[Block]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag or _classes(element) & _SKIPPED_CLASSES or tag in ("script", "style"):
        return
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        level = max(int(tag[1]) - 1, 1)
        blocks.append(Heading(level, _clean(element.text_content()), starts_page=tag == "h2"))
    elif tag == "p":
        runs = _runs(element)
        if runs:
            kind = (
                "notice"
                if "not-available" in _classes(element)
                else "small"
                if "small" in _classes(element)
                else "body"
            )
            blocks.append(Paragraph(runs, kind))
    elif tag in ("ul", "ol"):
        items: list[tuple[int, list[Run]]] = []
        _list_items(element, 0, items)
        if items:
            blocks.append(ListBlock(items, ordered=tag == "ol"))
    elif tag == "table":
        blocks.append(_table(element))
    elif tag == "figure":
        _figure(element, blocks)
    elif tag == "blockquote":
        for paragraph in element.iter("p"):
            blocks.append(Paragraph(_runs(paragraph), "quote"))
        if not element.findall(".//p") and _clean(element.text_content()):
            blocks.append(Paragraph(_runs(element), "quote"))
    elif tag == "div" and "not-available" in _classes(element) and not _has_blocks(element):
        blocks.append(Paragraph(_runs(element), "notice"))
    elif tag == "br" or tag == "hr":
        return
    elif _has_blocks(element) or tag in ("section", "div", "article", "header", "footer", "main", "aside"):
        _container(element, blocks)
    else:
        runs = _runs(element)
        if runs:
            blocks.append(Paragraph(runs))


_BLOCK_TAGS = {"p", "div", "ul", "ol", "table", "figure", "h2", "h3", "h4", "h5", "h6", "section", "blockquote"}


def _has_blocks(element) -> bool:
    return any(isinstance(child.tag, str) and child.tag in _BLOCK_TAGS for child in element.iterdescendants())


def _runs(element, bold: bool = False, italic: bool = False) -> list[Run]:
    """The element's text as runs with bold and italic, spaces collapsed as a browser would."""
    runs: list[Run] = []

    def add(text: str, b: bool, i: bool):
        if not text:
            return
        text = _SPACE.sub(" ", text)
        if runs and runs[-1].bold == b and runs[-1].italic == i:
            runs[-1].text += text
        else:
            runs.append(Run(text, b, i))

    def walk(node, b: bool, i: bool):
        add(node.text or "", b, i)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "br":
                add("\n", b, i)
            elif tag and not (_classes(child) & _SKIPPED_CLASSES) and tag not in ("script", "style"):
                walk(child, b or tag in ("strong", "b", "th"), i or tag in ("em", "i"))
            add(child.tail or "", b, i)

    walk(element, bold, italic)
    # trim the spaces a browser would not show at the start and end of the block
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()
        for run in runs:
            run.text = re.sub(r" *\n *", "\n", run.text)
    return runs


def _list_items(element, depth: int, items: list) -> None:
    for item in element:
        if item.tag != "li":
            continue
        nested = [child for child in item if child.tag in ("ul", "ol")]
        for child in nested:
            item.remove(child)
        runs = _runs(item)
        if runs:
            items.append((depth, runs))
        for child in nested:
            _list_items(child, depth + 1, items)


def _table(element) -> Table:
    caption = element.find("caption")
    table = Table(caption=_clean(caption.text_content()) if caption is not None else "")
    for row in element.iter("tr"):
        group = row.getparent().tag
        cells = [
            Cell(
                text=_clean(cell.text_content()),
                is_header=cell.tag == "th",
                is_number="num" in _classes(cell),
                colspan=int(cell.get("colspan") or 1),
                bold=cell.tag == "th" or cell.find(".//strong") is not None,
            )
            for cell in row
            if cell.tag in ("th", "td")
        ]
        {"thead": table.header, "tfoot": table.footer}.get(group, table.body).append(cells)
    return table


def _figure(element, blocks: list[Block]) -> None:
    for svg in element.iter(SVG, "svg"):
        data = svg.get("data-chart")
        if not data:
            continue
        spec = charts.spec_from_svg(data)
        title = next((child for child in svg if isinstance(child.tag, str) and child.tag.endswith("title")), None)
        blocks.append(Chart(spec=spec, alt=_clean(title.text_content()) if title is not None else spec.text))
    for caption in element.iter("figcaption"):
        runs = _runs(caption)
        if runs:
            blocks.append(Paragraph(runs, "chart-text"))
