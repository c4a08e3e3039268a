"""Security actions on the back office's user list: reset second factor, sign out everywhere.

Each asks for confirmation on an intermediate page first.
"""

from django.contrib import admin, messages
from django.template.response import TemplateResponse


def _confirm(modeladmin, request, queryset, *, action, title, explanation, button):
    return TemplateResponse(
        request,
        "admin/wscb/confirm_user_action.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "explanation": explanation,
            "button": button,
            "queryset": queryset,
            "action": action,
            "opts": modeladmin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        },
    )


@admin.action(description="Reset second factor (they set it up again at next sign-in)", permissions=["change"])
def reset_second_factor(modeladmin, request, queryset):
    from wscb.two_factor import second_factor_reset

    if request.POST.get("confirmed") != "yes":
        return _confirm(
            modeladmin,
            request,
            queryset,
            action="reset_second_factor",
            title="Reset second factor?",
            explanation=(
                "Their authenticator app and backup codes will stop working and they will be signed out "
                "everywhere. At their next sign-in they must set up two-step sign-in again."
            ),
            button="Yes, reset their second factor",
        )
    for user in queryset:
        second_factor_reset(request=request, user=user)
    messages.success(request, f"Second factor reset for {queryset.count()} user(s).")
    return None


@admin.action(description="Sign out everywhere", permissions=["change"])
def sign_out_everywhere(modeladmin, request, queryset):
    from wscb.audit import audit_record
    from wscb.models import AuditAction
    from wscb.sessions import sessions_end_all

    if request.POST.get("confirmed") != "yes":
        return _confirm(
            modeladmin,
            request,
            queryset,
            action="sign_out_everywhere",
            title="Sign out everywhere?",
            explanation="Every session of these people ends now; they can sign in again.",
            button="Yes, sign them out",
        )
    for user in queryset:
        count = sessions_end_all(user=user)
        audit_record(request=request, action=AuditAction.SESSIONS_ENDED, obj=user, detail=f"{count} sessions")
    messages.success(request, f"Signed out {queryset.count()} user(s) everywhere.")
    return None


class AuditedModelAdmin:
    """Mixin for any ModelAdmin: additions, changes (with the changed field names) and deletions
    made in the back office are written to the audit trail::

        @admin.register(Meeting)
        class MeetingAdmin(AuditedModelAdmin, admin.ModelAdmin): ...
    """

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        from wscb.audit import audit_record
        from wscb.models import AuditAction

        if change:
            changed = ", ".join(form.changed_data) if form is not None else ""
            audit_record(request=request, action=AuditAction.CHANGED, obj=obj, detail=f"Changed: {changed}"[:500])
        else:
            audit_record(request=request, action=AuditAction.CREATED, obj=obj)

    def save_formset(self, request, form, formset, change):
        """Inline rows too: each added, changed (with field names) or deleted row is one event."""
        from wscb.audit import audit_deleted, audit_record, audit_record_many
        from wscb.models import AuditAction

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
        from wscb.audit import audit_deleted

        with audit_deleted(request=request, objects=[obj]):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        from wscb.audit import audit_deleted

        with audit_deleted(request=request, objects=list(queryset)):
            super().delete_queryset(request, queryset)
