"""Back office for the training catalogue, sessions, rates, stated totals and e-learning."""

import uuid

from django import forms
from django.contrib import admin
from django.db import transaction

from training.models import (
    Booking,
    ChargeRate,
    Course,
    CoursePlan,
    ELearningEnrolment,
    ELearningModule,
    ELearningModuleTotal,
    ELearningPackage,
    OtherActivity,
    Session,
    TrainingPolicy,
    YearStatement,
)
from wscb.audit.admin import AuditedModelAdmin
from wscb.board_admin import BoardScopedInline, BoardScopedModelAdmin
from wscb.data.versions import VersionedModelAdmin
from wscb.forms import SpecificErrorMessagesMixin


class CoursePlanForm(SpecificErrorMessagesMixin, forms.ModelForm):
    """Impact reports: checked with ``wscb.data.uploads`` (PDF or Word, content matching the name, no macros)
    and stored under a generated name; the file replaced or cleared is removed from disk."""

    class Meta:
        model = CoursePlan
        fields = (
            "start_year",
            "programme",
            "position",
            "courses_planned",
            "are_figures_recorded",
            "stated_delivered",
            "stated_cancelled",
            "stated_places",
            "stated_attended",
            "has_impact_report",
            "impact_file",
            "impact_summary",
            "evaluation_score",
            "evaluation_responses",
        )

    def clean_impact_file(self):
        from wscb.data.uploads import _kind_of_name, validate_upload

        upload = self.cleaned_data.get("impact_file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            validate_upload(upload, kinds=("pdf", "docx"))
            kind = _kind_of_name(upload.name)
            upload.name = f"{uuid.uuid4().hex}.{'pdf' if kind == 'pdf' else 'docx'}"
        return upload

    def save(self, commit=True):
        old = ""
        if self.instance.pk and "impact_file" in self.changed_data:
            old = CoursePlan.objects.filter(pk=self.instance.pk).values_list("impact_file", flat=True).first() or ""
        instance = super().save(commit=commit)
        if old and old != instance.impact_file.name:
            storage = CoursePlan._meta.get_field("impact_file").storage
            transaction.on_commit(lambda: storage.delete(old))
        return instance


class CoursePlanInline(BoardScopedInline, admin.StackedInline):
    model = CoursePlan
    form = CoursePlanForm
    extra = 0
    fields = (
        ("start_year", "programme", "position"),
        ("courses_planned", "are_figures_recorded"),
        ("stated_delivered", "stated_cancelled", "stated_places", "stated_attended"),
        ("has_impact_report", "impact_file"),
        "impact_summary",
        ("evaluation_score", "evaluation_responses"),
    )


@admin.register(Course)
class CourseAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("title", "board", "delivery", "level", "is_active")
    list_filter = ("board", "delivery", "is_active", "plans__programme", "plans__start_year")
    search_fields = ("title", "description")
    fields = (
        "board",
        "title",
        "description",
        "level",
        "audience",
        "topic",
        "delivery",
        "priorities",
        "learning_outcomes",
        "requires_manager_approval",
        "impact_follow_up_weeks",
        "is_active",
    )
    filter_horizontal = ("priorities",)
    inlines = [CoursePlanInline]


@admin.register(Session)
class SessionAdmin(VersionedModelAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    """Guarded by the session's version, the one the portal's attendance and cancellation forms check."""

    list_display = ("course", "starts_on", "venue", "places_available", "status", "cancellation_reason")
    list_filter = ("status", "cancellation_reason", "course__board")
    search_fields = ("course__title", "venue", "trainer_names")
    date_hierarchy = "starts_on"
    fields = (
        "course",
        ("starts_on", "start_time", "end_time"),
        ("venue", "is_online"),
        "joining_instructions",
        "places_available",
        "trainer_names",
        "trainer_agencies",
        "status",
        ("cancellation_reason", "cancelled_on"),
    )
    filter_horizontal = ("trainer_agencies",)
    autocomplete_fields = ("course",)


@admin.register(Booking)
class BookingAdmin(VersionedModelAdmin, BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    """Guarded by the session's version: a booking changed here makes an open attendance form stale."""

    version_owner = "session"

    list_display = ("delegate_name", "session", "partner", "organisation_name", "status", "is_late_cancellation")
    list_filter = ("status", "is_late_cancellation")
    search_fields = ("delegate_name", "email", "organisation_name", "partner__name", "session__course__title")
    fields = (
        "session",
        "delegate_name",
        "email",
        "job_title",
        "partner",
        "organisation_name",
        "status",
        ("manager_email", "approval_requested_at"),
        ("cancelled_on", "is_late_cancellation"),
    )
    readonly_fields = ("approval_requested_at",)
    raw_id_fields = ("session",)


@admin.register(TrainingPolicy)
class TrainingPolicyAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("board", "late_cancellation_days", "late_cancellation_counts", "places_count")
    fields = (
        "board",
        ("late_cancellation_days", "late_cancellation_counts"),
        "places_count",
        "charging_policy",
        "reminder_days",
        "offer_hours",
        "approval_hours",
    )


@admin.register(ChargeRate)
class ChargeRateAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("board", "sector", "reason", "amount")
    list_filter = ("board", "sector", "reason")
    fields = ("board", "sector", "reason", "amount")


@admin.register(YearStatement)
class YearStatementAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("board", "start_year", "places_booked", "attended", "cancelled", "did_not_attend", "source")
    fields = (
        "board",
        "start_year",
        "source",
        ("places_booked", "attended", "cancelled", "did_not_attend"),
        "sessions_cancelled",
        (
            "cancelled_lack_of_participants",
            "cancelled_trainer_unavailable",
            "cancelled_room_unavailable",
            "cancelled_other",
        ),
    )


@admin.register(ELearningModule)
class ELearningModuleAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("title", "board", "is_in_package")
    list_filter = ("board", "is_in_package")
    search_fields = ("title",)
    fields = ("board", "title", "is_in_package")


@admin.register(ELearningPackage)
class ELearningPackageAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("board", "start_year", "licences_purchased", "cost", "stated_allocated", "stated_completed")
    fields = (
        "board",
        "start_year",
        "licences_purchased",
        ("cost", "stated_cost_per_licence"),
        ("stated_allocated", "stated_completed", "stated_completion_rate"),
    )


@admin.register(ELearningModuleTotal)
class ELearningModuleTotalAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    """Completions by module as the provider reports them, for years whose licences are not recorded one by one."""

    list_display = ("module", "start_year", "completed", "allocated", "position")
    list_filter = ("start_year", "module__board")
    search_fields = ("module__title",)
    fields = ("module", "start_year", "position", ("completed", "allocated"))  # a board has a few modules: a list


@admin.register(ELearningEnrolment)
class ELearningEnrolmentAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("learner_name", "module", "partner", "organisation_name", "allocated_on", "completed_on")
    list_filter = ("module",)
    search_fields = ("learner_name", "organisation_name", "partner__name")
    date_hierarchy = "allocated_on"
    fields = ("module", "learner_name", "partner", "organisation_name", "allocated_on", "completed_on")


@admin.register(OtherActivity)
class OtherActivityAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("description", "kind", "start_year", "settings_count", "people_trained", "board")
    list_filter = ("board", "kind", "start_year")
    fields = ("board", "start_year", "kind", "description", "settings_count", "people_trained")
