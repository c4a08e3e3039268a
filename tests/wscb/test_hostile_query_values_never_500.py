"""Finding (Low): server errors from ordinary input (``/finance/contributions/?year=9999``, also ``0``,
``10000``, ``٣٣٣٣``, gave 500 for any role).

Every GET parameter the project reads is collected from the code (``request.GET.get("year")``,
``self.request.GET["page"]``, ``"end" in request.GET``, and the fields of every form a module binds to
``request.GET``; ``page`` for Django's paginated lists); then every signed-in GET page of the
permission matrix is fetched with each parameter set to each of a fixed list of hostile values. A bad
value gives the default or a 404, never a 500. The numbers in the URL paths get the same treatment.
"""

from __future__ import annotations

import ast
import importlib
import inspect

import pytest
from django import forms
from django.urls import NoReverseMatch, reverse

from tests import permission_matrix as matrix
from tests.conftest import client_for
from tests.savepoints import in_savepoint
from tests.wscb.test_import_graph import project_modules

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "9999",
    "0",
    "10000",
    "\u0663\u0663\u0663\u0663",  # ٣٣٣٣: digits to str.isdigit(), not to a person
    "-1",
    "abc",
    "\x00",  # %00
    "99999999999999999999",
    "1e3",
    "2016/1",
    "9999/00",
    "1900",
    "1900/01",
    "2200/01",
    "x" * 5000,
    " ",
]
#: Read by Django's own list views (``paginate_by``) rather than by our code.
IMPLICIT = {"page"}


def _is_get(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "GET"


def collected_parameters() -> set[str]:
    names = set(IMPLICIT)
    for name, path in project_modules().items():
        if name.startswith(("bench", "wscb.management")) or ".management." in name:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        binds_get = False
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _is_get(node.func.value):
                if node.func.attr in ("get", "getlist") and node.args and isinstance(node.args[0], ast.Constant):
                    names.add(node.args[0].value)
            elif isinstance(node, ast.Subscript) and _is_get(node.value) and isinstance(node.slice, ast.Constant):
                names.add(node.slice.value)
            elif isinstance(node, ast.Compare) and any(_is_get(c) for c in node.comparators):
                if isinstance(node.left, ast.Constant):
                    names.add(node.left.value)
            elif isinstance(node, ast.Set) and all(isinstance(e, ast.Constant) for e in node.elts):
                pass
            if isinstance(node, ast.Call) and (
                any(_is_get(arg) for arg in node.args)
                or any(_is_get(keyword.value) for keyword in node.keywords)
                or any(isinstance(arg, ast.IfExp) and (_is_get(arg.body) or _is_get(arg.orelse)) for arg in node.args)
            ):
                binds_get = True
        if binds_get:
            module = importlib.import_module(name)
            forms_here = {
                form
                for node in ast.walk(tree)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                for form in [getattr(module, node.func.id, None)]
                if inspect.isclass(form) and issubclass(form, forms.BaseForm)
            }
            for form in forms_here:
                names.update(form.base_fields)
    return names


def test_the_parameters_are_collected_from_the_code():
    found = collected_parameters()
    # the ones the probe used, and one from a form bound to the query (the audit filter's dates)
    assert {"year", "page", "format", "group", "on", "end", "count", "date_from", "show"} <= found


def signed_in_get_pages(cast):
    """(entry, role) for every signed-in GET page of the matrix, with the first role it opens for."""
    for entry in matrix.all_entries():
        if entry.method != "get" or entry.name.startswith(("admin:", "<unnamed")):
            continue
        role = next((role for role in matrix.ROLES if role != "anonymous" and entry.expect.get(role) == 200), None)
        if role is not None:
            yield entry, role


def test_no_hostile_query_value_gives_a_server_error(cast):
    parameters = sorted(collected_parameters())
    failures = []
    for entry, role in signed_in_get_pages(cast):

        def fetch_all(entry=entry, role=role):
            kwargs = entry.kwargs(cast) if entry.kwargs else None
            url = entry.path(cast) if entry.path else reverse(entry.name, kwargs=kwargs)
            client = client_for(getattr(cast, role))
            found = []
            for value in HOSTILE_VALUES:
                query = dict.fromkeys(parameters, value)
                try:
                    status = client.get(url, query).status_code
                except Exception as error:  # the test client re-raises what would be a 500
                    status = f"{type(error).__name__}: {str(error)[:80]}"
                if status == 500 or not isinstance(status, int):
                    found.append(f"{entry.id} as {role} with {value[:12]!r}: {status}")
            return found

        failures += in_savepoint(fetch_all)
    assert failures == [], "\n".join(failures)


HOSTILE_PATH_NUMBERS = ["0", "1900", "2200", "10000", "99999999999999999999"]


def test_no_hostile_number_in_a_url_path_gives_a_server_error(cast):
    failures = []
    for entry, role in signed_in_get_pages(cast):
        if entry.path or not entry.kwargs:
            continue

        def fetch_all(entry=entry, role=role):
            kwargs = entry.kwargs(cast) or {}
            client = client_for(getattr(cast, role))
            found = []
            for key, good in kwargs.items():
                if not str(good).isdigit():
                    continue
                for value in HOSTILE_PATH_NUMBERS:
                    try:
                        url = reverse(entry.name, kwargs={**kwargs, key: value})
                    except NoReverseMatch:  # the route itself refuses the value (e.g. four digits)
                        continue
                    try:
                        status = client.get(url).status_code
                    except Exception as error:
                        status = f"{type(error).__name__}: {str(error)[:80]}"
                    if status == 500 or not isinstance(status, int):
                        found.append(f"{entry.id} as {role} with {key}={value}: {status}")
            return found

        failures += in_savepoint(fetch_all)
    assert failures == [], "\n".join(failures)
