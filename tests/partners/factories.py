"""Factories for boards, agencies and users."""

import factory
from django.contrib.auth.hashers import make_password

from partners.models import Board, BoardMembership, Partner, User
from wscb.roles import Role

TEST_PASSWORD = "correct horse battery staple"
_TEST_PASSWORD_HASH = None


def test_password_hash() -> str:
    global _TEST_PASSWORD_HASH
    if _TEST_PASSWORD_HASH is None:
        _TEST_PASSWORD_HASH = make_password(TEST_PASSWORD)
    return _TEST_PASSWORD_HASH


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board
        django_get_or_create = ("short_name",)

    name = "Wigan Safeguarding Children Board"
    short_name = "WSCB"
    term = Board.Term.BOARD


class PartnerFactory(factory.django.DjangoModelFactory):
    """An agency and its membership of boards: ``boards=[...]`` (default: every board that exists
    then, or the demo-named board if there is none yet); ``is_statutory`` is set on each membership."""

    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Agency {n}")
    short_name = factory.Sequence(lambda n: f"AG{n}")
    sector = Partner.Sector.OTHER
    is_statutory = False

    @factory.post_generation
    def boards(self, create, extracted, **kwargs):
        if not create:
            return
        boards = list(extracted) if extracted is not None else list(Board.objects.all()) or [BoardFactory()]
        statutory = self._statutory
        for board in boards:
            BoardMembership.objects.get_or_create(board=board, partner=self, defaults={"is_statutory": statutory})

    @classmethod
    def _create(cls, model_class, *args, is_statutory=False, **kwargs):
        instance = super()._create(model_class, *args, **kwargs)
        instance._statutory = is_statutory
        return instance


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Safeguarding lead"
    role = Role.BOARD_MEMBER
    password = factory.LazyFunction(test_password_hash)

    @factory.post_generation
    def boards(self, create, extracted, **kwargs):
        if create and extracted:
            self.boards.add(*extracted)


class PartnerLeadFactory(UserFactory):
    role = Role.PARTNER_LEAD
    partner = factory.SubFactory(PartnerFactory)


def membership_inline(membership=None, **values) -> dict:
    """The posted rows of the agency change form's "membership of this board" inline."""
    data = {
        "board_memberships-TOTAL_FORMS": "1",
        "board_memberships-INITIAL_FORMS": "1" if membership else "0",
        "board_memberships-MIN_NUM_FORMS": "0",
        "board_memberships-MAX_NUM_FORMS": "1",
        "board_memberships-0-id": str(membership.pk) if membership else "",
        "board_memberships-0-partner": str(membership.partner_id) if membership else "",
    }
    data.update({f"board_memberships-0-{name}": value for name, value in values.items()})
    return data
