"""python manage.py apply_retention [--apply]: list (and with --apply remove or anonymise)
records whose retention date has passed. Lists record types and ids only, never content."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from wscb.ops.retention import retention_apply, retention_due, retention_rules
from wscb.scoping import scopes_disabled


class Command(BaseCommand):
    help = "List records past their retention date; with --apply, delete or anonymise them (audited)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Delete or anonymise what has expired.")
        parser.add_argument("--today", help="Pretend today is this date (dd/mm/yyyy), to check a future run.")

    @scopes_disabled()  # retention applies to every board's records
    def handle(self, *args, apply=False, today=None, **options):
        if today:
            try:
                today = datetime.strptime(today, "%d/%m/%Y").date()
            except ValueError:
                raise CommandError("--today must be a date such as 31/03/2024.") from None
        rules = retention_rules()
        if not rules:
            self.stdout.write("No retention rules are registered: nothing to list.")
            return
        due = retention_due(today=today)
        for rule in rules:
            items = [item for item in due if item.rule is rule]
            self.stdout.write(f"{rule.description} ({rule.key}, {rule.action}): {len(items)} expired")
            for item in items:
                self.stdout.write(f"  {rule.key} #{item.pk}: retain until {item.retain_until:%d/%m/%Y}")
        if not apply:
            self.stdout.write(f"{len(due)} record(s) expired. Nothing changed: run with --apply to act on them.")
            return
        counts = retention_apply(today=today)
        self.stdout.write(self.style.SUCCESS(f"Applied: {sum(counts.values())} record(s) dealt with."))
