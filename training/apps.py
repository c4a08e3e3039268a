from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        from training.selectors import work_queue_items
        from wscb import work_queue

        work_queue.register(work_queue_items)
