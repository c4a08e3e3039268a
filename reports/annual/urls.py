from django.urls import path, re_path

from reports.annual import views

app_name = "annual"
urlpatterns = [
    path("", views.ReportIndexView.as_view(), name="index"),
    path("<int:start_year>/draft/", views.DraftView.as_view(), name="draft"),
    path("<int:start_year>/draft/<slug:slug>/", views.DraftSectionView.as_view(), name="draft-section"),
    re_path(
        r"^(?P<start_year>[0-9]{4})/draft\.(?P<fmt>pdf|docx|html)$",
        views.DraftDownloadView.as_view(),
        name="draft-download",
    ),
    path("<int:start_year>/readiness/", views.ReadinessView.as_view(), name="readiness"),
    path("<int:start_year>/publish/", views.PublishView.as_view(), name="publish"),
    path("<int:start_year>/narrative/<slug:kind>/", views.NarrativeEditView.as_view(), name="narrative-edit"),
    path(
        "<int:start_year>/priority/<int:priority_pk>/activity/", views.ActivityEditView.as_view(), name="activity-edit"
    ),
    path("<int:start_year>/training-income/", views.TrainingIncomeView.as_view(), name="training-income"),
    path("<int:start_year>/settings/", views.ReportSettingsView.as_view(), name="settings"),
    path("published/<int:pk>/", views.PublishedView.as_view(), name="published"),
    re_path(
        r"^published/(?P<pk>[0-9]+)/report\.(?P<fmt>pdf|docx|html)$",
        views.PublishedView.as_view(),
        name="published-file",
    ),
]
