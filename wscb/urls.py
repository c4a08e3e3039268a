"""Top-level URLs. Every view is listed in the permission matrix (tests/permission_matrix.py)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from wscb import auth_views as portal_auth
from wscb import views

account_patterns = [
    path("sign-in/", portal_auth.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("board/switch/", views.switch_board, name="board-switch"),
    path("account/", include(account_patterns)),
    path("partners/", include("partners.urls")),
    path("admin/", admin.site.urls),
    path("meetings/", include("meetings.urls")),
    path("training/", include("training.urls")),
    path("finance/", include("finance.urls")),
    path("reports/", include("reports.urls")),
    path("report/", include("reports.annual.urls")),
]
