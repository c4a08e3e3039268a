"""Playwright against Debian's Chromium, for journeys through the real pages.

Skipped (with the reason shown) where Chromium is not installed; CI installs it.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def sign_in(live_server, page):
    """Sign in through the real sign-in page; returns the page on the user's start page."""
    from tests.partners.factories import TEST_PASSWORD

    def _sign_in(user, password=TEST_PASSWORD):
        page.goto(f"{live_server.url}/account/sign-in/")
        page.get_by_label("E-mail address").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        return page

    return _sign_in


AXE_SCRIPT = os.path.join(os.path.dirname(__file__), "vendor", "axe.min.js")


@pytest.fixture
def assert_accessible():
    """Run axe-core (vendored) on the page; fail on serious or critical violations."""

    def _check(page, *, context=None):
        page.add_script_tag(path=AXE_SCRIPT)
        results = page.evaluate(
            "async (context) => await axe.run(context || document, {resultTypes: ['violations']})", context
        )
        bad = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:5])
            for violation in results["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert not bad, f"Accessibility violations on {page.url}:\n" + "\n".join(bad)

    return _check
