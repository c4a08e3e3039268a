from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        from reports.selfreports.selectors import work_queue_items
        from wscb import work_queue

        work_queue.register(work_queue_items)

        from reports.selfreports.actions import work_queue_items as action_queue_items

        work_queue.register(action_queue_items)
        from reports.annual import models as annual
        from reports.selfreports.models import FormTemplate, Round
        from wscb.years import year_source_register

        year_source_register(FormTemplate, board="board", year_field="start_year")
        year_source_register(Round, board="board", year_field="start_year")
        year_source_register(annual.ContextFact, board="board", year_field="year_start")
        year_source_register(annual.IndicatorValue, board="indicator__board", year_field="year_start")
        year_source_register(annual.NarrativeSection, board="board", year_field="year_start")
        year_source_register(annual.PriorityActivity, board="priority__board", year_field="year_start")
        year_source_register(annual.EngagementEvent, board="board", date_field="held_on")
        year_source_register(annual.PublishedReport, board="board", year_field="year_start")

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
