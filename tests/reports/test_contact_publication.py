"""Business support records whether a return's contact agreed to their name, e-mail and telephone
appearing in the published annual report; leads see the decision but cannot make it."""

from django.urls import reverse

from reports.selfreports.models import SelfReport
from tests.reports.factories import open_round, report_for, submitted


def _report(cast):
    round_ = open_round(board=cast.board, agencies=[cast.agency_a], by=cast.business_support)
    return submitted(report_for(round_, cast.agency_a), cast.lead_a)


def test_business_support_marks_and_unmarks_the_contact_for_publication(cast, as_user):
    report = _report(cast)
    client = as_user(cast.business_support)
    url = reverse("reports:contact-publish", args=[report.pk])
    response = client.post(url, {"publish": "yes"}, follow=True)
    assert SelfReport.objects.get(pk=report.pk).contact_is_for_publication is True
    assert "will appear in the published report" in response.content.decode()
    assert "Leave them out" in response.content.decode()
    client.post(url, {"publish": "no"})
    assert SelfReport.objects.get(pk=report.pk).contact_is_for_publication is False


def test_a_new_return_leaves_the_contact_out_until_marked(cast):
    assert _report(cast).contact_is_for_publication is False


def test_a_partner_lead_cannot_mark_their_own_contact_for_publication(cast, as_user):
    report = _report(cast)
    response = as_user(cast.lead_a).post(reverse("reports:contact-publish", args=[report.pk]), {"publish": "yes"})
    assert response.status_code == 403
    assert SelfReport.objects.get(pk=report.pk).contact_is_for_publication is False
    page = as_user(cast.lead_a).get(reverse("reports:selfreport-detail", args=[report.pk])).content.decode()
    assert reverse("reports:contact-publish", args=[report.pk]) not in page
