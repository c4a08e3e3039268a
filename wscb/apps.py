from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class WscbConfig(AppConfig):
    default = True
    name = "wscb"
    verbose_name = "Portal"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
        from django.db.models.signals import post_save

        from wscb.accounts import sessions, two_factor
        from wscb.accounts.sessions import stamp_sign_in_time
        from wscb.audit import services as audit

        user_logged_in.connect(stamp_sign_in_time, dispatch_uid="wscb-stamp-sign-in-time")
        user_logged_in.connect(two_factor.on_signed_in, dispatch_uid="wscb-second-factor-enrolled")
        user_logged_in.connect(sessions.on_signed_in, dispatch_uid="wscb-session-record")
        user_logged_in.connect(audit.on_signed_in, dispatch_uid="wscb-audit-signed-in")
        user_login_failed.connect(audit.on_sign_in_failed, dispatch_uid="wscb-audit-sign-in-failed")
        user_logged_out.connect(audit.on_signed_out, dispatch_uid="wscb-audit-signed-out")
        user_logged_out.connect(sessions.on_signed_out, dispatch_uid="wscb-session-record-end")
        post_save.connect(sessions.on_user_saved, sender=get_user_model(), dispatch_uid="wscb-disabled-user-sessions")

        # Back office for the portal's own records: the read-only audit trail, and no device admins
        # (django-otp's admin has been autodiscovered by now, so its registrations can be removed).
        from wscb.accounts.admin import remove_device_admins
        from wscb.audit import admin as audit_admin  # noqa: F401  (registers the audit trail)

        remove_device_admins()

        from wscb.data import changes

        changes.connect_signals()

        from wscb.jobs.schedule import schedule_daily

        schedule_daily(
            key="sessions", label="Clear expired sign-in sessions", task="wscb.accounts.tasks.sessions_clear_task"
        )


class PortalAdminConfig(admin_apps.AdminConfig):
    """The Django admin, branded and role-scoped, as the business-support back office."""

    default = False
    default_site = "wscb.admin.PortalAdminSite"
