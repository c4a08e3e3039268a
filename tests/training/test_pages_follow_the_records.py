"""E-learning imported for the year, and a session's attendance recorded, are on the next view of
the draft report and the dashboard; until then both are served from the cache."""

import pytest
import tablib

from tests.pages_follow import assert_kept, board_with_records, pages
from training import services
from training.models import Booking, ELearningModule, Session

pytestmark = pytest.mark.django_db


def test_an_elearning_import_shows_on_both_pages(board, agency_a, agency_b, business_support, as_user, monkeypatch):
    board_with_records(board, [agency_a, agency_b], business_support)
    module = ELearningModule.objects.create(board=board, title="Child sexual exploitation awareness")
    client = as_user(business_support)
    draft, dashboard = pages(client)
    assert "E-learning completed \u2013 \u2013" in dashboard and "Licences allocated" not in draft
    assert assert_kept(client, monkeypatch) == (draft, dashboard)

    rows = tablib.Dataset(headers=["learner", "agency", "module", "allocated date", "completed date"])
    rows.append(["Ann Learner", agency_a.name, module.title, "01/06/2016", "20/06/2016"])
    rows.append(["Bob Learner", agency_b.name, module.title, "02/06/2016", ""])
    outcome = services.elearning_import(board=board, dataset=rows)
    assert outcome.imported == 2 and not outcome.errors

    draft, dashboard = pages(client)
    assert "E-learning completed 1 of 2" in dashboard
    assert "Licences allocated (by module) 2 Completed (by module) 1" in draft
    assert assert_kept(client, monkeypatch) == (draft, dashboard)


def test_attendance_recorded_for_a_session_shows_on_both_pages(board, agency_a, agency_b, business_support, as_user):
    board_with_records(board, [agency_a, agency_b], business_support)
    client = as_user(business_support)
    draft, dashboard = pages(client)
    assert "Did not attend 1 \u2013" in dashboard

    session = Session.objects.get(course__board=board)
    outcomes = {booking.pk: Booking.Status.ATTENDED for booking in session.bookings.all()}
    services.attendance_record(session=session, outcomes=outcomes, version=session.version)

    draft, dashboard = pages(client)
    assert "Did not attend 0 \u2013" in dashboard
    assert "Agency A Trust 2 2 0 0" in draft  # booked, attended, did not attend, cancelled
