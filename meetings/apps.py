from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self):
        from meetings.selectors import work_queue_items
        from wscb import work_queue

        work_queue.register(work_queue_items)

        from wscb.jobs.schedule import schedule_daily

        schedule_daily(
            key="meeting-actions", label="Meeting action reminders", task="meetings.tasks.action_reminders_task"
        )
