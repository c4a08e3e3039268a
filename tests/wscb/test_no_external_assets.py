"""The portal works inside a council network: nothing is loaded from another site at run time."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_DIRS = ["wscb", "partners", "meetings", "training", "finance", "reports", "templates", "static"]
CHART_LIBRARIES = {"pygal", "matplotlib", "plotly", "bokeh", "altair"}


def project_files(*suffixes):
    for folder in APP_DIRS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in suffixes and "vendor" not in path.parts and "migrations" not in path.parts:
                yield path


def test_charts_come_from_the_portal_engine_not_a_library_with_scripts():
    """Charts are drawn by ``wscb.charts`` (SVG with no script); a chart library such as pygal
    loads tooltips from the internet unless told not to, so none is imported."""
    offenders = []
    for path in project_files(".py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in CHART_LIBRARIES for name in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"chart libraries imported (use wscb.charts): {offenders}"


def test_no_template_or_asset_loads_from_another_site():
    pattern = re.compile(r"""(src|href)\s*=\s*["'](https?:)?//""", re.IGNORECASE)
    offenders = [
        f"{path.relative_to(ROOT)}"
        for path in project_files(".html", ".css", ".js")
        if any(pattern.search(line) and "mailto:" not in line for line in path.read_text().splitlines())
    ]
    assert not offenders, f"external assets referenced: {offenders}"
