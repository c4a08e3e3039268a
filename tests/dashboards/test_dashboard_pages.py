"""The dashboard and the agency profiles show the demo data in every panel, and empty states
(no errors) when nothing has been recorded."""

import re

import pytest
from django.urls import reverse

from partners.models import Partner

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboards:dashboard")


def text_of(response) -> str:
    html = re.sub(r"<svg.*?</svg>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


def section(response, panel_id: str) -> str:
    match = re.search(rf'<section[^>]*id="{panel_id}".*?</section>', response.content.decode(), flags=re.S)
    assert match, f"no panel {panel_id}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))).replace("&amp;", "&")


def test_the_demo_dashboard_fills_every_panel(demo, demo_user, as_user):
    response = as_user(demo_user("board@demo.test")).get(DASHBOARD, {"year": "2016/17"})
    assert response.status_code == 200
    indicators = section(response, "panel-indicators")
    # The seed's England values for 2016/17 repeat 2015/16's, so none is rated against them.
    assert (
        "Percentage of child protection plans reviewed within required timescales 91.8% 93.7% Worsening Not rated"
        in (indicators)
    )
    assert (
        "Number of children looked after per 10,000 population 65.8 per 10,000 60.0 per 10,000 Improving Not rated"
        in (indicators)
    )
    assert response.content.decode().count("<svg") >= 10
    attendance = section(response, "panel-attendance")
    assert "CAFCASS : 33.3% at Wigan Safeguarding Children Board (threshold 50%)" in attendance
    assert "GMP 6 5 0 83.3%" in attendance
    assert "Wigan Safeguarding Children Board, 21/03/2016" in attendance  # not quorate: no police
    training = section(response, "panel-training")
    assert "Places booked 2603" in training
    assert "Did-not-attend rate 9.3%" in training
    assert "E-learning completion rate \u2013" in training  # no licences by module recorded: the seed gives none
    finance = section(response, "panel-finance")
    assert "271,024" in finance and "250,025" in finance
    assert "Reserves at the start of the year 178,524" in finance
    assert "Contributions outstanding 0 of 153,428 agreed" in finance
    returns = section(response, "panel-returns")
    assert "11 agencies asked; deadline 30/06/2017; 11 accepted." in returns
    actions = section(response, "panel-actions")
    assert "There are no open actions" not in actions
    assert "Report to the Board on Child and Adolescent Mental Health Service provision (WBCCG, due 06/04/2017)" in (
        actions
    )


def test_each_panel_links_to_its_detail_page(demo, demo_user, as_user):
    html = as_user(demo_user("board@demo.test")).get(DASHBOARD, {"year": "2016/17"}).content.decode()
    for url in [
        reverse("annual:index"),
        reverse("meetings:attendance-summary") + "?year=2016/17",
        reverse("training:summary") + "?year=2016/17",
        reverse("finance:statement"),
        reverse("reports:selfreport-list"),
        reverse("meetings:action-list"),
    ]:
        assert f'href="{url}"' in html, url


def test_a_flagged_agency_links_to_its_profile(demo, demo_user, as_user):
    response = as_user(demo_user("board@demo.test")).get(DASHBOARD, {"year": "2016/17"})
    cafcass = Partner.objects.get(short_name="CAFCASS")
    flags = re.search(r'id="attendance-flags".*?</div>', response.content.decode(), flags=re.S).group(0)
    assert reverse("dashboards:agency-profile", args=[cafcass.pk]) + "?year=2016/17" in flags


def test_the_demo_profile_shows_attendance_returns_training_charges_and_contributions(demo, demo_user, as_user):
    gmp = Partner.objects.get(short_name="GMP")
    response = as_user(demo_user("board@demo.test")).get(
        reverse("dashboards:agency-profile", args=[gmp.pk]), {"year": "2016/17"}
    )
    text = text_of(response)
    assert "Wigan Safeguarding Children Board 6 5 0 0 1 83.3%" in text  # not counted in the seed: absent
    assert "2016/17 30/06/2017 Accepted" in text
    # The seed gives no training figures by agency, so the demo records none (no invented uptake).
    assert "No training places, e-learning or charges recorded" in text
    assert "2016/17 14,500 14,500 0" in text


def test_with_nothing_recorded_every_panel_shows_an_empty_state(board, as_user, board_member):
    response = as_user(board_member).get(DASHBOARD)
    assert response.status_code == 200
    text = text_of(response)
    assert "No indicators have been set up." in text
    assert "No groups have been set up yet" in text
    assert "No training places or e-learning have been recorded" in text
    assert "No budget, spending or contributions have been recorded" in text
    assert "No agencies have been asked for their" in text
    assert "There are no open actions from meetings." in text


def test_with_groups_but_no_meetings_the_attendance_panel_says_so(board, as_user, board_member):
    from tests.meetings.factories import GroupFactory

    GroupFactory(board=board, name="Board")
    text = text_of(as_user(board_member).get(DASHBOARD, {"year": "2016/17"}))
    assert "No meetings held in 2016/17 have been recorded yet." in text


def test_an_empty_profile_shows_empty_states(board, as_user, lead_a, agency_a):
    response = as_user(lead_a).get(reverse("dashboards:agency-profile", args=[agency_a.pk]))
    assert response.status_code == 200
    text = text_of(response)
    assert "has no members on the board or its groups today" in text
    assert "has not been asked for an update yet" in text
    assert "No training places, e-learning or charges recorded" in text
    assert "No contributions recorded" in text
    assert "has no open actions" in text


def test_without_any_board_the_pages_say_there_is_nothing_to_show(db, as_user):
    from tests.partners.factories import PartnerFactory, UserFactory
    from wscb.roles import Role

    agency = PartnerFactory(boards=[])
    member = UserFactory(role=Role.BOARD_MEMBER)
    assert "nothing to show" in text_of(as_user(member).get(DASHBOARD))
    # An agency belongs to the boards it is a member of: with no board of their own, nobody sees it.
    assert as_user(member).get(reverse("dashboards:agency-profile", args=[agency.pk])).status_code == 404


def test_an_unknown_year_falls_back_to_the_current_one(board, as_user, board_member):
    from wscb.periods import ReportingYear

    response = as_user(board_member).get(DASHBOARD, {"year": "not a year"})
    assert response.context["year"] == ReportingYear.current()
