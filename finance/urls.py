from django.urls import path

from finance import views

app_name = "finance"
urlpatterns = [
    path("", views.StatementView.as_view(), name="statement"),
    path("<int:start_year>/", views.YearDetailView.as_view(), name="year-detail"),
    path("<int:start_year>/expenditure/add/", views.ExpenditureCreateView.as_view(), name="expenditure-create"),
    path("expenditure/<int:pk>/edit/", views.ExpenditureUpdateView.as_view(), name="expenditure-update"),
    path("expenditure/<int:pk>/delete/", views.ExpenditureDeleteView.as_view(), name="expenditure-delete"),
    path("contributions/", views.ContributionListView.as_view(), name="contribution-list"),
    path("contributions/<int:pk>/", views.ContributionDetailView.as_view(), name="contribution-detail"),
    path("<int:start_year>/contributions/add/", views.ContributionCreateView.as_view(), name="contribution-create"),
    path("contributions/<int:pk>/edit/", views.ContributionUpdateView.as_view(), name="contribution-update"),
    path("contributions/<int:pk>/delete/", views.ContributionDeleteView.as_view(), name="contribution-delete"),
    path("<int:start_year>/income/add/", views.IncomeCreateView.as_view(), name="income-create"),
    path("income/<int:pk>/edit/", views.IncomeUpdateView.as_view(), name="income-update"),
    path("income/<int:pk>/delete/", views.IncomeDeleteView.as_view(), name="income-delete"),
    path("import/<slug:dataset>/", views.ImportView.as_view(), name="import"),
    path("export/<slug:dataset>/", views.ExportView.as_view(), name="export"),
]
