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


def _item(cast, agency):
    from tests.meetings.factories import AgendaItemFactory

    return AgendaItemFactory(meeting=_meeting(cast, agency), position=1)


def _paper(cast, agency, *, published):
    from django.utils import timezone

    from tests.meetings.factories import PaperFactory

    paper = PaperFactory(agenda_item=_item(cast, agency))
    if published:
        type(paper.agenda_item.meeting).objects.filter(pk=paper.agenda_item.meeting_id).update(
            papers_published_at=timezone.now()
        )
    return paper


def _packed_meeting(cast, agency, *, published):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from meetings.models import BoardPack
    from tests.meetings.factories import pdf_bytes

    meeting = _paper(cast, agency, published=published).agenda_item.meeting
    pack = BoardPack(meeting=meeting, state_key="matrix", pages=1, compiled_at=timezone.now())
    pack.file.save("pack.pdf", ContentFile(pdf_bytes("Pack")), save=True)
    return meeting


ENTRIES += [
    Entry("meetings:agenda-item-create", expect(KEEPERS), kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk}),
    Entry(
        "meetings:agenda-item-create",
        expect(KEEPERS),
        method="post",
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk},
        note="an empty form comes back with errors",
    ),
    Entry("meetings:agenda-item-update", expect(KEEPERS), kwargs=lambda cast: {"pk": _item(cast, cast.agency_b).pk}),
    Entry(
        "meetings:agenda-item-move",
        expect(KEEPERS, ok=404),
        method="post",
        kwargs=lambda cast: {"pk": _item(cast, cast.agency_b).pk},
        note="no direction given: 404 after the role check (moves: test_agenda_items.py)",
    ),
    Entry("meetings:agenda-item-delete", expect(KEEPERS), kwargs=lambda cast: {"pk": _item(cast, cast.agency_b).pk}),
    Entry(
        "meetings:agenda-item-delete",
        expect(KEEPERS, ok=302),
        method="post",
        kwargs=lambda cast: {"pk": _item(cast, cast.agency_b).pk},
    ),
    Entry("meetings:paper-create", expect(KEEPERS), kwargs=lambda cast: {"pk": _item(cast, cast.agency_b).pk}),
    Entry(
        "meetings:paper-create",
        expect(KEEPERS),
        method="post",
        kwargs=lambda cast: {"pk": _item(cast, cast.agency_b).pk},
        note="no file: the form with its error",
    ),
    Entry(
        "meetings:paper-download",
        expect(KEEPERS, refused=404, lead_a=404, learner=403),
        kwargs=lambda cast: {"pk": _paper(cast, cast.agency_a, published=False).pk},
        variant="not published",
        note="before publication only business support see the papers",
    ),
    Entry(
        "meetings:paper-download",
        expect(SIGNED_IN),
        kwargs=lambda cast: {"pk": _paper(cast, cast.agency_a, published=True).pk},
        variant="published, agency A's group",
    ),
    Entry(
        "meetings:paper-download",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": _paper(cast, cast.agency_b, published=True).pk},
        variant="published, agency B's group",
    ),
    Entry(
        "meetings:paper-delete",
        expect(KEEPERS),
        kwargs=lambda cast: {"pk": _paper(cast, cast.agency_b, published=False).pk},
    ),
    Entry(
        "meetings:paper-delete",
        expect(KEEPERS, ok=302),
        method="post",
        kwargs=lambda cast: {"pk": _paper(cast, cast.agency_b, published=False).pk},
    ),
    Entry(
        "meetings:pack-download",
        expect(KEEPERS, refused=404, lead_a=404, learner=403),
        kwargs=lambda cast: {"pk": _packed_meeting(cast, cast.agency_a, published=False).pk},
        variant="not published",
    ),
    Entry(
        "meetings:pack-download",
        expect(SIGNED_IN),
        kwargs=lambda cast: {"pk": _packed_meeting(cast, cast.agency_a, published=True).pk},
        variant="published, agency A's group",
    ),
    Entry(
        "meetings:pack-download",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": _packed_meeting(cast, cast.agency_b, published=True).pk},
        variant="published, agency B's group",
    ),
    Entry(
        "meetings:pack-compile",
        expect(KEEPERS, ok=302),
        method="post",
        kwargs=lambda cast: {"pk": _item(cast, cast.agency_b).meeting_id},
        note="redirects to the job's page",
    ),
    Entry("meetings:papers-publish", expect(KEEPERS), kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk}),
    Entry(
        "meetings:papers-publish",
        expect(KEEPERS, ok=302),
        method="post",
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk},
        note="no pack compiled: back to the meeting with the reason",
    ),
]


def _minutes(cast, agency, *, approved):
    import datetime

    from meetings.models import Minutes

    meeting = _item(cast, agency).meeting
    minutes = Minutes.objects.create(meeting=meeting, number=1, opening="Welcome.")
    if approved:
        Minutes.objects.filter(pk=minutes.pk).update(status="approved", approved_on=datetime.date(2016, 12, 5))
    return minutes


def _decision(cast, agency):
    from meetings.models import Decision

    item = _item(cast, agency)
    return Decision.objects.create(agenda_item=item, text="Agreed", decided_on=item.meeting.held_on)


def _declaration(cast, agency):
    from meetings.models import Declaration
    from tests.meetings.factories import AttendanceFactory

    item = _item(cast, agency)
    return Declaration.objects.create(
        agenda_item=item, attendance=AttendanceFactory(meeting=item.meeting), interest="A family member works there"
    )


ENTRIES += [
    Entry(
        "meetings:minutes",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": _minutes(cast, cast.agency_b, approved=True).meeting_id},
        variant="agency B's group",
    ),
    Entry(
        "meetings:minutes",
        expect(SIGNED_IN),
        kwargs=lambda cast: {"pk": _minutes(cast, cast.agency_a, approved=False).meeting_id},
        variant="agency A's group, a draft",
        note="members see no draft: the page says there are no approved minutes",
    ),
    Entry("meetings:minutes-edit", expect(KEEPERS), kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk}),
    Entry(
        "meetings:minutes-edit",
        expect(KEEPERS, ok=400),
        method="post",
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk},
        note="nothing written: the form with its error",
    ),
    Entry(
        "meetings:minutes-approve",
        expect(KEEPERS),
        kwargs=lambda cast: {"pk": _minutes(cast, cast.agency_b, approved=False).pk},
    ),
    Entry(
        "meetings:minutes-approve",
        expect(KEEPERS, ok=400),
        method="post",
        kwargs=lambda cast: {"pk": _minutes(cast, cast.agency_b, approved=False).pk},
        note="no date: the form with its error",
    ),
    Entry(
        "meetings:minutes-correct",
        expect(KEEPERS),
        kwargs=lambda cast: {"pk": _minutes(cast, cast.agency_b, approved=True).pk},
    ),
    Entry(
        "meetings:minutes-correct",
        expect(KEEPERS, ok=400),
        method="post",
        kwargs=lambda cast: {"pk": _minutes(cast, cast.agency_b, approved=True).pk},
        note="no reason: the form with its error",
    ),
    Entry(
        "meetings:minutes-file",
        expect(READERS, ok=404, lead_a=404),
        kwargs=lambda cast: {"pk": _minutes(cast, cast.agency_b, approved=True).pk},
        note="no file uploaded: 404 after the permission check (files: test_minutes.py)",
    ),
    Entry("meetings:decision-create", expect(KEEPERS), kwargs=lambda cast: {"pk": _item(cast, cast.agency_b).pk}),
    Entry(
        "meetings:decision-create",
        expect(KEEPERS, ok=400),
        method="post",
        kwargs=lambda cast: {"pk": _item(cast, cast.agency_b).pk},
    ),
    Entry("meetings:decision-delete", expect(KEEPERS), kwargs=lambda cast: {"pk": _decision(cast, cast.agency_b).pk}),
    Entry(
        "meetings:decision-delete",
        expect(KEEPERS, ok=302),
        method="post",
        kwargs=lambda cast: {"pk": _decision(cast, cast.agency_b).pk},
    ),
    Entry("meetings:declaration-create", expect(KEEPERS), kwargs=lambda cast: {"pk": _item(cast, cast.agency_b).pk}),
    Entry(
        "meetings:declaration-create",
        expect(KEEPERS, ok=400),
        method="post",
        kwargs=lambda cast: {"pk": _item(cast, cast.agency_b).pk},
    ),
    Entry(
        "meetings:declaration-delete",
        expect(KEEPERS),
        kwargs=lambda cast: {"pk": _declaration(cast, cast.agency_b).pk},
    ),
    Entry(
        "meetings:declaration-delete",
        expect(KEEPERS, ok=302),
        method="post",
        kwargs=lambda cast: {"pk": _declaration(cast, cast.agency_b).pk},
    ),
]

ENTRIES += [
    Entry(
        "meetings:action-update",
        expect(KEEPERS | {"lead_a"}),
        kwargs=lambda cast: {"pk": _action(cast, cast.agency_a).pk},
        variant="agency A's action",
        note="the owner agency's partner lead updates status and progress",
    ),
    Entry(
        "meetings:action-update",
        expect(KEEPERS, lead_a=404),
        kwargs=lambda cast: {"pk": _action(cast, cast.agency_b).pk},
        variant="agency B's action",
    ),
    Entry(
        "meetings:action-update",
        expect(KEEPERS | {"lead_a"}, ok=400),
        method="post",
        kwargs=lambda cast: {"pk": _action(cast, cast.agency_a).pk},
        variant="agency A's action",
        note="an empty form comes back with errors",
    ),
    Entry("meetings:action-export", expect(SIGNED_IN), query="format=csv", note="a partner lead: their own actions"),
]

ENTRIES += [
    Entry("meetings:invitations-send", expect(KEEPERS), kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk}),
    Entry(
        "meetings:invitations-send",
        expect(KEEPERS, ok=302),
        method="post",
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk},
    ),
    Entry(
        "meetings:meeting-ics",
        expect(READERS, lead_a=404),
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_b).pk},
        variant="agency B's group",
    ),
    Entry(
        "meetings:meeting-ics",
        expect(SIGNED_IN),
        kwargs=lambda cast: {"pk": _meeting(cast, cast.agency_a).pk},
        variant="agency A's group",
    ),
    Entry("meetings:calendar-feed", expect(SIGNED_IN)),
    Entry(
        "meetings:calendar-feed",
        expect(SIGNED_IN, ok=302),
        method="post",
        note="makes the user's own feed address, shown once after the redirect",
    ),
    Entry(
        "meetings:calendar-feed-ics",
        expect(set(), anonymous=404, refused=404),
        kwargs=lambda cast: {"token": "not-a-token"},
        note="no sign-in: the secret token is the key (feeds: test_calendar_invitations.py)",
    ),
]


def _reminder(cast):
    import datetime

    from meetings.models import ActionReminder

    action = _action(cast, cast.agency_b)
    return ActionReminder.objects.create(
        action=action, kind="due_soon", due_on=action.due_on, sent_on=datetime.date(2016, 11, 24)
    )


def _calendar_feed(cast):
    from meetings.models import CalendarFeed

    return CalendarFeed.objects.create(user=cast.lead_b, board=cast.board, token_hash="0" * 64)


def _pack(cast):
    from meetings.models import BoardPack

    return BoardPack.objects.get(meeting=_packed_meeting(cast, cast.agency_b, published=False))


#: The records the meeting's pages keep: agenda items' wording may be changed in the back office (not
#: added or removed: the meeting's page numbers them); the rest are looked up only, and a calendar
#: feed may be deleted (revoked).
NOTHING = frozenset()
ADMIN_MODELS.update(
    {
        "meetings.agendaitem": AdminPolicy(
            view=KEEPERS, edit=KEEPERS, add=NOTHING, delete=NOTHING, obj=lambda cast: _item(cast, cast.agency_b)
        ),
        "meetings.paper": AdminPolicy(
            view=KEEPERS, edit=NOTHING, obj=lambda cast: _paper(cast, cast.agency_b, published=False)
        ),
        "meetings.boardpack": AdminPolicy(view=KEEPERS, edit=NOTHING, obj=_pack),
        "meetings.minutes": AdminPolicy(
            view=KEEPERS, edit=NOTHING, obj=lambda cast: _minutes(cast, cast.agency_b, approved=True)
        ),
        "meetings.decision": AdminPolicy(view=KEEPERS, edit=NOTHING, obj=lambda cast: _decision(cast, cast.agency_b)),
        "meetings.declaration": AdminPolicy(
            view=KEEPERS, edit=NOTHING, obj=lambda cast: _declaration(cast, cast.agency_b)
        ),
        "meetings.actionreminder": AdminPolicy(view=KEEPERS, edit=NOTHING, obj=_reminder),
        "meetings.calendarfeed": AdminPolicy(view=KEEPERS, edit=NOTHING, delete=KEEPERS, obj=_calendar_feed),
    }
)
