"""Permission-matrix entries for the portal's own pages: second factor, sessions (every account holder,
learners included), audit trail."""

from tests.permission_matrix import ACCOUNT_HOLDERS, ADMINISTRATOR, KEEPERS, AdminPolicy, Entry, expect

ENTRIES = [
    Entry("two-factor", expect(ACCOUNT_HOLDERS)),
    Entry("two-factor-verify", expect(ACCOUNT_HOLDERS, ok=302), note="nothing owed: sent on to the next page"),
    Entry("two-factor-setup", expect(ACCOUNT_HOLDERS)),
    Entry("two-factor-backup-codes", expect(ACCOUNT_HOLDERS, ok=405), note="POST only"),
    Entry(
        "two-factor-backup-codes",
        expect(ACCOUNT_HOLDERS, ok=200, lead_a=302, board_member=302, learner=302),
        method="post",
        note="only with a verified second factor; others are sent to set one up",
    ),
    Entry(
        "two-factor-turn-off",
        expect(ACCOUNT_HOLDERS, ok=302, business_support=403, administrator=403),
        note="required roles cannot; others without an authenticator are sent to the overview",
    ),
    Entry(
        "two-factor-turn-off",
        expect(ACCOUNT_HOLDERS, ok=302, business_support=403, administrator=403),
        method="post",
    ),
    Entry("sessions", expect(ACCOUNT_HOLDERS)),
    Entry(
        "session-end",
        expect(ACCOUNT_HOLDERS, ok=404),
        kwargs=lambda cast: {"pk": _session_of(cast.lead_b).pk},
        note="someone else's session is not found",
    ),
    Entry("sessions-end-others", expect(ACCOUNT_HOLDERS)),
    Entry("sessions-end-others", expect(ACCOUNT_HOLDERS, ok=302), method="post"),
    Entry("audit-list", expect(ADMINISTRATOR)),
    Entry("audit-export", expect(ADMINISTRATOR), query="format=csv", variant="csv"),
    Entry("audit-export", expect(ADMINISTRATOR), query="format=xlsx", variant="xlsx"),
    # The partner-agency import page exercises wscb/data/imports.py through a real view.
    Entry("partners:partner-import", expect(KEEPERS)),
    Entry("partners:partner-import", expect(KEEPERS, ok=400), method="post", note="no file: form error"),
    # The shared import pages (wscb/data/import_views.py), through the agencies kind.
    Entry("imports:list", expect(KEEPERS)),
    Entry("imports:import", expect(KEEPERS), kwargs=lambda cast: {"kind": "agencies"}),
    Entry(
        "imports:import",
        expect(KEEPERS, ok=400),
        kwargs=lambda cast: {"kind": "agencies"},
        method="post",
        note="no file: form error",
    ),
    Entry(
        "imports:import",
        expect(KEEPERS, ok=404),
        kwargs=lambda cast: {"kind": "no-such-import"},
        variant="unknown kind",
    ),
    Entry(
        "imports:confirm",
        expect(KEEPERS, ok=302),
        kwargs=lambda cast: {"kind": "agencies"},
        method="post",
        note="no upload waiting: back to the page",
    ),
    Entry("imports:confirm", expect(KEEPERS, ok=405), kwargs=lambda cast: {"kind": "agencies"}, note="POST only"),
    Entry("imports:cancel", expect(KEEPERS, ok=302), kwargs=lambda cast: {"kind": "agencies"}, method="post"),
    Entry("imports:cancel", expect(KEEPERS, ok=405), kwargs=lambda cast: {"kind": "agencies"}, note="POST only"),
    Entry(
        "imports:template",
        expect(KEEPERS),
        kwargs=lambda cast: {"kind": "agencies", "fmt": "xlsx"},
        variant="xlsx",
    ),
    Entry("imports:template", expect(KEEPERS), kwargs=lambda cast: {"kind": "agencies", "fmt": "csv"}, variant="csv"),
]

ADMIN_MODELS = {
    "wscb.auditevent": AdminPolicy(view=ADMINISTRATOR, edit=frozenset(), obj=lambda cast: _audit_event(cast)),
}


def _session_of(user):
    from wscb.accounts.models import UserSession

    return UserSession.objects.create(user=user, key_hash=f"test-{user.pk}", user_agent="Test browser")


def _audit_event(cast):
    from wscb.audit.models import AuditAction
    from wscb.audit.services import audit_record

    return audit_record(user=cast.lead_b, action=AuditAction.VIEWED, obj=cast.agency_b)
