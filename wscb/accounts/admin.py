"""Back office for accounts: the user list's security actions (reset second factor, sign out
everywhere), each confirmed on an intermediate page first, and no device admin.

django-otp's device admins are removed (``remove_device_admins``, called once the admin has
autodiscovered): they would show other people's secret keys. An administrator resets a user's
second factor with the action on the user list instead.
"""

import contextlib

from django.contrib import admin, messages
from django.contrib.admin.sites import NotRegistered
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
    from wscb.accounts.two_factor import second_factor_reset

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
    from wscb.accounts.sessions import sessions_end_all
    from wscb.audit.models import AuditAction
    from wscb.audit.services import audit_record

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


def remove_device_admins() -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        with contextlib.suppress(NotRegistered):
            admin.site.unregister(model)
