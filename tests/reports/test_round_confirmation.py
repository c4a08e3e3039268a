"""Opening a round e-mails every agency chosen: the page asks for confirmation first, with the count."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from reports.selfreports.models import Round
from tests.reports.factories import make_form


def _data(template, agencies):
    deadline = timezone.localdate() + timedelta(days=40)
    return {"template": template.pk, "deadline": deadline.strftime("%d/%m/%Y"), "agencies": [a.pk for a in agencies]}


def test_opening_a_round_asks_for_confirmation_with_the_number_of_agencies(
    board, agency_a, agency_b, lead_a, business_support, as_user
):
    template = make_form(board)
    response = as_user(business_support).post(reverse("reports:round-create"), _data(template, [agency_a, agency_b]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This will e-mail 2 agencies" in html
    assert not Round.objects.exists()


def test_one_agency_is_one_agency(board, agency_a, lead_a, business_support, as_user):
    template = make_form(board)
    client = as_user(business_support)
    response = client.post(reverse("reports:round-create"), _data(template, [agency_a]))
    assert "This will e-mail 1 agency</strong>" in response.content.decode()
    confirmed = client.post(
        reverse("reports:round-create"), {**_data(template, [agency_a]), "confirmed": "yes"}, follow=True
    )
    assert Round.objects.count() == 1
    html = confirmed.content.decode()
    assert "opened for 1 agency:" in html and "1 agencies" not in html
