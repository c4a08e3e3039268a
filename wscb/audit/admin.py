"""Back office for the audit trail: ``AuditedModelAdmin`` (every app's admins audit their
additions, changes and deletions with it) and the read-only list of audit rows for administrators."""

from django.contrib import admin

from wscb.audit.models import AuditAction, AuditEvent
from wscb.audit.services import audit_deleted, audit_record, audit_record_many
from wscb.data.once import SubmitOnceAdminMixin


class AuditedModelAdmin(SubmitOnceAdminMixin):
    """Mixin for any ModelAdmin: additions, changes (with the changed field names) and deletions
    made in the back office are written to the audit trail, and an add form sent twice adds one
    record (``wscb.data.once``)::

        @admin.register(Meeting)
        class MeetingAdmin(AuditedModelAdmin, admin.ModelAdmin): ...
    """

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            changed = ", ".join(form.changed_data) if form is not None else ""
            audit_record(request=request, action=AuditAction.CHANGED, obj=obj, detail=f"Changed: {changed}"[:500])
        else:
            audit_record(request=request, action=AuditAction.CREATED, obj=obj)

    def save_formset(self, request, form, formset, change):
        """Inline rows too: each added, changed (with field names) or deleted row is one event."""
        going = [f.instance for f in getattr(formset, "deleted_forms", []) if f.instance.pk is not None]
        with audit_deleted(request=request, objects=going):
            super().save_formset(request, form, formset, change)
        added = getattr(formset, "new_objects", [])
        if added:
            audit_record_many(request=request, action=AuditAction.CREATED, objects=added)
        for obj, changed in getattr(formset, "changed_objects", []):
            audit_record(
                request=request, action=AuditAction.CHANGED, obj=obj, detail=f"Changed: {', '.join(changed)}"[:500]
            )

    def delete_model(self, request, obj):
        with audit_deleted(request=request, objects=[obj]):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with audit_deleted(request=request, objects=list(queryset)):
            super().delete_queryset(request, queryset)


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
