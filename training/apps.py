from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        from training.selectors import work_queue_items
        from wscb import work_queue

        work_queue.register(work_queue_items)

        from training.tasks import offers_expire_hook
        from wscb.jobs.schedule import schedule_daily, schedule_every_run

        schedule_daily(
            key="training-reminders",
            label="Training reminders to booked learners",
            task="training.tasks.training_reminders_task",
        )
        schedule_daily(
            key="training-evaluations",
            label="Evaluation invitations to learners who attended",
            task="training.tasks.training_evaluations_task",
        )
        schedule_daily(
            key="training-impact",
            label="Impact questionnaires to learners who attended, weeks after",
            task="training.tasks.training_impact_task",
        )
        schedule_every_run(offers_expire_hook)

        from training.selfservice import retention

        retention.register()
