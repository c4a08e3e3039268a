"""python manage.py run_schedule: start the day's jobs that are due (run it every few minutes).

From cron (``*/5 * * * * cd /srv/portal && .venv/bin/python manage.py run_schedule``) or a systemd
timer, on one machine or several: each day's job starts once however many runs there are
(see ``wscb.jobs.schedule``). The jobs themselves are run by the workers (``run_worker``).
``--every 300`` keeps running and does it every 300 seconds (``bin/run`` uses this).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from wscb.jobs.schedule import schedule_day, schedule_run
from wscb.scoping import scopes_disabled


class Command(BaseCommand):
    help = "Start the daily jobs that are due (reminders, retention, expired sessions); safe to run often."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=int, default=0, metavar="SECONDS", help="Keep running: start what is due every SECONDS."
        )

    @scopes_disabled()  # the schedule's housekeeping spans every board; its jobs set their own scope
    def handle(self, *args, every=0, **options):
        if every < 0:
            raise CommandError("--every must be a number of seconds.")
        while True:
            self.run_once()
            if not every:
                return
            close_old_connections()
            time.sleep(every)

    def run_once(self):
        started = schedule_run()
        for job in started:
            self.stdout.write(f"Started: {job.label}")
        if not started:
            self.stdout.write(f"Nothing to start: the jobs of {schedule_day():%d/%m/%Y} have started already.")
