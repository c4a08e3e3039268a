from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    name = "reports.annual"
    label = "annual"
    verbose_name = "Annual report"
