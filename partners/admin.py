"""Back office for boards, agencies and users. Who may do what is decided by role in
wscb/permissions.py (administrators: users and boards; business support: agencies)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db import models
from import_export.admin import ImportExportModelAdmin

from partners.forms import UserCreateForm, UserEditForm
from partners.models import Board, KeyObjective, Partner, Person, StrategicPriority, User
from partners.resources import PartnerResource
from wscb.accounts.admin import reset_second_factor, sign_out_everywhere
from wscb.audit.admin import AuditedModelAdmin
from wscb.data.imports import SafeImportExportMixin

# Roles, not groups, decide permissions (wscb/permissions.py), so groups are not offered.
admin.site.unregister(Group)


@admin.register(Board)
class BoardAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("name", "short_name", "term", "is_active")
    fields = ("name", "short_name", "term", "is_active")
    search_fields = ("name", "short_name")


@admin.register(Partner)
class PartnerAdmin(AuditedModelAdmin, SafeImportExportMixin, ImportExportModelAdmin):
    resource_classes = [PartnerResource]
    list_display = ("name", "short_name", "sector", "is_statutory", "is_active")
    list_filter = ("sector", "is_statutory", "is_active")
    search_fields = ("name", "short_name")
    autocomplete_fields = ("main_contact",)
    fields = (
        "name",
        "short_name",
        "sector",
        "is_statutory",
        "is_active",
        "address",
        "website",
        "main_contact",
        "notes",
        "membership_started_on",
        "membership_ended_on",
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("full_name", "job_title", "partner", "email", "telephone")
    list_filter = ("partner",)
    search_fields = ("full_name", "job_title", "email", "partner__name", "partner__short_name")
    autocomplete_fields = ("partner", "user")
    fields = ("full_name", "job_title", "email", "telephone", "partner", "user")


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    list_display = ("full_name", "email", "role", "partner", "is_active", "last_login")
    list_filter = ("role", "is_active", "boards", "partner__sector")
    search_fields = ("full_name", "email", "job_title", "partner__name", "partner__short_name")
    ordering = ("full_name",)
    filter_horizontal = ("boards",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "job_title", "telephone")}),
        ("Role and scope", {"fields": ("role", "partner", "boards", "is_active")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),
        ("Person", {"fields": ("full_name", "job_title", "telephone")}),
        ("Role and scope", {"fields": ("role", "partner", "boards")}),
    )
    actions = [reset_second_factor, sign_out_everywhere]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            from wscb.audit.services import audit_user_changes

            audit_user_changes(request=request, user=form.instance, changed_fields=form.changed_data)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            from wscb.accounts.sign_in import audit_password_changed

            audit_password_changed(request, target=self.get_object(request, id), how="set by an administrator")
        return response


class KeyObjectiveInline(admin.TabularInline):
    model = KeyObjective
    fields = ("order", "text")
    extra = 1


@admin.register(StrategicPriority)
class StrategicPriorityAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("number", "title", "board", "plan_period")
    list_filter = ("board", "plan_period")
    search_fields = ("title",)
    fields = ("board", "plan_period", "first_year", "last_year", "number", "title")
    inlines = [KeyObjectiveInline]
