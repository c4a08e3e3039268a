from django.urls import path

from reports.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("export/<slug:panel>.<str:fmt>", views.PanelExportView.as_view(), name="panel-export"),
    path("agencies/", views.ProfileIndexView.as_view(), name="profile-index"),
    path("agencies/<int:pk>/", views.AgencyProfileView.as_view(), name="agency-profile"),
]
