"""Business support's overall message is stored on the return, shown to the lead and e-mailed; typing it
and adding section comments never loses either."""

from django.core import mail
from django.urls import reverse

from reports.selfreports.models import ReviewComment, SelfReport
from tests.reports.factories import section, submitted


def test_the_return_message_is_stored_and_shown_at_the_top_of_the_task_list(
    report_a, lead_a, business_support, as_user
):
    submitted(report_a, lead_a)
    as_user(business_support).post(
        reverse("reports:selfreport-return", args=[report_a.pk]), {"message": "Please say more about training."}
    )
    report_a.refresh_from_db()
    assert report_a.status == SelfReport.Status.RETURNED
    assert report_a.return_message == "Please say more about training."
    html = as_user(lead_a).get(reverse("reports:selfreport-tasks", args=[report_a.pk])).content.decode()
    top = html.index("Please say more about training.")
    assert top < html.index("Sections of the update and their status")


def test_the_returned_email_includes_the_message_and_the_section_comments(
    report_a, lead_a, business_support, as_user, run_jobs
):
    submitted(report_a, lead_a)
    core = section(report_a)
    client = as_user(business_support)
    client.post(
        reverse("reports:selfreport-comment", args=[report_a.pk, core.pk]), {f"comment-{core.pk}": "Add impact"}
    )
    run_jobs()
    mail.outbox.clear()
    client.post(reverse("reports:selfreport-return", args=[report_a.pk]), {"message": "Nearly there."})
    run_jobs()
    [message] = mail.outbox
    assert "Nearly there." in message.body
    assert core.heading in message.body and "Add impact" in message.body


def test_adding_a_section_comment_keeps_the_message_being_typed(report_a, lead_a, business_support, as_user):
    submitted(report_a, lead_a)
    core = section(report_a)
    client = as_user(business_support)
    client.post(
        reverse("reports:selfreport-comment", args=[report_a.pk, core.pk]),
        {f"comment-{core.pk}": "Add impact", "message": "Overall: good, two gaps."},
    )
    report_a.refresh_from_db()
    assert report_a.review_message == "Overall: good, two gaps."
    assert ReviewComment.objects.get().text == "Add impact"
    page = client.get(reverse("reports:selfreport-detail", args=[report_a.pk])).content.decode()
    assert "Overall: good, two gaps.</textarea>" in page


def test_returning_keeps_a_section_comment_typed_but_not_yet_added(report_a, lead_a, business_support, as_user):
    submitted(report_a, lead_a)
    core = section(report_a)
    as_user(business_support).post(
        reverse("reports:selfreport-return", args=[report_a.pk]),
        {f"comment-{core.pk}": "Typed, never added", "message": "See the comment."},
    )
    assert ReviewComment.objects.get(report=report_a, section=core).text == "Typed, never added"
    report_a.refresh_from_db()
    assert (report_a.status, report_a.return_message, report_a.review_message) == (
        SelfReport.Status.RETURNED,
        "See the comment.",
        "",
    )


def test_the_message_can_be_saved_on_its_own(report_a, lead_a, business_support, as_user):
    submitted(report_a, lead_a)
    response = as_user(business_support).post(
        reverse("reports:selfreport-review-save", args=[report_a.pk]), {"message": "Draft thoughts"}
    )
    assert response.status_code == 302
    report_a.refresh_from_db()
    assert report_a.review_message == "Draft thoughts" and report_a.status == SelfReport.Status.SUBMITTED


def test_the_message_is_no_longer_shown_once_the_lead_resubmits(report_a, lead_a, business_support, as_user):
    from reports.selfreports import services
    from tests.reports.factories import DECLARATION

    submitted(report_a, lead_a)
    services.report_return(report=report_a, by=business_support, note="Fix it")
    services.report_submit(report=report_a, by=lead_a, declaration=DECLARATION)
    services.report_return(report=report_a, by=business_support, note="")
    html = as_user(lead_a).get(reverse("reports:selfreport-tasks", args=[report_a.pk])).content.decode()
    assert "Fix it" not in html.split("Sections of the update")[0]
