"""An agency's page costs the same number of queries whether it has two people or twenty."""

import pytest
from django.urls import reverse

from partners.models import Person
from tests.partners.factories import PartnerLeadFactory

PAGE_BUDGET = 12


@pytest.mark.parametrize("people", [2, 20])
def test_the_agency_page_stays_within_one_query_budget_at_two_data_sizes(
    agency_a, board, board_member, as_user, django_assert_max_num_queries, people
):
    for number in range(people):
        Person.objects.create(full_name=f"Person {number:02d}", job_title="Officer", partner=agency_a).boards.add(board)
        PartnerLeadFactory(partner=agency_a, email=f"lead{number}@agency-a.test", boards=[board])
    client = as_user(board_member)
    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(reverse("partners:partner-detail", args=[agency_a.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Person 00" in page
    assert f"Person {people - 1:02d}" in page
