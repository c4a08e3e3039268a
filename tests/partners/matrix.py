"""Permission-matrix entries for the partners app (see tests/permission_matrix.py)."""

from tests.permission_matrix import READERS, SIGNED_IN, Entry, expect

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
]
