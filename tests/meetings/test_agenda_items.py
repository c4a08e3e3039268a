"""Agenda items: added by business support (numbered after the last), edited, moved up and down
with buttons (no dragging: real buttons in forms, reachable by keyboard), removed with a
confirmation (the items after move up); presenters and their agency shown; others refused."""

import pytest
from django.urls import reverse

from meetings.models import AgendaItem
from tests.meetings.factories import AgendaItemFactory, PaperFactory, PersonFactory
from wscb.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def add(client, meeting, **data):
    return client.post(
        reverse("meetings:agenda-item-create", args=[meeting.pk]),
        {"title": "Item", "purpose": "decision", **data},
    )


def titles(meeting):
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("position", "title"))


def test_business_support_adds_items_numbered_in_order_with_presenter_and_purpose(
    as_user, business_support, meeting, agency_a
):
    client = as_user(business_support)
    presenter = PersonFactory(full_name="Dr Jane Smith", partner=agency_a)
    response = add(client, meeting, title="Annual audit", presenter=presenter.pk, minutes_allowed=20)
    assert response.status_code == 302
    add(client, meeting, title="Budget", purpose="information")
    assert titles(meeting) == [(1, "Annual audit"), (2, "Budget")]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "1. Annual audit" in page
    assert f"For decision · 20 minutes · presented by Dr Jane Smith, {agency_a.short_name}" in page
    assert AuditEvent.objects.filter(action=AuditAction.CREATED, object_label__contains="Annual audit").exists()


def test_an_item_needs_a_title_and_a_sensible_time(as_user, business_support, meeting):
    response = add(as_user(business_support), meeting, title="", minutes_allowed=0)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "minutes_allowed"}
    assert not AgendaItem.objects.exists()


def test_move_up_and_down_swap_neighbours_and_stop_at_the_ends(as_user, business_support, meeting):
    client = as_user(business_support)
    first, second, third = (AgendaItemFactory(meeting=meeting, position=n, title=t) for n, t in enumerate("ABC", 1))

    def move(item, direction, start, **kwargs):
        url = reverse("meetings:agenda-item-move", args=[item.pk])
        return client.post(url, {"direction": direction, "from": start}, **kwargs)

    assert move(third, "up", 3).status_code == 302
    assert titles(meeting) == [(1, "A"), (2, "C"), (3, "B")]
    move(first, "down", 1)
    assert titles(meeting) == [(1, "C"), (2, "A"), (3, "B")]
    response = move(third, "up", 1, follow=True)
    assert titles(meeting) == [(1, "C"), (2, "A"), (3, "B")]
    assert "“C” is already the first item." in response.content.decode()
    move(second, "down", 3)
    assert titles(meeting) == [(1, "C"), (2, "A"), (3, "B")]


def test_a_repeated_move_from_an_old_page_moves_nothing(as_user, business_support, meeting):
    client = as_user(business_support)
    AgendaItemFactory(meeting=meeting, position=1, title="A")
    second = AgendaItemFactory(meeting=meeting, position=2, title="B")
    url = reverse("meetings:agenda-item-move", args=[second.pk])
    client.post(url, {"direction": "up", "from": 2})
    assert titles(meeting) == [(1, "B"), (2, "A")]
    # a button of the page shown before the move (another tab, or Back)
    response = client.post(url, {"direction": "down", "from": 2}, follow=True)
    assert titles(meeting) == [(1, "B"), (2, "A")]
    assert "“B” had already moved: it is item 1." in response.content.decode()


def test_the_move_controls_are_keyboard_buttons_named_for_their_item(as_user, business_support, meeting):
    AgendaItemFactory(meeting=meeting, position=1, title="Alpha")
    AgendaItemFactory(meeting=meeting, position=2, title="Beta")
    page = as_user(business_support).get(meeting.get_absolute_url()).content.decode()
    assert '<button type="submit" class="btn btn-sm btn-outline-secondary" disabled>Move up' in page
    assert 'Move down<span class="visually-hidden">: Beta</span>' in page
    assert 'Move up<span class="visually-hidden">: Beta</span>' in page
    assert "draggable" not in page


def test_removing_an_item_asks_first_then_renumbers_the_rest_and_removes_its_papers(
    as_user, business_support, meeting, settings
):
    client = as_user(business_support)
    items = [AgendaItemFactory(meeting=meeting, position=n, title=t) for n, t in enumerate("ABC", 1)]
    paper = PaperFactory(agenda_item=items[1])
    stored = settings.MEDIA_ROOT / paper.file.name
    url = reverse("meetings:agenda-item-delete", args=[items[1].pk])
    confirmation = client.get(url).content.decode()
    assert "Remove “B” and its 1 paper(s) from the agenda?" in confirmation
    assert titles(meeting) == [(1, "A"), (2, "B"), (3, "C")]
    from tests.jobs.worker import run_commit_callbacks

    client.post(url)
    run_commit_callbacks()
    assert titles(meeting) == [(1, "A"), (2, "C")]
    assert not stored.exists()


@pytest.mark.parametrize("role", ["board_member", "lead_a"])
def test_members_and_leads_cannot_change_the_agenda(role, request, as_user, meeting):
    item = AgendaItemFactory(meeting=meeting, position=1, title="A")
    client = as_user(request.getfixturevalue(role))
    assert add(client, meeting).status_code == 403
    assert client.post(reverse("meetings:agenda-item-move", args=[item.pk]), {"direction": "down"}).status_code == 403
    assert client.post(reverse("meetings:agenda-item-delete", args=[item.pk])).status_code == 403
    assert titles(meeting) == [(1, "A")]


def test_a_lead_sees_the_agenda_of_their_groups_meeting_without_the_controls(as_user, lead_a, meeting):
    AgendaItemFactory(meeting=meeting, position=1, title="Annual audit")
    page = as_user(lead_a).get(meeting.get_absolute_url()).content.decode()
    assert "1. Annual audit" in page
    assert "Move up" not in page and "Add an agenda item" not in page
