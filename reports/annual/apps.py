from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    name = "reports.annual"
    label = "annual"
    verbose_name = "Annual report"

    def ready(self):
        from reports.annual.resources import report_import_kinds
        from wscb.data.import_kinds import import_kind_register

        for kind in report_import_kinds():
            import_kind_register(kind)
