"""Back office for the annual report's records: context facts, indicators with their figures
and comparators (spreadsheet import/export), engagement events, narrative and published versions."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from reports.annual.models import (
    ComparatorValue,
    ContextFact,
    EngagementEvent,
    Indicator,
    IndicatorValue,
    NarrativeSection,
    PriorityActivity,
    PublishedReport,
    TextFigure,
)
from reports.annual.resources import ComparatorValueResource, IndicatorValueResource
from wscb.audit.admin import AuditedModelAdmin
from wscb.board_admin import BoardScopedInline, BoardScopedModelAdmin
from wscb.data.imports import SafeImportExportMixin


@admin.register(ContextFact)
class ContextFactAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("label", "year_start", "value", "unit", "source", "board")
    list_filter = ("board", "year_start", "kind")
    fields = ("board", "year_start", "kind", "label", "value", "unit", "note", "source", "order")


class IndicatorValueInline(BoardScopedInline, admin.TabularInline):
    model = IndicatorValue
    fields = ("year_start", "numerator", "denominator")
    extra = 1


class ComparatorValueInline(BoardScopedInline, admin.TabularInline):
    model = ComparatorValue
    fields = ("year_start", "comparator", "value")
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("name", "code", "unit", "polarity", "order", "is_active")
    list_filter = ("board", "unit", "polarity", "is_active")
    search_fields = ("name", "code")
    fields = (
        "board",
        "code",
        "order",
        "name",
        "description",
        "unit",
        "numerator_label",
        "denominator_label",
        "polarity",
        "source",
        "priority",
        "is_active",
    )
    inlines = [IndicatorValueInline, ComparatorValueInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(BoardScopedModelAdmin, AuditedModelAdmin, SafeImportExportMixin, ImportExportModelAdmin):
    resource_classes = [IndicatorValueResource]

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "board": request.board}

    list_display = ("indicator", "year_start", "numerator", "denominator")
    list_filter = ("year_start", "indicator__board")
    fields = ("indicator", "year_start", "numerator", "denominator")


@admin.register(ComparatorValue)
class ComparatorValueAdmin(BoardScopedModelAdmin, AuditedModelAdmin, SafeImportExportMixin, ImportExportModelAdmin):
    resource_classes = [ComparatorValueResource]

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "board": request.board}

    list_display = ("indicator", "year_start", "comparator", "value")
    list_filter = ("year_start", "comparator", "indicator__board")
    fields = ("indicator", "year_start", "comparator", "value")


@admin.register(EngagementEvent)
class EngagementEventAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("title", "year_start", "held_on", "date_precision", "audience", "reach", "board")
    list_filter = ("board", "year_start", "audience", "date_precision")
    search_fields = ("title",)
    fields = (
        "board",
        "year_start",
        ("held_on", "date_precision"),
        "date_note",
        "audience",
        "title",
        ("reach", "is_reach_minimum"),
        "description",
        "priority",
    )


@admin.register(TextFigure)
class TextFigureAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    """Figures the report's text states, checked by the reconciliation against the records (or, for a
    percentage, against the parts it is worked out from). Figure names are listed beside the editor."""

    list_display = ("label", "year_start", "section", "value", "comparison", "figure", "board")
    list_filter = ("board", "year_start", "section", "comparison")
    search_fields = ("label", "quote")
    fields = (
        "board",
        "year_start",
        "section",
        "order",
        "label",
        "quote",
        "value",
        "comparison",
        "figure",
        "base",
        "note",
    )


@admin.register(NarrativeSection)
class NarrativeSectionAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("kind", "year_start", "board", "updated_at", "updated_by")
    list_filter = ("board", "year_start", "kind")
    readonly_fields = ("board", "year_start", "kind", "body", "signed_by", "version", "updated_at", "updated_by")

    def has_add_permission(self, request):
        return False  # written on the report pages, where the edit conflict check applies

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PriorityActivity)
class PriorityActivityAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("priority", "year_start", "updated_at")
    list_filter = ("year_start", "priority__board")
    readonly_fields = ("priority", "year_start", "text", "version", "updated_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PublishedReport)
class PublishedReportAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("board", "year_start", "number", "page_count", "published_at", "published_by")
    list_filter = ("board", "year_start")
    fields = ("board", "year_start", "number", "page_count", "published_at", "published_by")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # frozen: a published version never changes
