"""An agency's bookings, uptake and charges: its own partner lead sees them, another agency's is 404."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.training.factories import BookingFactory, CourseFactory, SessionFactory
from training.models import ChargeRate, TrainingPolicy
from training.reporting import charges_by_agency, training_income
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db
YEAR = ReportingYear(2016)


@pytest.fixture
def charged(board, agency_a, agency_b):
    """Agency A (health): 2 did-not-attends and 1 late cancellation; agency B: 1 did-not-attend;
    a community organisation: 1 did-not-attend; plus bookings that are not charged."""
    session = SessionFactory(course=CourseFactory(board=board), starts_on=date(2016, 9, 1), places_available=30)
    for status in ("did_not_attend", "did_not_attend", "attended"):
        BookingFactory(session=session, partner=agency_a, organisation_name="", status=status, delegate_name="A")
    BookingFactory(
        session=session, partner=agency_a, organisation_name="", status="cancelled", is_late_cancellation=True
    )
    BookingFactory(session=session, partner=agency_a, organisation_name="", status="cancelled")
    BookingFactory(session=session, partner=agency_b, organisation_name="", status="did_not_attend", delegate_name="B")
    BookingFactory(session=session, organisation_name="Sports club", status="did_not_attend")
    ChargeRate.objects.create(board=board, sector="health", reason="did_not_attend", amount=Decimal("30.00"))
    ChargeRate.objects.create(board=board, sector="health", reason="late_cancellation", amount=Decimal("15.00"))
    ChargeRate.objects.create(board=board, sector="police", reason="did_not_attend", amount=Decimal("25.00"))
    ChargeRate.objects.create(board=board, sector="voluntary", reason="did_not_attend", amount=Decimal("5.00"))
    return session


def test_charges_per_agency_use_its_sectors_rates(board, charged):
    lines = {
        line.agency_name: (line.did_not_attend, line.late_cancellations, line.amount)
        for line in charges_by_agency(board=board, year=YEAR)
    }
    assert lines == {
        "Agency A Trust": (2, 1, Decimal("75.00")),
        "Agency B Police": (1, 0, Decimal("25.00")),
        "Sports club": (1, 0, Decimal("5.00")),
    }
    assert training_income(board=board, year=YEAR) == Decimal("105.00")
    assert charges_by_agency(board=board, year=YEAR.next) == []


def test_a_partner_lead_sees_their_agencys_bookings_uptake_and_charges(charged, lead_a, as_user):
    response = as_user(lead_a).get(reverse("training:agency", args=[lead_a.partner_id]), {"year": "2016/17"})
    assert response.status_code == 200
    uptake = response.context["uptake"]
    assert (uptake.booked, uptake.attended, uptake.did_not_attend, uptake.cancelled) == (5, 1, 2, 2)
    assert [line.amount for line in response.context["charges"]] == [Decimal("75.00")]
    assert len(response.context["bookings"]) == 5
    assert "Agency B Police" not in response.content.decode()


def test_a_partner_lead_asking_for_another_agency_gets_404(charged, lead_a, agency_b, as_user):
    response = as_user(lead_a).get(reverse("training:agency", args=[agency_b.pk]), {"year": "2016/17"})
    assert response.status_code == 404


def test_the_charges_page_lists_every_agency_for_readers_and_not_for_leads(charged, board_member, lead_a, as_user):
    url = reverse("training:charges")
    response = as_user(board_member).get(url, {"year": "2016/17"})
    assert response.context["total"] == Decimal("105.00")
    assert as_user(lead_a).get(url).status_code == 403


def test_the_charges_export_escapes_formula_like_names(board, charged, business_support, as_user):
    BookingFactory(session=charged, organisation_name="=HYPERLINK(1)", status="did_not_attend")
    response = as_user(business_support).get(reverse("training:charges-export"), {"year": "2016/17"})
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Agency A Trust,Health,2,1,0,75.00" in text
    assert "'=HYPERLINK(1)" in text


def test_the_late_cancellation_window_is_the_boards_setting(board, small_session):
    from training.services import Delegate, booking_cancel, booking_create

    TrainingPolicy.objects.create(board=board, late_cancellation_days=2)
    booking = booking_create(session=small_session, delegate=Delegate(name="Ann", organisation_name="Club"))
    booking_cancel(booking=booking, on=date(2030, 6, 11))  # three days before
    booking.refresh_from_db()
    assert booking.is_late_cancellation is False


def test_e_learning_licences_not_completed_by_the_years_end_are_charged(board, agency_a):
    from tests.training.factories import ModuleFactory
    from training.models import ELearningEnrolment

    module = ModuleFactory(board=board)
    ChargeRate.objects.create(board=board, sector="health", reason="elearning_not_completed", amount=Decimal("25.00"))
    for completed in (None, date(2017, 4, 3), date(2016, 6, 1)):
        ELearningEnrolment.objects.create(
            module=module, learner_name="L", partner=agency_a, allocated_on=date(2016, 5, 1), completed_on=completed
        )
    [line] = charges_by_agency(board=board, year=YEAR)
    assert (line.elearning_not_completed, line.amount) == (2, Decimal("50.00"))
