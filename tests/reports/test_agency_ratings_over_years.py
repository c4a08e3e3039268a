"""The agency profile shows the agency's ratings against each standard over the years, as a table (the
text alternative of the coloured cells): accepted returns only for board members."""

import pytest
from django.urls import reverse

from reports.selfreports import services
from tests.reports.factories import DECLARATION, fill_all, rate, rated_round, report_for
from wscb.periods import ReportingYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years(board, agency_a, agency_b, lead_a, lead_b, business_support):
    """2015/16 accepted (leadership Red), 2016/17 submitted (leadership Green); agency B rated Amber."""
    rounds = {}
    for start in (2015, 2016):
        rounds[start] = rated_round(
            board=board, agencies=[agency_a, agency_b], by=business_support, year=ReportingYear(start)
        )
    for start, number in ((2015, "1"), (2016, "3")):
        round_, ratings = rounds[start]
        report = report_for(round_, agency_a)
        fill_all(report, lead_a)
        rate(report, ratings, lead_a, {"leadership": number, "training_standard": "2"})
        services.report_submit(report=report, by=lead_a, declaration=DECLARATION)
        if start == 2015:
            services.report_accept(report=report, by=business_support)
    round_, ratings = rounds[2016]
    other = report_for(round_, agency_b)
    fill_all(other, lead_b)
    rate(other, ratings, lead_b, {"leadership": "2"})
    services.report_submit(report=other, by=lead_b, declaration=DECLARATION)
    services.report_accept(report=other, by=business_support)


def _table(client, agency):
    html = client.get(reverse("dashboards:agency-profile", args=[agency.pk])).content.decode()
    start = html.index('id="profile-ratings"')
    return " ".join(html[start : html.index("</section>", start)].split())


def test_business_support_and_the_agencys_lead_see_every_received_year(
    two_years, agency_a, business_support, lead_a, as_user
):
    for user in (business_support, lead_a):
        table = _table(as_user(user), agency_a)
        assert '<th scope="col">2015/16</th><th scope="col">2016/17</th>' in table
        assert '<td class="rating-cell rating-low">Red</td><td class="rating-cell rating-best">Green</td>' in table
        assert "Leadership" in table and "Training standard" in table
        assert "Amber" in table  # training standard 2 of 3 both years, not agency B's leadership


def test_board_members_see_accepted_returns_only(two_years, agency_a, agency_b, board_member, as_user):
    table = _table(as_user(board_member), agency_a)
    assert '<th scope="col">2015/16</th>' in table and "2016/17" not in table
    assert "Green" not in table and "accepted updates only" in table
    assert "Amber" in _table(as_user(board_member), agency_b)


def test_an_agency_without_ratings_says_so(board, agency_a, lead_a, as_user):
    assert "has no ratings against the standards" in _table(as_user(lead_a), agency_a)
