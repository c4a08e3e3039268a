from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "finance"

    def ready(self):
        from finance.selectors import work_queue_items
        from wscb import work_queue

        work_queue.register(work_queue_items)
