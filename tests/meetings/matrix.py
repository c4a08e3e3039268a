"""Permission-matrix entries for the meetings app (see tests/permission_matrix.py)."""

import datetime

from tests.permission_matrix import KEEPERS, READERS, SIGNED_IN, AdminPolicy, Entry, expect


def _meeting(cast, agency):
    from tests.meetings.factories import GroupFactory, MeetingFactory, MembershipFactory, PersonFactory

    group = GroupFactory(board=cast.board, name=f"Group of {agency.short_name}")
    MembershipFactory(group=group, person=PersonFactory(partner=agency))
    return MeetingFactory(group=group, held_on=datetime.date(2016, 9, 5))


def _action(cast, agency):
    from tests.meetings.factories import ActionFactory

    return ActionFactory(meeting=_meeting(cast, agency), owner=agency)


def _membership(cast):
    from tests.meetings.factories import MembershipFactory, PersonFactory

    return MembershipFactory(person=PersonFactory(partner=cast.agency_b), group__board=cast.board)


def _attendance(cast):
    from tests.meetings.factories import AttendanceFactory

    return AttendanceFactory(meeting=_meeting(cast, cast.agency_b), partner=cast.agency_b)


ENTRIES = [
    Entry("meetings:meeting-list", expect(SIGNED_IN), note="a partner lead sees their own groups' meetings"),
    Entry("meetings:meeting-create", expect(KEEPERS)),
    Entry("meetings:meeting-create", expect(KEEPERS), method="post", note="an empty form comes back with errors"),
    Entry(
        "meetings:meeting-detail",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk},
        variant="agency B's group",
        note="a partner lead sees only meetings of groups their agency sits on",
    ),
    Entry(
        "meetings:meeting-detail",
        expect(SIGNED_IN),
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_a).pk},
        variant="agency A's group",
    ),
    Entry("meetings:meeting-update", expect(KEEPERS), kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk}),
    Entry(
        "meetings:meeting-document",
        expect(READERS, ok=404, lead_a=404),
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk, "kind": "minutes"},
        variant="agency B's group",
        note="no file uploaded here: 404 after the permission check (files: test_meeting_documents.py)",
    ),
    Entry(
        "meetings:meeting-document",
        expect(SIGNED_IN, ok=404),
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_a).pk, "kind": "agenda"},
        variant="agency A's group",
    ),
    Entry("meetings:attendance-record", expect(KEEPERS), kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk}),
    Entry(
        "meetings:attendance-record",
        expect(KEEPERS, ok=400),
        method="post",
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk},
        note="an empty submission is refused with the form",
    ),
    Entry("meetings:attendance-summary", expect(READERS)),
    Entry("meetings:attendance-import", expect(KEEPERS)),
    Entry(
        "meetings:attendance-import", expect(KEEPERS, ok=400), method="post", note="no file: the form with its error"
    ),
    Entry(
        "meetings:agency-attendance",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": cast.agency_b.pk},
        variant="agency B",
    ),
    Entry(
        "meetings:agency-attendance",
        expect(SIGNED_IN),
        kwargs=lambda cast: {"pk": cast.agency_a.pk},
        variant="agency A",
    ),
    Entry("meetings:membership-list", expect(READERS)),
    Entry("meetings:action-list", expect(SIGNED_IN)),
    Entry(
        "meetings:action-detail",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": _action(cast, cast.agency_b).pk},
        variant="agency B's action",
    ),
    Entry(
        "meetings:action-detail",
        expect(SIGNED_IN),
        kwargs=lambda cast: {"pk": _action(cast, cast.agency_a).pk},
        variant="agency A's action",
    ),
]

ENTRIES += [
    Entry("meetings:group-list", expect(SIGNED_IN), note="a partner lead sees the groups their agency sits on"),
    Entry(
        "meetings:group-detail",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).group_id},
        variant="agency B's group",
    ),
    Entry(
        "meetings:group-detail",
        expect(SIGNED_IN),
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_a).group_id},
        variant="agency A's group",
    ),
]

ADMIN_MODELS = {
    "meetings.group": AdminPolicy(view=KEEPERS, edit=KEEPERS, obj=lambda cast: _meeting(cast, cast.agency_b).group),
    "meetings.membership": AdminPolicy(view=KEEPERS, edit=KEEPERS, obj=_membership),
    "meetings.meeting": AdminPolicy(view=KEEPERS, edit=KEEPERS, obj=lambda cast: _meeting(cast, cast.agency_b)),
    "meetings.attendance": AdminPolicy(view=KEEPERS, edit=KEEPERS, obj=_attendance),
    "meetings.action": AdminPolicy(view=KEEPERS, edit=KEEPERS, obj=lambda cast: _action(cast, cast.agency_b)),
}
