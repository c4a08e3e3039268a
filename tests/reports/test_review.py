"""Business support reviews a submitted update: comments, return with comments, accept."""

from django.core import mail
from django.urls import reverse

from reports.selfreports.models import ReviewComment, SelfReport, Transition
from tests.reports.factories import section, submitted


def test_business_support_comments_on_a_section_and_the_lead_sees_it(report_a, lead_a, business_support, as_user):
    submitted(report_a, lead_a)
    core = section(report_a)
    response = as_user(business_support).post(
        reverse("reports:selfreport-comment", args=[report_a.pk, core.pk]),
        {f"comment-{core.pk}": "Please add evidence of impact"},
    )
    assert response.status_code == 302
    comment = ReviewComment.objects.get()
    assert (comment.section, comment.author, comment.text) == (core, business_support, "Please add evidence of impact")
    as_user(business_support).post(
        reverse("reports:selfreport-return", args=[report_a.pk]), {"message": "See comments"}
    )
    tasks = as_user(lead_a).get(reverse("reports:selfreport-tasks", args=[report_a.pk])).content.decode()
    assert "Please add evidence of impact" in tasks
    section_page = as_user(lead_a).get(reverse("reports:selfreport-section", args=[report_a.pk, core.pk]))
    assert "Please add evidence of impact" in section_page.content.decode()


def test_an_empty_comment_is_refused(report_a, lead_a, business_support, as_user):
    submitted(report_a, lead_a)
    response = as_user(business_support).post(
        reverse("reports:selfreport-comment", args=[report_a.pk, section(report_a).pk]), {"text": "  "}, follow=True
    )
    assert "Write a comment" in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_returning_makes_it_editable_again_and_emails_the_lead(report_a, lead_a, business_support, as_user, run_jobs):
    submitted(report_a, lead_a)
    run_jobs()  # the round's invitations
    mail.outbox.clear()
    response = as_user(business_support).post(
        reverse("reports:selfreport-return", args=[report_a.pk]), {"message": "x"}
    )
    assert response.status_code == 302
    report_a.refresh_from_db()
    assert report_a.status == SelfReport.Status.RETURNED
    run_jobs()
    assert [m.to for m in mail.outbox] == [[lead_a.email]]
    assert "returned for changes" in mail.outbox[0].subject


def test_accepting_records_who_and_when(report_a, lead_a, business_support, as_user):
    submitted(report_a, lead_a)
    response = as_user(business_support).post(reverse("reports:selfreport-accept", args=[report_a.pk]), follow=True)
    assert "update accepted" in response.content.decode()
    report_a.refresh_from_db()
    assert report_a.status == SelfReport.Status.ACCEPTED
    last = Transition.objects.filter(report=report_a).last()
    assert (last.to_status, last.by) == (SelfReport.Status.ACCEPTED, business_support)


def test_accepting_a_draft_through_the_page_is_refused_and_changes_nothing(report_a, business_support, as_user):
    response = as_user(business_support).post(reverse("reports:selfreport-accept", args=[report_a.pk]), follow=True)
    assert "cannot be accepted now" in response.content.decode()
    report_a.refresh_from_db()
    assert report_a.status == SelfReport.Status.NOT_STARTED


def test_a_partner_lead_posting_accept_gets_403_and_nothing_changes(report_a, lead_a, as_user):
    submitted(report_a, lead_a)
    assert as_user(lead_a).post(reverse("reports:selfreport-accept", args=[report_a.pk])).status_code == 403
    report_a.refresh_from_db()
    assert report_a.status == SelfReport.Status.SUBMITTED


def test_submitting_through_the_page_twice_is_refused_the_second_time(report_a, lead_a, as_user):
    from tests.reports.factories import fill_all

    fill_all(report_a, lead_a)
    client = as_user(lead_a)
    declare = {"declared_name": "Lena", "declared_role": "Lead", "confirm": "on"}
    assert client.post(reverse("reports:selfreport-submit", args=[report_a.pk]), declare).status_code == 302
    second = client.post(reverse("reports:selfreport-submit", args=[report_a.pk]), declare, follow=True)
    assert "Not submitted" in second.content.decode()
    assert Transition.objects.filter(report=report_a, to_status=SelfReport.Status.SUBMITTED).count() == 1


def test_the_review_page_shows_the_change_history_with_old_and_new_values(report_a, lead_a, business_support, as_user):
    from reports.selfreports import services

    core = section(report_a)
    services.section_save(report=report_a, section=core, values={"policies": "Old words"}, version=0, by=lead_a)
    services.section_save(report=report_a, section=core, values={"policies": "New words"}, version=1, by=lead_a)
    response = as_user(business_support).get(reverse("reports:selfreport-detail", args=[report_a.pk]))
    changes = list(response.context["changes"])
    assert [(c.old_value, c.new_value) for c in changes] == [("Old words", "New words"), ("", "Old words")]
