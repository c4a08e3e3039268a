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


def current_totp_code(device) -> str:
    """The code an authenticator app would show now for ``device``."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def sign_in(live_server, page):
    """Sign in through the real sign-in page, including the second step for roles that need it
    (with a test authenticator); returns the page on the user's start page."""
    from tests.partners.factories import TEST_PASSWORD

    def _sign_in(user, password=TEST_PASSWORD):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from tests.conftest import verified_device
        from wscb.accounts.two_factor import second_factor_required

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None and second_factor_required(user):
            device = verified_device(user)
        page.goto(f"{live_server.url}/account/sign-in/")
        page.get_by_label("E-mail address").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if device is not None and "/account/second-factor/code/" in page.url:
            # A code works once: let a repeated test sign-in use the current step again.
            TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
            device.refresh_from_db()
            page.get_by_label("Code").fill(current_totp_code(device))
            page.get_by_role("button", name="Continue").click()
            page.wait_for_load_state()
        return page

    return _sign_in


AXE_SCRIPT = os.path.join(os.path.dirname(__file__), "vendor", "axe.min.js")


@pytest.fixture
def assert_accessible():
    """Run axe-core (vendored) on the page; fail on serious or critical violations."""

    def _check(page, *, context=None):
        # Evaluated through the DevTools protocol: the portal's content security policy (rightly)
        # refuses injected script tags.
        with open(AXE_SCRIPT, encoding="utf-8") as script:
            page.evaluate(f"() => {{ {script.read()}\n; window.axe = axe; }}")
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
