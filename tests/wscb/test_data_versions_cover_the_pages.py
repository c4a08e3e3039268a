"""Guard: every page kept per state of the data (``wscb.data.page_cache.cached_fragment``) reads only
tables whose writes move the data version. A kept page that read an exempt table (the audit trail,
background jobs, sign-in records: ``wscb.data.changes.EXEMPT``) would show it stale, so the test
fails when one does, and when a view starts keeping a page this test does not render."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Group
from partners.models import Partner
from tests.pages_follow import board_with_records
from tests.query_budgets import cold
from wscb.data import changes, page_cache

pytestmark = pytest.mark.django_db

_TABLES = re.compile(r'\b(?:FROM|JOIN)\s+"?([\w.]+)"?', re.IGNORECASE)
#: Read by every kept page without being one of its records: the cache's own table and the versions.
ALLOWED = {"portal_cache", "wscb_dataversion"}


def kept_page_names() -> set[str]:
    """The names of the kept pages in the portal's code (``cached_fragment(..., name="...")``)."""
    names = set()
    root = Path(settings.BASE_DIR)
    for path in root.rglob("*.py"):
        if {".venv", "tests", "node_modules"} & set(path.relative_to(root).parts):
            continue
        source = path.read_text()
        for call in re.finditer(r"cached_fragment\((.*?)\)\n", source, re.S):
            found = re.search(r'name="([\w.-]+)"', call.group(1))
            if found:
                names.add(found.group(1))
    return names


def urls(board, agency) -> dict[str, str]:
    group = Group.objects.filter(board=board).order_by("pk").first()
    return {
        "annual.draft": reverse("annual:draft", args=[2016]),
        "annual.draft-section": reverse("annual:draft-section", args=[2016, "partner-updates"]),
        "dashboards.dashboard": reverse("dashboards:dashboard") + "?year=2016/17",
        "dashboards.agency": reverse("dashboards:agency-profile", args=[agency.pk]) + "?year=2016/17",
        "training.summary": reverse("training:summary") + "?year=2016/17",
        "meetings.attendance": reverse("meetings:attendance-summary")
        + f"?year=2016/17&group={group.pk if group else ''}",
    }


def test_every_kept_page_is_rendered_here(board, agency_a):
    assert kept_page_names() == set(urls(board, agency_a))


def test_kept_pages_read_only_tables_whose_writes_move_the_version(
    board, agency_a, agency_b, business_support, as_user, monkeypatch
):
    board_with_records(board, [agency_a, agency_b], business_support)
    agency = Partner.objects.get(pk=agency_a.pk)
    reads: dict[str, set[str]] = {}
    original = page_cache.cached_fragment

    def watching(request, *, name, render, parts=()):
        def rendered():
            with CaptureQueriesContext(connection) as queries:
                html = render()
            reads.setdefault(name, set()).update(
                table for query in queries.captured_queries for table in _TABLES.findall(query["sql"])
            )
            return html

        return original(request, name=name, render=rendered, parts=parts)

    for module in list(sys.modules.values()):
        if getattr(module, "cached_fragment", None) is original and module is not page_cache:
            monkeypatch.setattr(module, "cached_fragment", watching)

    client = as_user(business_support)
    for name, url in urls(board, agency).items():
        cold(board)
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        assert name in reads, f"{name} was not made at {url}"

    unwatched = {
        name: sorted(table for table in tables if table not in ALLOWED and not changes.is_watched(table))
        for name, tables in reads.items()
    }
    assert not any(unwatched.values()), unwatched
    # The pages read the records they show (the test would pass vacuously if the capture saw nothing).
    assert "partners_partner" in reads["dashboards.dashboard"] and "annual_indicatorvalue" in reads["annual.draft"]
