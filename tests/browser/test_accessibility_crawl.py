"""The accessibility gate: as each of the roles (a learner too), on the demo data, every page reachable by
following links (the back office included) has no serious or critical axe-core violation under
WCAG 2.2 A/AA, and every portal page reflows in a 320 CSS px window (no sideways scrolling).

The crawl (``tests/browser/accessibility_crawl.py``) starts on the start page and discovers
pages by following links, so a new page is checked as soon as something links to it. The table
of pages and rules is printed whatever the outcome (``-s`` shows it on a pass; on a failure it is
in the assertion message).
"""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from partners.models import Partner, User
from reports.models import SelfReport
from tests.browser import accessibility_crawl
from tests.browser.conftest import CHROMIUM
from tests.conftest import client_for
from wscb.periods import ReportingYear

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: The demo's reporting year: pages that default to "the current year" show the seed's records.
DEMO_YEAR = ReportingYear(2016)

ROLES = {
    "business_support": "support@demo.test",
    "administrator": "admin@demo.test",
    "board_member": "board@demo.test",
    "partner_lead": "lead.gmp@demo.test",
    "learner": "learner.one@demo.test",
}
#: The fewest pages each role must reach: a learner has only their training, the public catalogue and
#: their account pages.
MINIMUM_PAGES = {"learner": 6}


def _session_cookie(user) -> dict:
    client = client_for(user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}


def _partner_update_in_every_state() -> dict[str, list[str]]:
    """The demo's returns are all accepted; put three in the other states a reviewer and a lead
    meet (the page for each differs: sections to edit, the review forms), and give the crawl their
    addresses as extra starting points."""
    demo_year = SelfReport.objects.filter(round__start_year=2016).select_related("partner")
    reports = {report.partner.short_name: report for report in demo_year}
    returned, submitted, in_progress = reports["GMP"], reports["Probation"], reports["CRC"]
    SelfReport.objects.filter(pk=returned.pk).update(status=SelfReport.Status.RETURNED)
    SelfReport.objects.filter(pk=submitted.pk).update(status=SelfReport.Status.SUBMITTED)
    SelfReport.objects.filter(pk=in_progress.pk).update(status=SelfReport.Status.IN_PROGRESS)
    reviewer_pages = [reverse("reports:selfreport-detail", args=[report.pk]) for report in (submitted, returned)]
    return {
        "business_support": reviewer_pages,
        "administrator": reviewer_pages,
        "partner_lead": [reverse("reports:selfreport-tasks", args=[returned.pk])],
    }


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a demo password for the accessibility crawl")
    call_command("load_demo", stdout=StringIO())
    # The live server runs in another thread of this process, so it sees the demo year as current.
    monkeypatch.setattr(ReportingYear, "current", classmethod(lambda cls: DEMO_YEAR))
    assert Partner.objects.exists()


def test_every_page_reached_by_each_role_has_no_serious_or_critical_violation(demo, live_server):
    seeds = _partner_update_in_every_state()
    # The header's search box is a form, not a link: start from a search with results, and one without.
    for role in ROLES:
        seeds.setdefault(role, []).extend(
            [reverse("search:results") + "?q=safeguarding", reverse("search:results") + "?q=zeppelin"]
        )
    cookies = {role: _session_cookie(User.objects.get(email=email)) for role, email in ROLES.items()}

    outcomes = accessibility_crawl.crawl(live_server.url, cookies, executable_path=CHROMIUM, seeds=seeds)
    table = accessibility_crawl.format_table(outcomes)
    print(table)

    for role, outcome in outcomes.items():
        # The crawl really went somewhere: the start page and far beyond it.
        assert "home" in outcome.view_names, f"{role} did not reach the start page:\n{table}"
        minimum = MINIMUM_PAGES.get(role, 20)
        assert len(outcome.pages) >= minimum, f"{role} reached only {len(outcome.pages)} pages:\n{table}"
    assert {"admin:index", "admin:partners_partner_changelist", "admin:partners_partner_change"} <= outcomes[
        "business_support"
    ].view_names, table
    assert "admin:partners_user_changelist" in outcomes["administrator"].view_names, table
    assert {"learning:my-training", "learning:catalogue", "learning:session", "learning:booking"} <= outcomes[
        "learner"
    ].view_names, table

    cut_short = {role: sorted(outcome.unreached_names) for role, outcome in outcomes.items() if outcome.unreached_names}
    assert not cut_short, f"The page cap stopped the crawl before these URL names: {cut_short}\n{table}"
    broken = [
        f"{page.role} {page.path}: {page.status or page.error}"
        for outcome in outcomes.values()
        for page in outcome.pages
        if (page.status or 0) >= 500 or (page.error and not page.error.startswith("not HTML"))
    ]
    assert not broken, "Pages that failed to load:\n" + "\n".join(broken) + f"\n{table}"
    failing = [page for outcome in outcomes.values() for page in outcome.pages if page.failing or not page.reflows]
    assert not failing, (
        "Serious or critical accessibility violations, or portal pages wider than 320 px in a 320 px window:\n"
        + accessibility_crawl.format_table(outcomes, only_failing=True)
    )
