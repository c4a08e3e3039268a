from django.urls import path

from partners import views

app_name = "partners"
urlpatterns = [
    path("", views.PartnerListView.as_view(), name="partner-list"),
    path("<int:pk>/", views.PartnerDetailView.as_view(), name="partner-detail"),
    path("import/", views.PartnerImportView.as_view(), name="partner-import"),
    path("current-year/", views.CurrentYearView.as_view(), name="current-year"),
]
