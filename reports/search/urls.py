"""The search page, at /search/."""

from django.urls import path

from reports.search import views

app_name = "search"
urlpatterns = [path("", views.SearchView.as_view(), name="results")]
