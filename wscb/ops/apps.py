from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Backup, restore and retention commands (``manage.py backup``, ``restore``, ``apply_retention``),
    the daily retention job and ``/health/``."""

    name = "wscb.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self):
        from wscb.jobs.schedule import schedule_daily

        schedule_daily(key="retention", label="Apply the retention schedule", task="wscb.ops.tasks.retention_task")
