"""Top-level URLs. Every view is listed in the permission matrix (tests/permission_matrix.py)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from wscb import views
from wscb.accounts import sign_in as portal_auth
from wscb.accounts import views as account_views
from wscb.audit import views as audit_views
from wscb.ops import health
from wscb.security import no_store

account_patterns = [
    path("sign-in/", portal_auth.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", no_store(portal_auth.PasswordChangeView.as_view()), name="password_change"),
    path("password/change/done/", no_store(auth_views.PasswordChangeDoneView.as_view()), name="password_change_done"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(form_class=portal_auth.PortalPasswordResetForm),
        name="password_reset",
    ),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        portal_auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("second-factor/", account_views.SecondFactorView.as_view(), name="two-factor"),
    path("second-factor/code/", account_views.SecondFactorVerifyView.as_view(), name="two-factor-verify"),
    path("second-factor/set-up/", account_views.SecondFactorSetupView.as_view(), name="two-factor-setup"),
    path("second-factor/turn-off/", account_views.SecondFactorTurnOffView.as_view(), name="two-factor-turn-off"),
    path("second-factor/backup-codes/", account_views.BackupCodesView.as_view(), name="two-factor-backup-codes"),
    path("sessions/", account_views.SessionListView.as_view(), name="sessions"),
    path("sessions/<int:pk>/end/", account_views.SessionEndView.as_view(), name="session-end"),
    path("sessions/end-others/", account_views.SessionsEndOthersView.as_view(), name="sessions-end-others"),
]

handler403 = "wscb.views.permission_denied"
handler404 = "wscb.views.page_not_found"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", health.health, name="health"),
    path("jobs/", include("wscb.jobs.urls")),
    path("imports/", include("wscb.data.import_urls")),
    path("board/switch/", views.switch_board, name="board-switch"),
    path("account/", include(account_patterns)),
    path("audit/", audit_views.AuditListView.as_view(), name="audit-list"),
    path("audit/export/", audit_views.AuditExportView.as_view(), name="audit-export"),
    path("partners/", include("partners.urls")),
    path("admin/", admin.site.urls),
    path("meetings/", include("meetings.urls")),
    path("training/", include("training.urls")),
    path("learning/", include("training.selfservice.urls")),  # the training catalogue is public
    path("finance/", include("finance.urls")),
    path("reports/", include("reports.urls")),
    path("report/", include("reports.annual.urls")),
    path("published/", include("reports.annual.public_urls")),  # the only pages open without sign-in
    path("dashboard/", include("reports.dashboards.urls")),
    path("search/", include("reports.search.urls")),
]
