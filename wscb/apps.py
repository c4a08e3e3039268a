from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class WscbConfig(AppConfig):
    default = True
    name = "wscb"
    verbose_name = "Portal"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from wscb.middleware import stamp_sign_in_time

        user_logged_in.connect(stamp_sign_in_time, dispatch_uid="wscb-stamp-sign-in-time")


class PortalAdminConfig(admin_apps.AdminConfig):
    """The Django admin, branded and role-scoped, as the business-support back office."""

    default = False
    default_site = "wscb.admin.PortalAdminSite"
