"""What retention removes is no longer found: the search reads the records themselves, so a deleted
case study and the answers of an anonymised partner update disappear from the results (T75)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.reports import search_records
from tests.reports.search_records import WORD

pytestmark = pytest.mark.django_db


def _found(client, text) -> set:
    response = client.get(reverse("search:results"), {"q": text})
    return {(result.label, result.title) for result in response.context["results"]}


def test_a_case_study_and_a_returns_answers_past_retention_are_no_longer_found(as_user, cast):
    records = search_records.build(cast)
    client = as_user(cast.business_support)
    assert ("Case study", records.a.case_study.title) in _found(client, "case study of Agency A")
    assert ("Partner update", cast.agency_a.name) in _found(client, f"Our {WORD} work")

    call_command("apply_retention", "--apply", "--no-input", "--today", "01/04/2023", stdout=StringIO())

    assert "Case study" not in {label for label, _ in _found(client, WORD)}
    assert ("Partner update", cast.agency_a.name) not in _found(client, f"Our {WORD} work")
    assert ("Partner update", cast.agency_a.name) in _found(client, "Agency A")  # kept: agency, year, status
