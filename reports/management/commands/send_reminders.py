"""Run daily from cron: e-mail agencies that have not submitted their partner update.

14 and 3 days before the deadline and every 7 days after it. Running it twice in one day
sends nothing the second time.
"""

from django.core.management.base import BaseCommand

from reports.selfreports.services import reminders_send
from wscb.scoping import scopes_disabled


class Command(BaseCommand):
    help = "E-mail partner-update reminders that are due today (safe to run more than once a day)."

    @scopes_disabled()  # reminders for every board's rounds
    def handle(self, *args, **options):
        sent = reminders_send()
        for log in sent:
            self.stdout.write(f"{log.get_kind_display()}: {log.report.partner.short_name} -> {log.recipients}")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} reminder{'s' if len(sent) != 1 else ''} sent."))
