"""The portal works inside a council network: nothing is loaded from another site at run time."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_DIRS = ["wscb", "partners", "meetings", "training", "finance", "reports", "templates", "static"]
PYGAL_CHARTS = {"Bar", "HorizontalBar", "Line", "StackedBar", "Pie", "XY", "Gauge", "Radar", "Dot", "Box", "Funnel"}


def project_files(*suffixes):
    for folder in APP_DIRS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in suffixes and "vendor" not in path.parts and "migrations" not in path.parts:
                yield path


def test_every_pygal_chart_is_built_without_its_default_internet_script():
    offenders = []
    for path in project_files(".py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in PYGAL_CHARTS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "pygal"
            ):
                js = [kw for kw in node.keywords if kw.arg == "js"]
                if not js or not (isinstance(js[0].value, ast.List) and not js[0].value.elts):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"pygal charts without js=[] (they would load a script from the internet): {offenders}"


def test_no_template_or_asset_loads_from_another_site():
    pattern = re.compile(r"""(src|href)\s*=\s*["'](https?:)?//""", re.IGNORECASE)
    offenders = [
        f"{path.relative_to(ROOT)}"
        for path in project_files(".html", ".css", ".js")
        if any(pattern.search(line) and "mailto:" not in line for line in path.read_text().splitlines())
    ]
    assert not offenders, f"external assets referenced: {offenders}"
