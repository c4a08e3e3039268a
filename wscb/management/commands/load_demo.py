"""Load the demo data from the 2016/17 seed report. Safe to run again: it updates in place.

Each app may add its own demo data in ``<app>/demo.py`` with a ``load_for_board(*, board)``
function; they run in dependency order after the board, agencies and users exist.
"""

import importlib
import os
import secrets

from django.core.management.base import BaseCommand
from django.db import transaction

from partners import demo as partner_demo
from wscb.scoping import scopes_disabled

APPS_IN_ORDER = ["meetings", "training", "finance", "reports", "reports.annual"]


class Command(BaseCommand):
    help = "Load (or refresh) the demo board, agencies, users and records from the seed report."

    def handle(self, *args, **options):
        password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(12)
        generated = "DEMO_PASSWORD" not in os.environ or not os.environ["DEMO_PASSWORD"]
        # The demo loader writes one board's records and reads them back: scoping is off on purpose.
        with scopes_disabled(), transaction.atomic():
            result = partner_demo.load(password=password)
            for app in APPS_IN_ORDER:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app}.demo":
                        raise
                    continue
                module.load_for_board(board=result["board"])
                self.stdout.write(f"Loaded {app} demo data.")
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded for {result['board'].name}."))
        self.stdout.write("Demo logins (all share one password):")
        for email, role in result["logins"]:
            self.stdout.write(f"  {email:<42} {role}")
        source = "generated now" if generated else "from DEMO_PASSWORD"
        self.stdout.write(f"Password ({source}): {password}")
