"""The second-factor QR code shrinks with the window (WCAG 1.4.10 reflow at 320 CSS px): its size
grows with the length of the address and the board's name, so a fixed pixel size pushed the set-up
page wider than a phone for a learner with a longer address (found by the accessibility crawl)."""

import re

from django.contrib.staticfiles import finders
from django_otp.plugins.otp_totp.models import TOTPDevice

from wscb.accounts.two_factor import qr_code_svg


def test_the_qr_code_has_a_view_box_and_no_fixed_size(db, learner):
    learner.email = "a.rather.long.work.address.for.a.learner@voluntary-organisation.example.org"
    device = TOTPDevice.objects.create(user=learner, name="default", confirmed=False)
    opening = re.match(r"<svg[^>]*>", str(qr_code_svg(device))).group(0)
    assert "viewBox=" in opening
    assert "width=" not in opening and "height=" not in opening


def test_the_portal_style_lets_the_qr_code_shrink():
    with open(finders.find("css/portal.css")) as css:
        rules = css.read()
    assert re.search(r"\.two-factor-qr svg \{[^}]*max-width: 100%", rules)
