"""URLs of the reports app: partner self-reports (more to come: the annual report)."""

from reports.selfreports.urls import urlpatterns as selfreport_patterns

app_name = "reports"
urlpatterns = [*selfreport_patterns]
