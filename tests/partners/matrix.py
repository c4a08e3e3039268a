"""Permission-matrix entries for the partners app (see tests/permission_matrix.py)."""

from tests.permission_matrix import KEEPERS, READERS, SIGNED_IN, AdminPolicy, Entry, expect

ENTRIES = [
    Entry("partners:partner-list", expect(READERS)),
    Entry(
        "partners:partner-detail",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": cast.agency_b.pk},
        note="a partner lead sees only their own agency",
        variant="agency B",
    ),
    Entry(
        "partners:partner-detail", expect(SIGNED_IN), kwargs=lambda cast: {"pk": cast.agency_a.pk}, variant="agency A"
    ),
    Entry("partners:current-year", expect(KEEPERS)),
    Entry("partners:current-year", expect(KEEPERS, ok=302), method="post", note="empty: automatic"),
]

ADMIN_MODELS = {
    "partners.strategicpriority": AdminPolicy(view=KEEPERS, edit=KEEPERS, obj=lambda cast: _priority(cast)),
    "partners.person": AdminPolicy(view=KEEPERS, edit=KEEPERS, obj=lambda cast: _person(cast)),
    "partners.boardmembership": AdminPolicy(view=KEEPERS, edit=KEEPERS, obj=lambda cast: _membership(cast)),
}


def _membership(cast):
    from partners.models import BoardMembership

    return BoardMembership.objects.get(board=cast.board, partner=cast.agency_b)


def _person(cast):
    from partners.models import Person

    person = Person.objects.create(full_name="Pat Person", job_title="Superintendent", partner=cast.agency_b)
    person.boards.add(cast.board)
    return person


def _priority(cast):
    from partners.models import StrategicPriority

    return StrategicPriority.objects.create(
        board=cast.board, plan_period="2015-18", first_year=2015, last_year=2017, number=1, title="Governance"
    )
