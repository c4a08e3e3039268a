"""No partner-update page, message or e-mail says "1 agencies": a count before a plural noun goes through
``pluralize`` (templates) or ``wscb.plurals.counted`` (Python)."""

import re
from pathlib import Path

from wscb.plurals import counted

ROOT = Path(__file__).resolve().parents[2]
NOUNS = r"(agencies|sections|questions|answers|updates|returns|comments|case studies|reminders|leads|standards)\b"
TEMPLATE_COUNT = re.compile(r"\}\}\s+" + NOUNS)
PYTHON_COUNT = re.compile(r"\{[^{}]*(count|len\(|copied|total|number)[^{}]*\}\s+" + NOUNS)


def test_counted_says_one_agency_and_two_agencies():
    assert counted(1, "agency", "agencies") == "1 agency"
    assert counted(2, "agency", "agencies") == "2 agencies"
    assert counted(0, "section") == "0 sections"
    assert counted(1200, "row") == "1,200 rows"


def test_no_count_is_put_before_a_plural_noun_without_pluralising():
    offenders = []
    for path in sorted((ROOT / "templates" / "reports").glob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if TEMPLATE_COUNT.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    for path in sorted((ROOT / "reports" / "selfreports").glob("*.py")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if PYTHON_COUNT.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not offenders, "Use pluralize or counted():\n" + "\n".join(offenders)
