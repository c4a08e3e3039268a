"""Two people at once: numbered versions stay unique and the second editor gets a conflict."""

import threading

import pytest
from django.db import connection, connections

from reports.annual import outputs, services
from reports.annual.models import NarrativeSection, PublishedReport
from tests.annual.factories import NarrativeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _run_together(target, count=2):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(target())
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_people_publishing_at_once_get_versions_one_and_two(board, business_support, year, monkeypatch):
    monkeypatch.setattr(outputs, "render_pdf", lambda report: (b"%PDF-stub", 1))
    published, errors = _run_together(lambda: services.report_publish(board=board, year=year, by=business_support))
    assert not errors
    assert len(published) == 2
    assert sorted(PublishedReport.objects.values_list("number", flat=True)) == [1, 2]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_people_saving_the_same_version_one_wins_one_gets_a_conflict(board, business_support, year):
    NarrativeFactory(board=board, kind="lado", body="Start", version=1)

    def save():
        return services.narrative_save(
            board=board, year=year, kind="lado", body="Mine", signed_by="", version=1, by=business_support
        )

    results, errors = _run_together(save)
    assert len(results) == 1
    assert [type(error) for error in errors] == [services.EditConflict]
    assert NarrativeSection.objects.get(kind="lado").version == 2
