from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "finance"

    def ready(self):
        from finance.selectors import work_queue_items
        from wscb import work_queue

        work_queue.register(work_queue_items)

        from finance.models import FinanceYear
        from wscb.years import year_source_register

        year_source_register(FinanceYear, board="board", year_field="start_year")

        from finance.resources import finance_import_kinds, finance_setup_import_kinds
        from wscb.data.import_kinds import import_kind_register

        for kind in [*finance_setup_import_kinds(), *finance_import_kinds()]:
            import_kind_register(kind)
