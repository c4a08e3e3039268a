"""Training self-service addresses: /learning/<board>/... is the public catalogue of a board."""

from django.urls import path

from training.selfservice import views

app_name = "learning"
urlpatterns = [
    path("my/", views.MyTrainingView.as_view(), name="my-training"),
    path("my/verify-again/", views.ResendVerificationView.as_view(), name="verify-again"),
    path("my/bookings/<int:pk>/", views.BookingView.as_view(), name="booking"),
    path("my/bookings/<int:pk>/cancel/", views.BookingCancelView.as_view(), name="booking-cancel"),
    path("my/bookings/<int:pk>/evaluation/", views.EvaluationView.as_view(), name="evaluation"),
    path("my/bookings/<int:pk>/impact/", views.ImpactView.as_view(), name="impact"),
    path("my/bookings/<int:pk>/certificate.pdf", views.CertificateView.as_view(), name="certificate"),
    path("verify/<str:token>/", views.VerifyView.as_view(), name="verify"),
    path("cancel/<str:token>/", views.CancelLinkView.as_view(), name="cancel-link"),
    path("offer/<str:token>/", views.OfferAcceptView.as_view(), name="offer-accept"),
    path("approve/<str:token>/", views.ApprovalView.as_view(), name="approval"),
    path("<slug:board_slug>/", views.CatalogueView.as_view(), name="catalogue"),
    path("<slug:board_slug>/sign-up/", views.SignUpView.as_view(), name="sign-up"),
    path("<slug:board_slug>/sign-up/done/", views.SignUpDoneView.as_view(), name="sign-up-done"),
    path("<slug:board_slug>/sessions/<int:pk>/", views.SessionView.as_view(), name="session"),
    path("<slug:board_slug>/sessions/<int:pk>/session.ics", views.SessionCalendarView.as_view(), name="session-ics"),
    path("<slug:board_slug>/sessions/<int:pk>/book/", views.BookView.as_view(), name="book"),
]
