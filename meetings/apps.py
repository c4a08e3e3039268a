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
        from meetings.models import Meeting
        from wscb.years import year_source_register

        year_source_register(Meeting, board="group__board", year_field="reporting_year")

        from meetings.resources import attendance_import_kind, group_and_meeting_import_kinds, membership_import_kind
        from wscb.data.import_kinds import import_kind_register

        for kind in group_and_meeting_import_kinds():
            import_kind_register(kind)
        import_kind_register(membership_import_kind())
        import_kind_register(attendance_import_kind())
