"""A worker whose PDF layout first waits SLOW_PDF_SECONDS (default 120): a test can kill it mid-layout.

Run as a script (``python tests/jobs/slow_pdf_worker.py --no-reload``); the arguments go to run_worker.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wscb.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from reports.annual import outputs  # noqa: E402

_render_pdf = outputs.render_pdf


def _slow_render_pdf(report):
    time.sleep(float(os.environ.get("SLOW_PDF_SECONDS", "120")))
    return _render_pdf(report)


outputs.render_pdf = _slow_render_pdf

if __name__ == "__main__":
    call_command("run_worker", *sys.argv[1:])
