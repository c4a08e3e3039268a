"""Back office: the audit trail (read-only), user actions for security, and no device admin.

django-otp's device admins are removed: they would show other people's secret keys. An
administrator resets a user's second factor with the action on the user list instead.
"""

import contextlib

from django.contrib import admin
from django.contrib.admin.sites import NotRegistered
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from wscb.models import AuditEvent

for model in (TOTPDevice, StaticDevice):
    with contextlib.suppress(NotRegistered):
        admin.site.unregister(model)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only for administrators: audit rows cannot be added, changed or deleted."""

    list_display = ("created_at", "user_label", "action", "content_type", "object_id", "object_label", "ip_address")
    list_filter = ("action", "channel", "content_type")
    search_fields = ("user_label", "object_label", "detail")
    date_hierarchy = "created_at"
    fields = (
        "created_at",
        "user",
        "user_label",
        "action",
        "channel",
        "content_type",
        "object_id",
        "object_label",
        "detail",
        "ip_address",
    )
    readonly_fields = fields
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_administrator
