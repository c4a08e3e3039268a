"""python manage.py run_schedule: start the day's jobs that are due (run it every few minutes).

From cron (``*/5 * * * * cd /srv/portal && .venv/bin/python manage.py run_schedule``) or a systemd
timer, on one machine or several: each day's job starts once however many runs there are
(see ``wscb.jobs.schedule``). The jobs themselves are run by the workers (``run_worker``).
"""

from django.core.management.base import BaseCommand

from wscb.jobs.schedule import schedule_day, schedule_run


class Command(BaseCommand):
    help = "Start the daily jobs that are due (reminders, retention, expired sessions); safe to run often."

    def handle(self, *args, **options):
        started = schedule_run()
        for job in started:
            self.stdout.write(f"Started: {job.label}")
        day = schedule_day()
        if not started:
            self.stdout.write(f"Nothing to start: the jobs of {day:%d/%m/%Y} have started already.")
