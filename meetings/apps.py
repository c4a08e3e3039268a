from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self):
        from meetings.selectors import work_queue_items
        from wscb import work_queue

        work_queue.register(work_queue_items)
