from django.urls import path

from training import views

app_name = "training"
urlpatterns = [
    path("", views.SummaryView.as_view(), name="summary"),
    path("impact/<int:pk>/", views.ImpactFileView.as_view(), name="impact-file"),
    path("sessions/", views.SessionListView.as_view(), name="session-list"),
    path("sessions/add/", views.SessionCreateView.as_view(), name="session-create"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session-detail"),
    path("sessions/<int:pk>/book/", views.BookingCreateView.as_view(), name="booking-create"),
    path("sessions/<int:pk>/book-team/", views.TeamBookingView.as_view(), name="team-booking"),
    path("sessions/<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("sessions/<int:pk>/cancel/", views.SessionCancelView.as_view(), name="session-cancel"),
    path("bookings/<int:pk>/cancel/", views.BookingCancelView.as_view(), name="booking-cancel"),
    path("bookings/<int:pk>/accept/", views.BookingAcceptView.as_view(), name="booking-accept"),
    path("courses/<int:pk>/evaluations/", views.CourseEvaluationsView.as_view(), name="course-evaluations"),
    path("agencies/<int:pk>/", views.AgencyView.as_view(), name="agency"),
    path("agencies/<int:pk>/export/", views.AgencyExportView.as_view(), name="agency-export"),
    path("agencies/<int:pk>/charges.pdf", views.AgencyChargesPdfView.as_view(), name="agency-charges-pdf"),
    path("agencies/<int:pk>/invoice-request/", views.InvoiceRequestView.as_view(), name="invoice-request"),
    path("charges/", views.ChargesView.as_view(), name="charges"),
    path("charges/export/", views.ChargesExportView.as_view(), name="charges-export"),
    path("e-learning/import/", views.ELearningImportView.as_view(), name="elearning-import"),
]
