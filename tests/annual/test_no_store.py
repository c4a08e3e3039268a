"""The annual report's draft (page and downloads) and its published versions include partner returns
(section 10): none may be kept by the browser or a cache."""

import pytest
from django.urls import reverse

from tests.annual.factories import NarrativeFactory, PublishedReportFactory


@pytest.mark.parametrize(
    "url",
    [reverse("annual:draft", args=[2016]), reverse("annual:draft-download", args=["2016", "docx"])],
    ids=["draft page", "draft download"],
)
def test_the_draft_is_never_stored(url, as_user, business_support, board, run_jobs):
    NarrativeFactory(board=board, year_start=2016)
    client = as_user(business_support)
    first = client.get(url)
    assert "no-store" in first["Cache-Control"]
    run_jobs()  # the download's layout, made by a worker, then served from storage
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_published_version_is_never_stored(as_user, board_member, board):
    published = PublishedReportFactory(board=board, year_start=2016, number=1)
    response = as_user(board_member).get(reverse("annual:published", args=[published.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
