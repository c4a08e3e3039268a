from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "reports.dashboards"
    label = "dashboards"
    verbose_name = "Board dashboards"
