"""The public's addresses for published annual reports (no sign-in; see ``public_views``)."""

from django.urls import path, re_path

from reports.annual import public_views

app_name = "public"
YEAR = r"(?P<year>[0-9]{4}-[0-9]{2})"
urlpatterns = [
    path("<slug:board_slug>/", public_views.PublicReportListView.as_view(), name="board-reports"),
    re_path(rf"^(?P<board_slug>[-a-zA-Z0-9_]+)/{YEAR}/$", public_views.PublicReportView.as_view(), name="report"),
    re_path(
        rf"^(?P<board_slug>[-a-zA-Z0-9_]+)/{YEAR}/report\.(?P<fmt>pdf|docx|html)$",
        public_views.PublicReportFileView.as_view(),
        name="report-file",
    ),
    re_path(
        rf"^(?P<board_slug>[-a-zA-Z0-9_]+)/{YEAR}/v(?P<number>[0-9]+)/$",
        public_views.PublicReportView.as_view(),
        name="version",
    ),
    re_path(
        rf"^(?P<board_slug>[-a-zA-Z0-9_]+)/{YEAR}/v(?P<number>[0-9]+)/report\.(?P<fmt>pdf|docx|html)$",
        public_views.PublicReportFileView.as_view(),
        name="version-file",
    ),
]
