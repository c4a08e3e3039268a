from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        from reports.selfreports.selectors import work_queue_items
        from wscb import work_queue

        work_queue.register(work_queue_items)

        from reports.selfreports.actions import work_queue_items as action_queue_items

        work_queue.register(action_queue_items)

        from reports.retention import register as register_retention

        register_retention()

        from wscb.jobs.schedule import schedule_daily

        schedule_daily(
            key="reminders", label="Partner-update reminders", task="reports.selfreports.tasks.reminders_task"
        )
        schedule_daily(
            key="action-reminders",
            label="Overdue self-assessment action reminders",
            task="reports.selfreports.tasks.action_reminders_task",
        )
