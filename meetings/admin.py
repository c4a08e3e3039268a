"""Back office for groups, memberships, meetings, attendance and actions (business support), and
the records the meeting's pages keep: agenda items (their wording, versioned), and to look up only,
papers, board packs, minutes, decisions, declarations, action reminders and calendar feeds.

Those are read-only here because the portal's pages keep their rules: papers and packs are files
downloaded (and audited) through the portal, a change of the agenda compiles the pack again, approved
minutes and what they record are frozen, a reminder is a record of an e-mail sent. No file field is
shown (its address would bypass the audited download). A calendar feed may be deleted here: that
revokes it (its owner makes a new one on their Meetings page).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404

from meetings import services
from meetings.models import (
    Action,
    ActionReminder,
    AgendaItem,
    Attendance,
    BoardPack,
    CalendarFeed,
    Decision,
    Declaration,
    Group,
    Meeting,
    Membership,
    Minutes,
    Paper,
)
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
class ActionAdmin(VersionedModelAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    """Guarded by the action's version, the one the owner's progress form checks."""

    list_display = ("description", "meeting", "owner", "due_on", "status")
    list_filter = ("status", "owner", "meeting__group")
    search_fields = ("description",)
    fields = ("meeting", "description", "owner", "due_on", "status", "progress")
    raw_id_fields = ("meeting",)
    autocomplete_fields = ("owner",)


class NotDeletedHere:
    """For an admin that deletes nothing: another board's record (or none) is still "not found" on the
    delete page, as on every other page, before "you may not delete it"."""

    def delete_view(self, request, object_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404(f"No {self.opts.verbose_name} with that number here.")
        return super().delete_view(request, object_id, extra_context)


class ReadOnlyAdmin(NotDeletedHere):
    """Listed and looked at only: the portal's pages make and change these records."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PaperInline(ReadOnlyAdmin, BoardScopedInline, admin.TabularInline):
    model = Paper
    fields = ("title", "original_name", "uploaded_at")
    readonly_fields = fields
    extra = 0


@admin.register(AgendaItem)
class AgendaItemAdmin(NotDeletedHere, VersionedModelAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    """An item's wording, presenter and purpose; guarded by the item's version (the portal's form
    checks it). Items are added, numbered, moved and removed on the meeting's page; a change here
    compiles the pack again, as there."""

    list_display = ("title", "meeting", "position", "purpose", "presenter")
    list_filter = ("purpose", "meeting__group")
    search_fields = ("title", "presenter__full_name")
    fields = ("meeting", "position", "title", "presenter", "presenter_agency", "purpose", "minutes_allowed")
    readonly_fields = ("meeting", "position")
    autocomplete_fields = ("presenter", "presenter_agency")
    inlines = [PaperInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.agenda_changed(meeting=obj.meeting, by=request.user)


@admin.register(Paper)
class PaperAdmin(ReadOnlyAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("title", "agenda_item", "original_name", "uploaded_at")
    list_filter = ("agenda_item__meeting__group",)
    search_fields = ("title", "original_name", "agenda_item__title")
    fields = ("agenda_item", "title", "original_name", "uploaded_at")
    readonly_fields = fields


@admin.register(BoardPack)
class BoardPackAdmin(ReadOnlyAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("meeting", "pages", "word_papers", "compiled_at")
    list_filter = ("meeting__group", "word_papers")
    fields = ("meeting", "pages", "word_papers", "compiled_at", "state_key")


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("meeting", "number", "status", "approved_on", "approved_recorded_by")
    list_filter = ("status", "meeting__group")
    fields = (
        "meeting",
        "number",
        "status",
        "opening",
        "item_texts",
        "original_name",
        "correction_reason",
        "created_by",
        "created_at",
        "approved_on",
        "approved_at_meeting",
        "approved_recorded_by",
        "record",
    )
    readonly_fields = fields


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("__str__", "agenda_item", "decided_on", "votes_for", "votes_against", "abstentions")
    list_filter = ("agenda_item__meeting__group",)
    search_fields = ("text", "agenda_item__title")
    date_hierarchy = "decided_on"
    fields = ("agenda_item", "text", "decided_on", "votes_for", "votes_against", "abstentions")


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("__str__", "agenda_item", "attendance")
    list_filter = ("agenda_item__meeting__group",)
    search_fields = ("interest", "attendance__name")
    fields = ("agenda_item", "attendance", "interest")


@admin.register(ActionReminder)
class ActionReminderAdmin(ReadOnlyAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("action", "kind", "due_on", "sent_on")
    list_filter = ("kind",)
    date_hierarchy = "sent_on"
    fields = ("action", "kind", "due_on", "sent_on", "recipients")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    """Who has a personal calendar feed, and when it was last read; deleting one revokes it."""

    list_display = ("user", "created_at", "last_used_at")
    search_fields = ("user__full_name", "user__email")
    fields = ("user", "created_at", "last_used_at")
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return super(ReadOnlyAdmin, self).has_delete_permission(request, obj)
