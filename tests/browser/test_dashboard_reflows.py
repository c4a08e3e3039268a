"""The dashboard and an agency's profile reflow (WCAG 1.4.10) on the demo data: in a 320 CSS px window
(and at 640, a 1280 px screen zoomed to 200%) the document is no wider than the window, charts fit
their container, and a table too wide for the screen scrolls inside its own region, which takes
keyboard focus, is named by the table's visible caption and scrolls with the arrow keys."""

from io import StringIO

import pytest
from django.core.management import call_command

from partners.models import Partner, User
from wscb.periods import ReportingYear

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a demo password for the reflow check"

LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const charts = [...document.querySelectorAll('main svg')].filter((svg) => svg.getBoundingClientRect().width > 0)
    .map((svg) => ({fits: svg.getBoundingClientRect().width <= svg.parentElement.getBoundingClientRect().width + 1}));
  const tables = [...document.querySelectorAll('main table')].filter((table) => !table.closest('.visually-hidden'))
    .map((table) => {
      const box = table.parentElement;
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      const label = box.getAttribute('aria-labelledby');
      const caption = label && document.getElementById(label);
      return {
        caption: table.caption ? table.caption.textContent.trim().slice(0, 50) : '',
        scrolls, region: box.getAttribute('role'), tabindex: box.getAttribute('tabindex'),
        named: Boolean(caption && caption.textContent.trim() && caption.getBoundingClientRect().height > 0),
        insideWindow: box.getBoundingClientRect().right <= width + 1,
      };
    });
  return {documentWidth: document.documentElement.scrollWidth, width, charts, tables};
}"""


@pytest.fixture
def board_member_on_the_demo(monkeypatch, sign_in):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("load_demo", stdout=StringIO())
    monkeypatch.setattr(ReportingYear, "current", classmethod(lambda cls: ReportingYear(2016)))
    return sign_in(User.objects.get(email="board@demo.test"), password=PASSWORD)


@pytest.mark.parametrize("width", [320, 640])
def test_the_dashboard_and_an_agency_profile_reflow(board_member_on_the_demo, live_server, width):
    page = board_member_on_the_demo
    page.set_viewport_size({"width": width, "height": 800})
    agency = Partner.objects.get(short_name="GMP")
    for path in ("/dashboard/", f"/dashboard/agencies/{agency.pk}/"):
        page.goto(f"{live_server.url}{path}")
        layout = page.evaluate(LAYOUT)
        assert layout["documentWidth"] <= width, f"{path} is {layout['documentWidth']} px wide in a {width} px window"
        assert layout["charts"] or path != "/dashboard/", "the dashboard has charts"
        assert all(chart["fits"] for chart in layout["charts"]), f"{path}: a chart is wider than its container"
        assert layout["tables"], f"{path} has tables"
        for table in layout["tables"]:
            assert table["insideWindow"], f"{path}: {table}"
            if table["scrolls"]:
                assert table["region"] == "region" and table["tabindex"] == "0" and table["named"], f"{path}: {table}"


def test_a_wide_table_scrolls_with_the_keyboard_at_320_px(board_member_on_the_demo, live_server):
    page = board_member_on_the_demo
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/dashboard/")
    region = page.locator("main .table-responsive[role=region]").first
    region.focus()
    assert region.evaluate("el => el.scrollLeft") == 0
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
    # Wider, a table that fits is no longer a region or a Tab stop: only scrolling boxes are.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function(
        "() => [...document.querySelectorAll('main .table-responsive')].every((box) =>"
        " (box.getAttribute('tabindex') === '0') === (box.scrollWidth > box.clientWidth + 1))"
    )
