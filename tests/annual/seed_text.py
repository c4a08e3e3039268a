# ruff: noqa: RUF001
"""The seed report's text, section by section, and how much of it a rendered report reproduces.

The seed (shared/seed/wscb-annual-report-2016-17.txt, copied to data/ without the reporting server's
address lines) is text extracted from the published PDF, so
its tables lost their alignment. Each section here is the seed's running text between two markers,
without the tables, charts, drill-down addresses and page footers (the tables are compared cell by
cell elsewhere: ``test_indicator_tables_equal_the_seed``, ``training/test_demo_matches_seed`` and
``finance/test_seed_statement``). Section 10 is split into its eleven returns.

Coverage: the seed's words and the report's words are lower-cased with everything but letters and
digits removed (so "2,603" is "2603" and "co-ordinate" is "coordinate"); a seed word counts as
reproduced when one run of six consecutive seed words containing it also occurs in the report's
section. ``coverage`` is the share of the seed section's words reproduced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

SEED = Path(__file__).parent / "data" / "seed-2016-17.txt"  # the seed, without its drill-down addresses
RUN = 6


@dataclass(frozen=True)
class SeedSection:
    name: str  # for messages
    anchor: str  # the report element's id whose text is compared
    start: str  # first line of the section (a line containing this text)
    end: str  # the first line after it
    skip: tuple[tuple[str, str], ...] = ()  # (first, last) lines of tables inside the section, both left out


def _returns(agencies: list[tuple[str, str, str]]) -> list[SeedSection]:
    return [SeedSection(f"10 Partner updates: {name}", anchor, start, end) for name, anchor, start, end in agencies]


SECTIONS = [
    SeedSection("Foreword", "section-foreword", "This is the first Annual Report", "Section 1 Executive Summary"),
    SeedSection("1 Executive summary", "section-executive-summary", "Section 1 Executive Summary", "-------"),
    SeedSection(
        "2 Context",
        "section-context",
        "Section 2:  Context",
        "Section 3 – Governance",
        skip=(("Agency   21/03/2016", "WWL NHS Trust     1 1 2 2 1"),),
    ),
    SeedSection("3 Governance", "section-governance", "Section 3 – Governance", "Section 4 - Strategic Objectives"),
    SeedSection(
        "4 Strategic objectives", "section-strategic-objectives", "Section 4 - Strategic Objectives", "Section 6 –"
    ),
    SeedSection(
        "6 Performance",
        "section-performance",
        "Section 6 – Performance",
        "Percentage of section 47 enquiries going to initial",
    ),
    SeedSection(
        "6 LADO",
        "section-lado",
        "Local Authority Designated Officer (LADO)",
        "Early Help ",
        skip=((" 2013/14 2014/15 2015/16 2016/17 ", "Wigan 94.7 92.6 94.8 93.2"),),
    ),
    SeedSection("6 Early help", "section-early-help", "Early Help ", " Child Death Overview Panel"),
    SeedSection(
        "6 Child Death Overview Panel", "section-cdop", " Child Death Overview Panel", "Serious Case Reviews /"
    ),
    SeedSection("6 Serious case reviews", "section-case-reviews", "Serious Case Reviews /", "Section 7: Training"),
    SeedSection(
        "7 Training",
        "section-training",
        "Section 7: Training",
        "Section 8 – Engagement",
        skip=(
            ("Table One Courses and trainers agreed", "WRAP 18 16 320 232"),
            ("Table 2 Course trainers", "Working Together (formerly level 3"),
            ("0 0 0 0 ", "Locality Briefings Nov  Yes  6 6 None  530 414"),
            ("1087 ", "Safeguarding Children with Disabilities"),  # the completions chart, printed twice
            ("1087 ", "Early Help"),
            ("Course completions;", "Course completions;"),
        ),
    ),
    SeedSection("8 Engagement", "section-engagement", "Section 8 – Engagement", "Section 9 – Financial Report"),
    *_returns(
        [
            ("Wigan & Leigh College", "partner-wigan-leigh-college", "Name Francine Mitchell", "Name Helen Williamson"),
            ("GMMH", "partner-gmmh", "Name Helen Williamson", "Name Janet Bergman"),
            ("IHL", "partner-ihl", "Name Janet Bergman", "Name Kathryn Perry"),
            ("Wigan and Leigh Homes", "partner-walh", "Name Kathryn Perry", "Name Linda Salt"),
            ("WWL", "partner-wwl-nhs-trust", "Name Linda Salt", "Name Lynda Cunniffe"),
            ("Bridgewater", "partner-bridgewater", "Name Lynda Cunniffe", "Name Karen Dobson"),
            ("North West Boroughs", "partner-5bp", "Name Karen Dobson", "Name Nichola Osborne"),
            ("WBCCG", "partner-wbccg", "Name Nichola Osborne", "Name Clare Devlin"),
            ("GMP", "partner-gmp", "Name Clare Devlin", "Name Tracey Lloyd"),
            ("Probation", "partner-probation", "Name Tracey Lloyd", "Name Gail Churchill"),
            ("CRC", "partner-crc", "Name Gail Churchill", "Section 11 – Towards"),
        ]
    ),
    SeedSection("11 Towards 2017-2018", "section-next-year", "Section 11 – Towards", "Section 12 – Membership"),
]

_NOISE = (
    re.compile(r"^\s*https?://\S+\s*$"),  # drill-down addresses and links printed on their own line
    re.compile(r"^\s*mailto:\S+\s*$"),
    re.compile(r"^\s*Page \d+ of \d+\s*$"),
)
_WORD = re.compile(r"[^\W_]+(?:[^\s\w]+[^\W_]+)*")  # a word with inner punctuation ("2,603", "co-ordinate")


def words(text: str) -> list[str]:
    """Lower-cased words with every character that is not a letter or digit removed."""
    found = []
    for match in _WORD.finditer(text):
        word = re.sub(r"[\W_]+", "", match.group(0).lower())
        if word:
            found.append(word)
    return found


@cache
def _seed_lines() -> tuple[str, ...]:
    return tuple(SEED.read_text(encoding="utf-8").splitlines())


def _starts(line: str, marker: str) -> bool:
    return line.strip().startswith(marker.strip())


def _find(lines, marker: str, start: int = 0) -> int:
    for index in range(start, len(lines)):
        if _starts(lines[index], marker):
            return index
    raise LookupError(f"The seed has no line starting {marker!r} after line {start + 1}.")


@cache
def _bounds() -> dict[str, tuple[int, int]]:
    """Each section's first and end line: a section's start is looked for after the previous one's."""
    lines, found, after = _seed_lines(), {}, 0
    for section in SECTIONS:
        first = _find(lines, section.start, after)
        found[section.name] = (first, _find(lines, section.end, first + 1))
        after = first + 1
    return found


def seed_text(section: SeedSection) -> str:
    lines = _seed_lines()
    first, last = _bounds()[section.name]
    kept = list(lines[first:last])
    for skip_first, skip_last in section.skip:
        begin = next(i for i, line in enumerate(kept) if _starts(line, skip_first))
        end = next(i for i in range(begin, len(kept)) if _starts(kept[i], skip_last))
        kept[begin : end + 1] = []
    return "\n".join(line for line in kept if not any(pattern.match(line) for pattern in _NOISE))


def runs(tokens: list[str], length: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + length]) for i in range(len(tokens) - length + 1)}


def coverage(seed: str, report: str, length: int = RUN) -> tuple[float, list[str]]:
    """The share of the seed's words inside a run of ``length`` words the report also has, and the
    seed's passages (consecutive words) that are not reproduced, for the failure message."""
    seed_words, found = words(seed), runs(words(report), length)
    if not seed_words:
        return 1.0, []
    covered = [False] * len(seed_words)
    for start in range(len(seed_words) - length + 1):
        if tuple(seed_words[start : start + length]) in found:
            covered[start : start + length] = [True] * length
    missing, current = [], []
    for word, is_covered in zip(seed_words, covered, strict=True):
        if is_covered:
            if current:
                missing.append(" ".join(current))
            current = []
        else:
            current.append(word)
    if current:
        missing.append(" ".join(current))
    return sum(covered) / len(seed_words), missing


class _ElementText(HTMLParser):
    """The text of every element that has an id, including its descendants' text."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "col", "source", "wbr", "area", "base", "embed"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []
        self.texts: dict[str, list[str]] = {}
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attributes = dict(attrs)
        element_id = attributes.get("id")
        hidden = tag in ("script", "style", "svg") or attributes.get("aria-hidden") == "true"
        self.open.append((tag, element_id if not hidden else None, hidden))
        if hidden:
            self.skip_depth += 1
        if element_id and not hidden:
            self.texts.setdefault(element_id, [])
        for _, open_id, _ in self.open:
            if open_id:
                self.texts[open_id].append(" ")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.open:
            open_tag, _, hidden = self.open.pop()
            if hidden:
                self.skip_depth -= 1
            if open_tag == tag:
                break
        for _, open_id, _ in self.open:
            if open_id:
                self.texts[open_id].append(" ")

    def handle_data(self, data):
        if self.skip_depth:
            return
        for _, open_id, _ in self.open:
            if open_id:
                self.texts[open_id].append(data)


def element_texts(html: str) -> dict[str, str]:
    """The visible text of each element with an id (scripts, styles, SVG and aria-hidden parts left out)."""
    parser = _ElementText()
    parser.feed(html)
    return {key: "".join(parts) for key, parts in parser.texts.items()}
