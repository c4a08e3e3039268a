"""The complete agency record (address, website, notes), its membership of the board (dates, statutory
partner, main contact) and its people."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners.models import BoardMembership, Partner, Person
from tests.partners.factories import membership_inline

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded_agency(agency_a, board):
    contact = Person.objects.create(
        full_name="Morgan Contact",
        job_title="Head of Safeguarding",
        email="morgan@agency-a.example",
        telephone="01942 000000",
        partner=agency_a,
    )
    Person.objects.create(full_name="Nell Nurse", job_title="Named Nurse", partner=agency_a).boards.add(board)
    contact.boards.add(board)
    agency_a.address = "1 Hospital Road\nWigan"
    agency_a.website = "https://agency-a.example"
    agency_a.notes = "Joined after the 2015 review."
    agency_a.save()
    BoardMembership.objects.filter(partner=agency_a, board=board).update(
        main_contact=contact, started_on=datetime.date(2015, 4, 1)
    )
    return agency_a


def test_the_agency_page_shows_the_complete_record_and_its_people(as_user, lead_a, recorded_agency):
    page = as_user(lead_a).get(reverse("partners:partner-detail", args=[recorded_agency.pk])).content.decode()
    assert "1 Hospital Road<br>Wigan" in page
    assert 'href="https://agency-a.example"' in page
    assert "Morgan Contact, Head of Safeguarding" in page and "mailto:morgan@agency-a.example" in page
    assert "From 01/04/2015" in page
    assert "Nell Nurse, Named Nurse" in page
    assert reverse("meetings:agency-attendance", args=[recorded_agency.pk]) in page


def test_an_agency_without_the_extra_details_says_so(as_user, board_member, agency_b):
    page = as_user(board_member).get(reverse("partners:partner-detail", args=[agency_b.pk])).content.decode()
    assert "No people are recorded for this agency." in page
    assert page.count("Not recorded") == 3  # address, website, main contact
    assert "Dates not recorded" in page


def test_membership_cannot_end_before_it_starts(agency_a, board):
    membership = BoardMembership.objects.get(partner=agency_a, board=board)
    membership.started_on = datetime.date(2016, 4, 1)
    membership.ended_on = datetime.date(2016, 3, 31)
    with pytest.raises(ValidationError, match="Membership cannot end before it starts"):
        membership.full_clean()


def test_a_person_may_be_linked_to_a_portal_account_and_need_not_have_an_agency(lead_a):
    person = Person.objects.create(full_name="Lena Lead-A", job_title="Lead", user=lead_a)
    assert lead_a.person == person
    assert str(person) == "Lena Lead-A, Lead"
    assert Person.objects.create(full_name="Lay Member").partner is None


def test_business_support_edits_the_agency_record_in_the_back_office(as_user, business_support, agency_a, board):
    membership = BoardMembership.objects.get(partner=agency_a, board=board)
    data = {
        "name": agency_a.name,
        "short_name": agency_a.short_name,
        "sector": agency_a.sector,
        "is_active": "on",
        "address": "2 New Street",
        "website": "agency-a.example",
        "notes": "",
        **membership_inline(membership, started_on="01/04/2015", ended_on="", is_statutory="", main_contact=""),
    }
    response = as_user(business_support).post(reverse("admin:partners_partner_change", args=[agency_a.pk]), data)
    assert response.status_code == 302
    agency = Partner.objects.get(pk=agency_a.pk)
    assert (agency.address, agency.website) == ("2 New Street", "https://agency-a.example")
    membership.refresh_from_db()
    assert (membership.started_on, membership.is_statutory) == (datetime.date(2015, 4, 1), False)
