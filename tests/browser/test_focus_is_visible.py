"""Every element the Tab key reaches shows a focus indicator of at least 2 CSS px whose colour has at
least 3:1 contrast with what is around it: the header's menu and "Sign out" on the dark bar, links
and buttons on white, form fields, and the back office."""

import pytest

from tests.meetings.factories import GroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Runs in the page: how the focused element's indicator looks against the background behind it.
FOCUS_REPORT = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  el.getAnimations().forEach((animation) => animation.finish());  // Bootstrap fades its fields' rings in
  const parse = (text) => { const m = text.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const [r, g, b, a] = m[1].split(',').map(Number); return {r, g, b, a: a === undefined ? 1 : a}; };
  const luminance = ({r, g, b}) => { const c = [r, g, b].map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]; };
  const contrast = (x, y) => { const [l1, l2] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (l1 + 0.05) / (l2 + 0.05); };
  let node = el.parentElement, background = {r: 255, g: 255, b: 255, a: 1};
  while (node) { const colour = parse(getComputedStyle(node).backgroundColor);
    if (colour && colour.a > 0.5) { background = colour; break; } node = node.parentElement; }
  const style = getComputedStyle(el);
  const rings = [];
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
    const colour = parse(style.outlineColor); if (colour) rings.push(contrast(colour, background)); }
  const shadow = style.boxShadow.match(/rgba?\\([^)]+\\)\\s+0px\\s+0px\\s+0px\\s+(\\d+(?:\\.\\d+)?)px/);
  if (shadow && parseFloat(shadow[1]) >= 2) {
    const colour = parse(shadow[0]); if (colour) rings.push(contrast(colour, background)); }
  const label = (el.getAttribute('aria-label') || el.textContent || el.name || el.id || el.tagName).trim();
  return {label: label.slice(0, 60), tag: el.tagName, best: rings.length ? Math.max(...rings) : 0};
}"""


def tab_through(page, limit):
    """Press Tab up to ``limit`` times; the report for each element reached (stops on wrapping)."""
    reports, seen = [], set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        report = page.evaluate(FOCUS_REPORT)
        if report is None:
            break
        key = page.evaluate("() => { const el = document.activeElement; return el.outerHTML.slice(0, 200); }")
        if key in seen:
            break
        seen.add(key)
        reports.append(report)
    return reports


def assert_focus_visible(page, url, *, limit=60):
    page.goto(url)
    reports = tab_through(page, limit)
    assert len(reports) >= 5, f"{url}: Tab reached only {len(reports)} elements"
    weak = [report for report in reports if report["best"] < 3]
    assert not weak, f"{url}: elements whose focus indicator is missing or under 3:1: {weak}"
    return reports


def test_the_portal_header_menu_sign_out_links_and_fields_show_their_focus(
    business_support, board, sign_in, live_server
):
    GroupFactory(board=board, name="Safeguarding Board")
    page = sign_in(business_support)
    reports = assert_focus_visible(page, f"{live_server.url}/")
    labels = [report["label"] for report in reports]
    assert "Sign out" in labels and "Meetings" in labels and "Skip to main content" in labels
    assert_focus_visible(page, f"{live_server.url}/meetings/add/")  # select, date, text, file inputs, buttons
    page.set_viewport_size({"width": 320, "height": 800})  # the menu button of a narrow screen
    reports = assert_focus_visible(page, f"{live_server.url}/", limit=12)
    assert "Show or hide the menu" in [report["label"] for report in reports]


def test_the_back_office_shows_focus_on_its_links_filters_and_fields(administrator, sign_in, live_server):
    page = sign_in(administrator)
    assert_focus_visible(page, f"{live_server.url}/admin/partners/user/", limit=80)
    assert_focus_visible(page, f"{live_server.url}/admin/partners/partner/add/", limit=80)
