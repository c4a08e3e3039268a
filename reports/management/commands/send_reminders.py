"""Queue the partner-update reminders that are due now and not yet sent (the daily schedule,
``run_schedule``, does this every day; this command does it at once).

14 and 3 days before the deadline and every 7 days after it; a day missed is caught up, and
running it again sends nothing twice. The workers (``run_worker``) send the e-mails.
"""

from django.core.management.base import BaseCommand

from reports.selfreports.services import reminders_send
from wscb.scoping import scopes_disabled


class Command(BaseCommand):
    help = "Queue the partner-update reminders that are due and not yet sent (safe to run more than once)."

    @scopes_disabled()  # reminders for every board's rounds
    def handle(self, *args, **options):
        sent = reminders_send()
        for log in sent:
            self.stdout.write(f"{log.get_kind_display()}: {log.report.partner.short_name} -> {log.recipients}")
        self.stdout.write(
            self.style.SUCCESS(f"{len(sent)} reminder{'s' if len(sent) != 1 else ''} queued to be e-mailed.")
        )
