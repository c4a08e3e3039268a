"""Back office for finance set-up: expenditure categories (ordered) and financial years with the
reserves opening balance and stated figures. Lines are edited in the portal's finance pages,
where concurrent edits are guarded."""

from django.contrib import admin

from finance.models import ExpenditureCategory, FinanceYear, StatedFigure
from wscb.audit.admin import AuditedModelAdmin
from wscb.board_admin import BoardScopedInline, BoardScopedModelAdmin


@admin.register(ExpenditureCategory)
class ExpenditureCategoryAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("name", "order", "is_active", "board")
    list_editable = ("order", "is_active")
    list_filter = ("board", "is_active")
    search_fields = ("name",)
    fields = ("board", "name", "order", "is_active")
    ordering = ("board", "order", "name")


class StatedFigureInline(BoardScopedInline, admin.TabularInline):
    model = StatedFigure
    fields = ("figure", "amount", "source")
    extra = 0


@admin.register(FinanceYear)
class FinanceYearAdmin(BoardScopedModelAdmin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ("__str__", "board", "start_year", "opening_reserves")
    list_filter = ("board",)
    fields = ("board", "start_year", "opening_reserves", "notes")
    inlines = [StatedFigureInline]
    ordering = ("board", "-start_year")
