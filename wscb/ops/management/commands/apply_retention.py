"""python manage.py apply_retention [--apply [--no-input]]: list (and with --apply remove or anonymise)
records whose retention date has passed. Lists record types and ids only, never content.

Records whose round (or other work) is still open are listed as kept and never acted on. With
``--apply`` the command lists what it will do and asks for confirmation; ``--no-input`` (cron)
skips the question.
"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from wscb.ops.retention import retention_apply, retention_due, retention_kept_open, retention_rules
from wscb.scoping import scopes_disabled


class Command(BaseCommand):
    help = "List records past their retention date; with --apply, delete or anonymise them (audited)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Delete or anonymise what has expired.")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="With --apply: do not ask first (cron)."
        )
        parser.add_argument("--today", help="Pretend today is this date (dd/mm/yyyy), to check a future run.")

    @scopes_disabled()  # retention applies to every board's records
    def handle(self, *args, apply=False, interactive=True, today=None, **options):
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
        kept = retention_kept_open(today=today)
        for rule in rules:
            items = [item for item in due if item.rule is rule]
            verb = "delete" if rule.action == "delete" else "anonymise"
            self.stdout.write(f"{rule.description} ({rule.key}, {rule.action}): {len(items)} expired")
            for item in items:
                self.stdout.write(f"  {rule.key} #{item.pk}: retain until {item.retain_until:%d/%m/%Y}, will {verb}")
            for item in (item for item in kept if item.rule is rule):
                self.stdout.write(
                    f"  {rule.key} #{item.pk}: retain until {item.retain_until:%d/%m/%Y}, kept: its work is still open"
                )
        if not apply:
            self.stdout.write(f"{len(due)} record(s) expired. Nothing changed: run with --apply to act on them.")
            return
        if not due:
            self.stdout.write("Nothing to do.")
            return
        if interactive:
            answer = input(
                f"This deletes or anonymises the {len(due)} record(s) listed, and removes their text from the "
                "published reports' stored files. Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing changed.")
        copies: list[str] = []
        counts = retention_apply(today=today, copies=copies)
        for line in copies:
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS(f"Applied: {sum(counts.values())} record(s) dealt with."))
