from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        from training.selectors import work_queue_items
        from wscb import work_queue

        work_queue.register(work_queue_items)

        from training import models
        from wscb.years import year_source_register

        year_source_register(models.Session, board="course__board", date_field="starts_on")
        year_source_register(models.CoursePlan, board="course__board", year_field="start_year")
        year_source_register(models.ELearningEnrolment, board="module__board", date_field="allocated_on")
        year_source_register(models.ELearningPackage, board="board", year_field="start_year")
        year_source_register(models.YearStatement, board="board", year_field="start_year")
        year_source_register(models.OtherActivity, board="board", year_field="start_year")

        import dataclasses

        from training.resources import training_import_kinds
        from training.tasks import elearning_import_start
        from wscb.data.import_kinds import import_kind_register

        for kind in training_import_kinds():
            if kind.key == "elearning":  # a file of many rows is imported by a worker
                kind = dataclasses.replace(kind, job_start=elearning_import_start)
            import_kind_register(kind)
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
