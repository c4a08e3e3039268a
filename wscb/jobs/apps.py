import contextlib

from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Jobs people can follow (``Job``), the workers that run them and the daily schedule."""

    name = "wscb.jobs"
    label = "jobs"
    verbose_name = "Background jobs"

    def ready(self):
        from django.contrib import admin
        from django.contrib.admin.sites import NotRegistered
        from django_tasks_db.models import DBTaskResult

        # People follow jobs on the portal's own list (wscb.jobs.admin); the task backend's rows are
        # its internals (the admin has autodiscovered by now, so its registration can be removed).
        with contextlib.suppress(NotRegistered):
            admin.site.unregister(DBTaskResult)

        from wscb.jobs import schedule
        from wscb.jobs.services import jobs_requeue_lost, workers_forget_gone

        schedule.schedule_daily(key="jobs", label="Remove old jobs", task="wscb.jobs.tasks.jobs_prune_task")
        schedule.schedule_every_run(jobs_requeue_lost)
        schedule.schedule_every_run(workers_forget_gone)
