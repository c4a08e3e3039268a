"""Permission-matrix entries for the board dashboard and agency profiles (see tests/permission_matrix.py)."""

from tests.permission_matrix import READERS, SIGNED_IN, Entry, expect

ENTRIES = [
    Entry("dashboards:dashboard", expect(READERS), note="partner leads use their agency's profile"),
    Entry("dashboards:dashboard", expect(READERS), query="year=2016/17", variant="a past year"),
    Entry("dashboards:dashboard", expect(READERS, ok=405), method="post", note="read-only"),
    Entry(
        "dashboards:panel-export",
        expect(READERS),
        kwargs=lambda cast: {"panel": "attendance", "fmt": "csv"},
        variant="CSV",
    ),
    Entry(
        "dashboards:panel-export",
        expect(READERS),
        kwargs=lambda cast: {"panel": "finance", "fmt": "xlsx"},
        variant="XLSX",
    ),
    Entry(
        "dashboards:panel-export",
        expect(READERS, ok=404),
        kwargs=lambda cast: {"panel": "no-such-panel", "fmt": "csv"},
        variant="unknown panel",
    ),
    Entry("dashboards:profile-index", expect(SIGNED_IN), note="a partner lead sees only their own agency listed"),
    Entry(
        "dashboards:agency-profile",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": cast.agency_b.pk},
        variant="agency B",
        note="a partner lead sees only their own agency's profile",
    ),
    Entry(
        "dashboards:agency-profile", expect(SIGNED_IN), kwargs=lambda cast: {"pk": cast.agency_a.pk}, variant="agency A"
    ),
    Entry(
        "dashboards:agency-profile",
        expect(SIGNED_IN, ok=405),
        method="post",
        kwargs=lambda cast: {"pk": cast.agency_a.pk},
        variant="agency A",
    ),
]

ADMIN_MODELS = {}
