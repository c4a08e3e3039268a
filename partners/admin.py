"""Back office for boards, agencies, their memberships of boards, people and users. Who may do what
is decided by role in wscb/roles.py (administrators: users and boards; business support: agencies).

Everything here is the current board's (wscb/board_admin.py): its member agencies and their
membership, the people recorded for it, the users who work for it. Administrators see every
board's users (accounts are the installation's) and may link an agency of another board to the
current one; nobody else is offered another board's agencies or people.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from import_export.admin import ImportExportModelAdmin

from partners import services
from partners.forms import UserCreateForm, UserEditForm
from partners.models import Board, BoardMembership, KeyObjective, Partner, Person, StrategicPriority, User
from partners.resources import PartnerResource
from wscb.accounts.admin import reset_second_factor, sign_out_everywhere
from wscb.audit.admin import AuditedModelAdmin
from wscb.board_admin import BoardScopedInline, BoardScopedModelAdmin, MissingIs404, board_users
from wscb.boards import boards_for
from wscb.data.imports import SafeImportExportMixin
from wscb.forms import SpecificErrorMessagesMixin
from wscb.words import termed

# Roles, not groups, decide permissions (wscb/permissions.py), so groups are not offered.
admin.site.unregister(Group)


@admin.register(Board)
class BoardAdmin(MissingIs404, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("name", "short_name", "term", "is_active")
    fields = ("name", "short_name", "term", "is_active")
    search_fields = ("name", "short_name")

    def get_queryset(self, request):
        # Business support look up the boards they work for; administrators see every one.
        queryset = super().get_queryset(request)
        return queryset if request.user.is_administrator else queryset.filter(pk__in=boards_for(request.user))


class BoardMembershipInline(BoardScopedInline, admin.TabularInline):
    """The agency's membership of the current board (one row; other boards' are theirs)."""

    model = BoardMembership
    fields = ("started_on", "ended_on", "is_statutory", "main_contact")
    autocomplete_fields = ("main_contact",)
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name = termed("membership of this board")
    verbose_name_plural = termed("membership of this board")

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj is not None and obj.board_memberships.exists() else 1


class PartnerForm(SpecificErrorMessagesMixin, forms.ModelForm):
    """Names are unique among the agencies of every board the agency belongs to."""

    website = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Partner
        fields = ("name", "short_name", "sector", "is_active", "address", "website", "notes")

    def clean(self):
        cleaned = super().clean()
        boards = services.agency_boards(partner=self.instance) if self.instance.pk else []
        board = getattr(self, "current_board", None)
        if board is not None and board not in boards:
            boards.append(board)
        message = services.agency_name_clash(
            name=cleaned.get("name") or "",
            short_name=cleaned.get("short_name") or "",
            boards=boards,
            exclude=self.instance,
        )
        if message:
            raise forms.ValidationError(message)
        return cleaned


class StatutoryHereFilter(admin.SimpleListFilter):
    title = "statutory partner"
    parameter_name = "statutory"

    def lookups(self, request, model_admin):
        return (("yes", "Yes"), ("no", "No"))

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(is_statutory_here=self.value() == "yes")
        return queryset


@admin.register(Partner)
class PartnerAdmin(BoardScopedModelAdmin, AuditedModelAdmin, SafeImportExportMixin, ImportExportModelAdmin):
    """The current board's member agencies. A new agency joins the current board; a change to an
    agency other boards share shows in all of them, and its change page says which they are."""

    form = PartnerForm
    resource_classes = [PartnerResource]
    list_display = ("name", "short_name", "sector", "statutory_here", "member_from", "member_until", "is_active")
    list_filter = ("sector", StatutoryHereFilter, "is_active")
    search_fields = ("name", "short_name")
    fields = ("name", "short_name", "sector", "is_active", "address", "website", "notes")
    inlines = [BoardMembershipInline]
    change_form_template = "admin/partners/partner/change_form.html"

    def get_queryset(self, request):
        here = BoardMembership.objects.filter(partner=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                is_statutory_here=Subquery(here.values("is_statutory")[:1]),
                member_from=Subquery(here.values("started_on")[:1]),
                member_until=Subquery(here.values("ended_on")[:1]),
            )
        )

    @admin.display(description="statutory partner", boolean=True, ordering="is_statutory_here")
    def statutory_here(self, obj):
        return obj.is_statutory_here

    @admin.display(description="member from", ordering="member_from")
    def member_from(self, obj):
        return obj.member_from

    @admin.display(description="member until", ordering="member_until")
    def member_until(self, obj):
        return obj.member_until

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.current_board = getattr(request, "board", None) or None  # (none on a request made outside the middleware)
        return form

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "board": request.board}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "board": request.board}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        if formset.model is BoardMembership:
            for inline_form in formset.forms:
                inline_form.instance.board = request.board
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if request.board:  # a new agency (or one whose row was left empty) joins the current board
            services.agency_join_board(partner=form.instance, board=request.board)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        shared_with = []
        if object_id is not None:
            partner = self.get_object(request, object_id)
            if partner is not None:
                shared_with = [board for board in services.agency_boards(partner=partner) if board != request.board]
        return super().changeform_view(
            request, object_id, form_url, {**(extra_context or {}), "shared_with": shared_with}
        )


@admin.register(BoardMembership)
class BoardMembershipAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    """The current board's agencies with their membership. Administrators may add an agency that
    already belongs to another board (a shared agency); business support add new agencies instead."""

    list_display = ("partner", "started_on", "ended_on", "is_statutory", "main_contact")
    list_filter = ("is_statutory",)
    search_fields = ("partner__name", "partner__short_name")
    fields = ("board", "partner", "started_on", "ended_on", "is_statutory", "main_contact")
    autocomplete_fields = ("main_contact",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "partner" and request.user.is_administrator:
            # On purpose: an administrator links an agency another board already has (a shared agency).
            kwargs["queryset"] = Partner.objects.every_board().order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return ("partner",) if obj is not None else ()


@admin.register(Person)
class PersonAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    """The people recorded for the current board; someone added here is recorded for it."""

    list_display = ("full_name", "job_title", "partner", "email", "telephone")
    list_filter = ("partner",)
    search_fields = ("full_name", "job_title", "email", "partner__name", "partner__short_name")
    autocomplete_fields = ("partner", "user")
    fields = ("full_name", "job_title", "email", "telephone", "partner", "user")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if request.board:
            services.person_join_board(person=obj, board=request.board)


@admin.register(User)
class UserAdmin(MissingIs404, AuditedModelAdmin, DjangoUserAdmin):
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

    def get_queryset(self, request):
        """The accounts of the board the user is working in; administrators also see the accounts that
        work for no board yet (administrators, new accounts), to give them one."""
        queryset = super().get_queryset(request)
        of_board = Q(pk__in=board_users(request.board or None).values("pk"))
        if request.user.is_administrator:
            return queryset.filter(of_board | Q(boards__isnull=True)).distinct()
        return queryset.filter(of_board)

    def get_list_filter(self, request):
        # Only administrators work across boards; a board filter would name the others to anyone else.
        return self.list_filter if request.user.is_administrator else ("role", "is_active", "partner__sector")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "boards":
            kwargs["queryset"] = boards_for(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

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


class KeyObjectiveInline(BoardScopedInline, admin.TabularInline):
    model = KeyObjective
    fields = ("order", "text")
    extra = 1


@admin.register(StrategicPriority)
class StrategicPriorityAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("number", "title", "board", "plan_period")
    list_filter = ("board", "plan_period")
    search_fields = ("title",)
    fields = ("board", "plan_period", "first_year", "last_year", "number", "title")
    inlines = [KeyObjectiveInline]
