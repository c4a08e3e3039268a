"""Learners' accounts unused for the retention period are anonymised by the retention job; their
bookings are kept as counts (agency, status), without the person."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from partners.models import User
from tests.training.factories import BookingFactory, CourseFactory, LearnerFactory, SessionFactory
from training.models import Booking, Evaluation, Learner
from training.reporting import uptake_by_agency
from wscb.ops.retention import retention_apply
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db


def _at(day: date):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12))


@pytest.fixture
def two_learners(board, agency_a, settings):
    settings.LEARNER_RETENTION_YEARS = 3
    session = SessionFactory(course=CourseFactory(board=board), starts_on=date(2026, 5, 6))
    unused = LearnerFactory(board=board, partner=agency_a, user__email="gone@example.org", manager_name="Max")
    recent = LearnerFactory(board=board, partner=agency_a, user__email="here@example.org")
    User.objects.filter(pk=unused.user_id).update(last_login=_at(date(2026, 5, 1)))
    User.objects.filter(pk=recent.user_id).update(last_login=_at(date(2028, 1, 1)))
    for learner, status in ((unused, Booking.Status.ATTENDED), (recent, Booking.Status.DID_NOT_ATTEND)):
        booking = BookingFactory(
            session=session,
            learner=learner,
            delegate_name=learner.user.full_name,
            email=learner.user.email,
            partner=agency_a,
            organisation_name="",
            status=status,
        )
    Evaluation.objects.create(booking=unused.bookings.get(), ratings=[], comments="My manager, Max, ...")
    return unused, recent, booking


def test_an_account_unused_for_the_period_is_anonymised_and_its_bookings_kept_as_counts(two_learners, board, agency_a):
    unused, recent, _ = two_learners
    before = uptake_by_agency(board=board, year=ReportingYear(2026))
    assert retention_apply(today=date(2029, 5, 1))["training.learner"] == 0  # on the date itself: kept
    done = retention_apply(today=date(2029, 5, 2))
    assert done["training.learner"] == 1
    unused.refresh_from_db()
    unused.user.refresh_from_db()
    assert unused.anonymised_at is not None and unused.manager_name == ""
    assert unused.user.email == f"anonymised-learner-{unused.pk}@invalid" and not unused.user.is_active
    assert not unused.user.has_usable_password()
    booking = unused.bookings.get()
    assert (booking.delegate_name, booking.email, booking.status) == ("Anonymised learner", "", Booking.Status.ATTENDED)
    assert Evaluation.objects.get().comments == ""
    assert not Booking.objects.filter(email="gone@example.org").exists()
    # The other learner is untouched, and the counts are the same.
    recent.user.refresh_from_db()
    assert recent.user.email == "here@example.org"
    assert uptake_by_agency(board=board, year=ReportingYear(2026)) == before
    # A second run does nothing more.
    assert retention_apply(today=date(2029, 5, 3))["training.learner"] == 0
    assert Learner.objects.filter(anonymised_at__isnull=False).count() == 1
