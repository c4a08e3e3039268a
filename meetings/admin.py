"""Back office for groups, memberships, meetings, attendance and actions (business support)."""

from django.contrib import admin

from meetings.models import Action, Attendance, Group, Meeting, Membership
from wscb.audit.admin import AuditedModelAdmin
from wscb.board_admin import BoardScopedInline, BoardScopedModelAdmin
from wscb.data.versions import VersionedModelAdmin


class MembershipInline(BoardScopedInline, admin.TabularInline):
    model = Membership
    fields = ("person", "role", "job_title", "status", "partner", "order", "started_on", "ended_on")
    autocomplete_fields = ("person", "partner")
    extra = 0


@admin.register(Group)
class GroupAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("name", "board", "kind", "chair", "is_active")
    list_filter = ("board", "kind", "is_active")
    search_fields = ("name",)
    autocomplete_fields = ("chair",)
    fields = (
        "board",
        "name",
        "kind",
        "chair",
        "terms_of_reference",
        "is_active",
        "quorum_minimum_members",
        "quorum_needs_statutory_partners",
        "attendance_threshold_percent",
    )
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("person", "group", "role", "status", "partner", "started_on", "ended_on")
    list_filter = ("group__board", "group", "status", "role")
    search_fields = ("person__full_name", "job_title", "partner__name")
    autocomplete_fields = ("person", "partner")
    fields = ("person", "group", "role", "job_title", "status", "partner", "order", "started_on", "ended_on")


class ActionInline(BoardScopedInline, admin.TabularInline):
    model = Action
    fields = ("description", "owner", "due_on", "status")
    autocomplete_fields = ("owner",)
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(VersionedModelAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    """Guarded by the meeting's version, the one the portal's meeting and attendance forms check."""

    list_display = ("group", "held_on", "status", "venue")
    list_filter = ("group__board", "group", "status")
    date_hierarchy = "held_on"
    fields = ("group", "held_on", "starts_at", "venue", "status", "reporting_year")
    inlines = [ActionInline]


@admin.register(Attendance)
class AttendanceAdmin(VersionedModelAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    """Guarded by the meeting's version: a row changed here makes an open attendance form stale."""

    version_owner = "meeting"

    list_display = ("name", "meeting", "partner", "attendee_role", "status")
    list_filter = ("meeting__group", "status", "attendee_role")
    search_fields = ("name", "partner__name")
    fields = (
        "meeting",
        "membership",
        "name",
        "job_title",
        "partner",
        "represents",
        "attendee_role",
        "status",
        "deputy_name",
        "deputy_job_title",
    )
    raw_id_fields = ("meeting", "membership")
    autocomplete_fields = ("partner",)


@admin.register(Action)
class ActionAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("description", "meeting", "owner", "due_on", "status")
    list_filter = ("status", "owner", "meeting__group")
    search_fields = ("description",)
    fields = ("meeting", "description", "owner", "due_on", "status")
    raw_id_fields = ("meeting",)
    autocomplete_fields = ("owner",)
