"""An agency's charges statement per year (PDF), sent as an invoice request after a confirmation page;
the same figures finance takes as training income."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.conftest import client_for
from tests.training.factories import BookingFactory, CourseFactory, SessionFactory
from training.models import Booking, ChargeRate
from training.reporting import training_income
from wscb.mail.models import Email
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def charged(board, agency_a):
    ChargeRate.objects.create(board=board, sector="health", reason="did_not_attend", amount=Decimal("30.00"))
    ChargeRate.objects.create(board=board, sector="health", reason="late_cancellation", amount=Decimal("20.00"))
    session = SessionFactory(course=CourseFactory(board=board), starts_on=date(2030, 6, 17))
    BookingFactory(session=session, partner=agency_a, organisation_name="", status=Booking.Status.DID_NOT_ATTEND)
    BookingFactory(
        session=session,
        partner=agency_a,
        organisation_name="",
        status=Booking.Status.CANCELLED,
        is_late_cancellation=True,
        cancelled_on=date(2030, 6, 14),
    )
    BookingFactory(
        session=session,
        partner=agency_a,
        organisation_name="",
        status=Booking.Status.CANCELLED,
        cancelled_on=date(2030, 5, 1),
    )
    return session


def test_the_statement_pdf_shows_the_agencys_charges(charged, lead_a, agency_a, board):
    response = client_for(lead_a).get(
        reverse("training:agency-charges-pdf", kwargs={"pk": agency_a.pk}), {"year": "2030/31"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert agency_a.name in text and "2030/31" in text and "£50.00" in text
    assert training_income(board=board, year=ReportingYear(2030)) == Decimal("50.00")


def test_the_invoice_request_is_confirmed_then_sent_once(charged, business_support, lead_a, agency_a):
    client = client_for(business_support)
    url = reverse("training:invoice-request", kwargs={"pk": agency_a.pk})
    page = client.get(url, {"year": "2030/31"})
    assert page.status_code == 200 and "£50.00" in page.content.decode() and lead_a.email in page.content.decode()
    assert not Email.objects.exists()  # nothing is sent by looking
    client.post(url, {"year": "2030/31"})
    email = Email.objects.get(kind="training-invoice-request")
    assert email.to == [lead_a.email] and "£50.00" in email.subject and "Did not attend: 1 x £30.00" in email.body
    client.post(url, {"year": "2030/31"})
    assert Email.objects.filter(kind="training-invoice-request").count() == 1


def test_nothing_to_charge_sends_nothing(business_support, agency_a, board):
    response = client_for(business_support).post(
        reverse("training:invoice-request", kwargs={"pk": agency_a.pk}), {"year": "2030/31"}
    )
    assert response.status_code == 302
    assert not Email.objects.exists()


def test_partner_leads_cannot_send_invoice_requests(charged, lead_a, agency_a):
    url = reverse("training:invoice-request", kwargs={"pk": agency_a.pk})
    assert client_for(lead_a).post(url, {"year": "2030/31"}).status_code == 403
    assert not Email.objects.exists()
