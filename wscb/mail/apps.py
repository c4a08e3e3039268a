from django.apps import AppConfig


class MailConfig(AppConfig):
    """The e-mail outbox: every message the portal sends, and how its sending went."""

    name = "wscb.mail"
    label = "mail"
    verbose_name = "E-mail"

    def ready(self):
        from wscb.jobs.schedule import schedule_daily, schedule_every_run
        from wscb.mail.services import emails_sweep

        schedule_every_run(emails_sweep)
        schedule_daily(key="mail", label="Remove old sent e-mails", task="wscb.mail.tasks.emails_prune_task")
