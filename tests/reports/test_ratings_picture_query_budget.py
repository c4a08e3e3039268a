"""The ratings picture reads a fixed number of queries at 10 and at 40 agencies."""

from django.urls import reverse

from partners.models import Partner
from reports.selfreports.models import Answer, SectionEntry, SelfReport
from tests.partners.factories import PartnerFactory
from tests.reports.factories import rated_round
from wscb.periods import ReportingYear


def _rated_year(board, by, count, year):
    agencies = [PartnerFactory(boards=[board], sector=Partner.Sector.HEALTH) for _ in range(count)]
    round_, ratings = rated_round(board=board, agencies=agencies, by=by, year=year)
    reports = list(round_.reports.all())
    SelfReport.objects.filter(round=round_).update(status=SelfReport.Status.ACCEPTED)
    entries = SectionEntry.objects.bulk_create(SectionEntry(report=report, section=ratings) for report in reports)
    Answer.objects.bulk_create(
        Answer(entry=entry, key=key, value=str(1 + index % 3), rating=1 + index % 3)
        for index, entry in enumerate(entries)
        for key in ("leadership", "training_standard")
    )
    return round_


def test_the_picture_page_costs_the_same_queries_at_10_and_40_agencies(board, business_support, board_member, as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(board_member)
    counts = []
    for count, start in ((10, 2016), (40, 2018)):
        _rated_year(board, business_support, count, ReportingYear(start - 1))
        _rated_year(board, business_support, count, ReportingYear(start))
        client.get(reverse("reports:ratings-picture", args=[start]))  # warm the session
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("reports:ratings-picture", args=[start]))
        assert response.status_code == 200
        assert response.content.decode().count('class="rating-cell') == 2 * count
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 20, counts
