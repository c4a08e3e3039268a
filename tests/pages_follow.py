"""For the tests (one per app) that change one record and see the draft report and the dashboard
follow: a board with records in every app, the two pages, and a check that a repeated view is
served from the cache (``wscb.data.page_cache``) without assembling anything."""

from __future__ import annotations

import html
import re

from django.urls import reverse

from partners.models import StrategicPriority
from reports.annual import demo
from tests.annual import app_records
from tests.annual.conftest import load_seed_priorities

DRAFT = reverse("annual:draft", args=[2016])
DASHBOARD = reverse("dashboards:dashboard") + "?year=2016/17"


def board_with_records(board, agencies, reviewer):
    """The board with the seed's annual-report records and records in every other app (2016/17)."""
    load_seed_priorities(board)
    demo.load_for_board(board=board)
    priorities = list(StrategicPriority.objects.filter(board=board).order_by("number"))
    app_records.add_meetings(board, agencies)
    app_records.add_training(board, agencies, priorities)
    app_records.add_finance(board, agencies)
    app_records.add_partner_updates(board, agencies, reviewer=reviewer)
    return board


def text(response) -> str:
    """The page's words (tags removed, spaces collapsed; without the one-off messages), for checks
    that do not depend on markup."""
    assert response.status_code == 200, response.status_code
    body = re.sub(
        r"<svg\b.*?</svg>|<script\b.*?</script>|<style\b.*?</style>|<div class=\"messages\".*?</div>\s*</div>",
        " ",
        response.content.decode(),
        flags=re.S,
    )
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def pages(client) -> tuple[str, str]:
    """(the draft report's words, the dashboard's words)."""
    return text(client.get(DRAFT)), text(client.get(DASHBOARD))


def _refuse(*args, **kwargs):
    raise AssertionError("assembled again although nothing changed")


def assert_kept(client, monkeypatch) -> tuple[str, str]:
    """Both pages, served from the cache: assembling either would fail."""
    with monkeypatch.context() as patch:
        patch.setattr("reports.annual.views.build_report", _refuse)
        patch.setattr("reports.dashboards.reporting.board_dashboard", _refuse)
        return pages(client)
