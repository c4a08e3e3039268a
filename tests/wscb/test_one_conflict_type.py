"""One conflict mechanism: every app's edit conflict is an ``EditConflict`` raised by ``versioned_update``."""

import ast

from tests.wscb.test_import_graph import project_modules
from wscb.data.versions import EditConflict


def _conflict_classes():
    for name, path in project_modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and node.name.endswith("Conflict"):
                yield name, node


def test_every_conflict_class_in_the_project_is_an_edit_conflict():
    import importlib

    found = []
    for module_name, node in _conflict_classes():
        cls = getattr(importlib.import_module(module_name), node.name)
        found.append(f"{module_name}.{node.name}")
        assert issubclass(cls, EditConflict), f"{module_name}.{node.name} must subclass wscb.data.versions.EditConflict"
    assert "wscb.data.versions.EditConflict" in found
    assert len(found) >= 5  # meetings (2), training, selfreports (2) and the base


def test_only_the_base_class_derives_from_exception_directly():
    direct = [
        f"{module}.{node.name}"
        for module, node in _conflict_classes()
        if any(isinstance(base, ast.Name) and base.id == "Exception" for base in node.bases)
    ]
    assert direct == ["wscb.data.versions.EditConflict"]
