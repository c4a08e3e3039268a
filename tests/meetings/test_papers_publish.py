"""Papers: PDF and Word through the validated uploads; before publication only business support see
them; business support publish the compiled pack and each expected member is e-mailed a link (a
job); after publication members (and partner leads of agencies on the group) download each paper
and the pack, every download audited; another group's papers stay a 404."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import BoardPack, Meeting, Paper
from tests.meetings.factories import AgendaItemFactory, MembershipFactory, PaperFactory, PersonFactory, pdf_bytes
from wscb.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(meeting):
    return AgendaItemFactory(meeting=meeting, position=1, title="Annual audit")


def upload(client, item, name, content, content_type="application/pdf", title=""):
    return client.post(
        reverse("meetings:paper-create", args=[item.pk]),
        {"title": title, "file": SimpleUploadedFile(name, content, content_type)},
    )


def test_pdf_and_word_papers_are_accepted_and_a_disguised_program_is_refused(as_user, business_support, item):
    from tests.meetings.test_meeting_documents import DOCX_TYPE, docx_bytes

    client = as_user(business_support)
    assert upload(client, item, "audit_report.pdf", pdf_bytes("Audit")).status_code == 302
    assert upload(client, item, "notes.docx", docx_bytes(), DOCX_TYPE, title="Notes").status_code == 302
    refused = upload(client, item, "virus.pdf", b"MZ\x90\x00 a program", title="Bad")
    assert refused.status_code == 200
    assert "contents are not a PDF file" in refused.content.decode()
    assert list(Paper.objects.order_by("pk").values_list("title", flat=True)) == ["audit report", "Notes"]


def test_before_publication_members_cannot_see_the_papers(as_user, business_support, board_member, lead_a, item):
    paper = PaperFactory(agenda_item=item, title="Budget paper")
    url = reverse("meetings:paper-download", args=[paper.pk])
    assert as_user(business_support).get(url).status_code == 200
    for user in (board_member, lead_a):
        assert as_user(user).get(url).status_code == 404
        page = as_user(user).get(item.meeting.get_absolute_url()).content.decode()
        assert "Budget paper" not in page
        assert "1 paper, available once published." in page


def compiled(client, meeting, run_jobs):
    client.post(reverse("meetings:pack-compile", args=[meeting.pk]))
    run_jobs()
    return BoardPack.objects.get(meeting=meeting)


def test_publishing_needs_a_current_pack(as_user, business_support, item, run_jobs):
    client = as_user(business_support)
    PaperFactory(agenda_item=item)
    response = client.post(reverse("meetings:papers-publish", args=[item.meeting_id]), follow=True)
    assert "Compile the board pack from the current papers first" in response.content.decode()
    assert Meeting.objects.get(pk=item.meeting_id).papers_published_at is None


def test_publishing_e_mails_each_member_a_link_once_and_opens_the_papers(
    as_user, business_support, board_member, lead_a, agency_a, item, run_jobs, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    meeting = item.meeting
    MembershipFactory(
        group=meeting.group, person=PersonFactory(full_name="Board Member", partner=agency_a, user=board_member)
    )
    paper = PaperFactory(agenda_item=item, title="Budget paper")
    client = as_user(business_support)
    compiled(client, meeting, run_jobs)
    confirmation = client.get(reverse("meetings:papers-publish", args=[meeting.pk])).content.decode()
    assert board_member.email in confirmation
    client.post(reverse("meetings:papers-publish", args=[meeting.pk]))
    assert not mail.outbox  # a job sends them, after the commit
    run_jobs()
    to_member = [message for message in mail.outbox if message.to == [board_member.email]]
    assert len(to_member) == 1
    assert f"https://portal.example.org/meetings/{meeting.pk}/pack/" in to_member[0].body
    again = client.post(reverse("meetings:papers-publish", args=[meeting.pk]), follow=True)
    assert "already published" in again.content.decode()
    run_jobs()
    assert len([message for message in mail.outbox if message.to == [board_member.email]]) == 1
    for user in (board_member, lead_a):
        member = as_user(user)
        assert member.get(reverse("meetings:paper-download", args=[paper.pk])).status_code == 200
        assert member.get(reverse("meetings:pack-download", args=[meeting.pk])).status_code == 200
    downloads = AuditEvent.objects.filter(action=AuditAction.EXPORTED, user__in=[board_member, lead_a])
    assert sorted(downloads.values_list("detail", flat=True)) == [
        "Board pack (pdf)",
        "Board pack (pdf)",
        "Meeting paper (pdf)",
        "Meeting paper (pdf)",
    ]


def test_a_lead_never_gets_the_papers_of_a_group_their_agency_is_not_on(
    as_user, business_support, lead_a, meeting_b_only, run_jobs
):
    item = AgendaItemFactory(meeting=meeting_b_only, position=1)
    paper = PaperFactory(agenda_item=item)
    client = as_user(business_support)
    compiled(client, meeting_b_only, run_jobs)
    client.post(reverse("meetings:papers-publish", args=[meeting_b_only.pk]))
    assert Meeting.objects.get(pk=meeting_b_only.pk).papers_published_at is not None
    assert as_user(lead_a).get(reverse("meetings:paper-download", args=[paper.pk])).status_code == 404
    assert as_user(lead_a).get(reverse("meetings:pack-download", args=[meeting_b_only.pk])).status_code == 404


def test_a_cancelled_meetings_papers_are_not_published(as_user, business_support, item, run_jobs):
    PaperFactory(agenda_item=item)
    client = as_user(business_support)
    compiled(client, item.meeting, run_jobs)
    Meeting.objects.filter(pk=item.meeting_id).update(status=Meeting.Status.CANCELLED)
    response = client.post(reverse("meetings:papers-publish", args=[item.meeting_id]), follow=True)
    assert "The meeting is cancelled" in response.content.decode()
