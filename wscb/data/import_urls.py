"""The Imports page and the import pages every import kind shares."""

from django.urls import path

from wscb.data import import_views as views

app_name = "imports"
urlpatterns = [
    path("", views.ImportListView.as_view(), name="list"),
    path("<slug:kind>/", views.ImportPageView.as_view(), name="import"),
    path("<slug:kind>/confirm/", views.ImportConfirmView.as_view(), name="confirm"),
    path("<slug:kind>/cancel/", views.ImportCancelView.as_view(), name="cancel"),
    path("<slug:kind>/template.<str:fmt>", views.ImportTemplateView.as_view(), name="template"),
]
