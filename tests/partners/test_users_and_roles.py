"""Users sign in by e-mail, hold one role, and partner leads belong to exactly one agency."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from partners.models import User
from wscb.roles import Role, role_has_model_permission

pytestmark = pytest.mark.django_db


def test_a_partner_lead_without_an_agency_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="x@example.org", full_name="X", role=Role.PARTNER_LEAD)


def test_a_partner_lead_without_an_agency_is_refused_with_a_message(db):
    with pytest.raises(Exception, match="must belong to a partner agency"):
        User.objects.create_user("x@example.org", "river otter lantern", full_name="X", role=Role.PARTNER_LEAD)


def test_e_mail_addresses_are_unique_whatever_their_case(lead_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="LEAD.A@EXAMPLE.ORG", full_name="Copy", role=Role.BOARD_MEMBER)


def test_create_superuser_makes_an_administrator(db):
    user = User.objects.create_superuser("Boss@Example.org", "river otter lantern", full_name="Boss")
    assert user.email == "boss@example.org"
    assert user.is_administrator and user.is_staff and user.is_superuser


@pytest.mark.parametrize(
    ("role", "is_staff"),
    [
        (Role.PARTNER_LEAD, False),
        (Role.BOARD_MEMBER, False),
        (Role.BUSINESS_SUPPORT, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_only_business_support_and_administrators_use_the_back_office(role, is_staff):
    assert User(role=role, is_active=True).is_staff is is_staff


def test_an_inactive_administrator_has_no_permissions():
    user = User(role=Role.ADMINISTRATOR, is_active=False)
    assert not user.has_perm("partners.change_partner")
    assert not user.is_staff


@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        ("partners.change_partner", True),
        ("partners.view_user", True),
        ("partners.change_user", False),
        ("partners.add_board", False),
        ("axes.view_accessattempt", False),
        ("meetings.add_meeting", True),
    ],
)
def test_business_support_permissions_are_scoped(perm, allowed):
    assert role_has_model_permission(Role.BUSINESS_SUPPORT, perm) is allowed


def test_board_members_and_partner_leads_have_no_back_office_permissions():
    assert not role_has_model_permission(Role.BOARD_MEMBER, "partners.view_partner")
    assert not role_has_model_permission(Role.PARTNER_LEAD, "partners.view_partner")


def test_an_administrator_adds_a_partner_lead_in_the_back_office(as_user, administrator, agency_a, board):
    response = as_user(administrator).post(
        reverse("admin:partners_user_add"),
        {
            "email": "New.Lead@Example.org",
            "password1": "river otter lantern",
            "password2": "river otter lantern",
            "full_name": "New Lead",
            "role": Role.PARTNER_LEAD,
            "partner": agency_a.pk,
            "boards": [board.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="new.lead@example.org")
    assert user.partner == agency_a and user.is_partner_lead


def test_the_back_office_refuses_a_partner_lead_without_an_agency(as_user, administrator):
    response = as_user(administrator).post(
        reverse("admin:partners_user_add"),
        {
            "email": "lonely@example.org",
            "password1": "river otter lantern",
            "password2": "river otter lantern",
            "full_name": "Lonely Lead",
            "role": Role.PARTNER_LEAD,
        },
    )
    assert response.status_code == 200
    assert "must belong to a partner agency" in response.content.decode()
    assert not User.objects.filter(email="lonely@example.org").exists()


def test_the_back_office_refuses_a_duplicate_address_in_another_case(as_user, administrator, lead_a):
    response = as_user(administrator).post(
        reverse("admin:partners_user_add"),
        {
            "email": "Lead.A@example.org",
            "password1": "river otter lantern",
            "password2": "river otter lantern",
            "full_name": "Duplicate",
            "role": Role.BOARD_MEMBER,
        },
    )
    assert "already exists" in response.content.decode()


def test_business_support_edits_an_agency_in_the_back_office(as_user, business_support, agency_b):
    from partners.models import BoardMembership
    from tests.partners.factories import membership_inline

    membership = BoardMembership.objects.get(partner=agency_b)
    response = as_user(business_support).post(
        reverse("admin:partners_partner_change", args=[agency_b.pk]),
        {
            "name": "Agency B Constabulary",
            "short_name": "Agency B",
            "sector": "police",
            **membership_inline(membership, is_statutory="on"),
        },
    )
    assert response.status_code == 302
    agency_b.refresh_from_db()
    assert agency_b.name == "Agency B Constabulary"
    assert not agency_b.is_active  # unchecked box


def test_business_support_cannot_change_a_users_role(as_user, business_support, lead_b):
    response = as_user(business_support).post(
        reverse("admin:partners_user_change", args=[lead_b.pk]),
        {"email": lead_b.email, "full_name": lead_b.full_name, "role": Role.ADMINISTRATOR},
    )
    assert response.status_code == 403
    lead_b.refresh_from_db()
    assert lead_b.is_partner_lead
