"""Partner leads see their own agency's staff bookings, attendance and did-not-attend rate, and export
them; another agency's are a 404."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.training.factories import BookingFactory, CourseFactory, SessionFactory
from training.models import Booking
from wscb.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def bookings(board, agency_a, agency_b):
    session = SessionFactory(course=CourseFactory(board=board, title="WRAP"), starts_on=date(2030, 6, 17))
    statuses = [Booking.Status.ATTENDED] * 3 + [Booking.Status.DID_NOT_ATTEND, Booking.Status.CANCELLED]
    for number, status in enumerate(statuses):
        BookingFactory(
            session=session, partner=agency_a, organisation_name="", status=status, delegate_name=f"Staff {number}"
        )
    BookingFactory(session=session, partner=agency_b, organisation_name="", delegate_name="Not Mine")
    return session


def test_the_agency_page_shows_the_did_not_attend_rate(bookings, lead_a, agency_a):
    page = client_for(lead_a).get(reverse("training:agency", kwargs={"pk": agency_a.pk}), {"year": "2030/31"})
    assert page.status_code == 200
    assert page.context["uptake"].did_not_attend_rate == pytest.approx(25)  # 1 of 4 due to attend
    assert "25.0%" in page.content.decode()


def test_a_partner_lead_exports_their_own_agencys_staff_bookings(bookings, lead_a, agency_a, agency_b):
    client = client_for(lead_a)
    response = client.get(reverse("training:agency-export", kwargs={"pk": agency_a.pk}), {"year": "2030/31"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Date", "Course", "Name"]
    assert sorted(row[2] for row in rows[1:]) == [f"Staff {number}" for number in range(5)]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORTED, user=lead_a).exists()
    assert client.get(reverse("training:agency-export", kwargs={"pk": agency_b.pk})).status_code == 404
