"""The back office may change an agenda item's wording (not add, move or remove items: the meeting's
page numbers them): the change form is guarded by the item's version like the portal's, and a change
compiles the pack again. The other records of the meeting's pages are there to look up only."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Decision, Minutes, Paper
from tests.meetings.factories import AgendaItemFactory, PaperFactory
from tests.wscb.test_admin_change_forms_detect_conflicts import assert_refused, open_change_form
from wscb.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(board):
    from tests.meetings.factories import GroupFactory, MeetingFactory

    item = AgendaItemFactory(meeting=MeetingFactory(group=GroupFactory(board=board)), position=1, title="Budget")
    PaperFactory(agenda_item=item, title="Budget paper")
    return item


def test_a_change_saves_raises_the_version_and_compiles_the_pack_again(as_user, business_support, item):
    client = as_user(business_support)
    url, data = open_change_form(client, AgendaItem, item.pk)
    assert "Budget paper" in client.get(url).content.decode()  # its papers, listed
    Job.objects.filter(kind="meetings.pack").delete()
    assert client.post(url, {**data, "title": "Budget 2017/18"}).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.version) == ("Budget 2017/18", 1)
    assert Job.objects.filter(kind="meetings.pack").count() == 1


def test_a_stale_form_is_refused_after_the_item_was_saved_on_the_meetings_page(as_user, business_support, item):
    client = as_user(business_support)
    url, stale = open_change_form(client, AgendaItem, item.pk)
    item.title = "Budget (revised)"
    services.agenda_item_save(item=item, by=business_support, version=0)
    assert_refused(client.post(url, {**stale, "title": "Something else"}))
    item.refresh_from_db()
    assert (item.title, item.version) == ("Budget (revised)", 1)


def test_items_are_not_added_or_removed_in_the_back_office(as_user, business_support, item):
    client = as_user(business_support)
    assert client.get(reverse("admin:meetings_agendaitem_add")).status_code == 403
    assert client.get(reverse("admin:meetings_agendaitem_delete", args=[item.pk])).status_code == 403


def test_papers_minutes_and_decisions_are_shown_without_their_files_and_cannot_be_changed(
    as_user, business_support, item
):
    client = as_user(business_support)
    paper = Paper.objects.get(agenda_item=item)
    minutes = Minutes.objects.create(meeting=item.meeting, number=1, opening="Welcome.")
    decision = Decision.objects.create(agenda_item=item, text="Agreed", decided_on=item.meeting.held_on)
    page = client.get(reverse("admin:meetings_paper_change", args=[paper.pk])).content.decode()
    assert "Budget paper" in page and paper.file.name not in page and "/media/" not in page
    for obj in (paper, minutes, decision):
        name = type(obj)._meta.model_name
        response = client.post(reverse(f"admin:meetings_{name}_change", args=[obj.pk]), {"title": "x", "text": "x"})
        assert response.status_code == 403, name
    decision.refresh_from_db()
    assert decision.text == "Agreed"
