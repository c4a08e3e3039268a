"""Back office for the update forms: business support edits next year's form here until its round opens."""

from django.contrib import admin

from reports.selfreports.models import FormSection, FormTemplate, Question
from wscb.audit.admin import AuditedModelAdmin
from wscb.board_admin import BoardScopedInline, BoardScopedModelAdmin


def _frozen(obj) -> bool:
    if obj is None:
        return False
    template = obj if isinstance(obj, FormTemplate) else obj.template
    return template.is_frozen


class FrozenFormMixin:
    """A form is frozen once a round opens: what partners answered must keep its questions."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _frozen(obj)


class FrozenInlineMixin:
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _frozen(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _frozen(obj)


class SectionInline(BoardScopedInline, FrozenInlineMixin, admin.TabularInline):
    model = FormSection
    fields = ("order", "kind", "heading", "guidance", "answers_required")
    extra = 0
    show_change_link = True


@admin.register(FormTemplate)
class FormTemplateAdmin(BoardScopedModelAdmin, AuditedModelAdmin, FrozenFormMixin, admin.ModelAdmin):
    list_display = ("title", "start_year", "board", "frozen_at")
    list_filter = ("board",)
    fields = ("board", "start_year", "title", "introduction", "frozen_at")
    readonly_fields = ("frozen_at",)
    inlines = [SectionInline]


class QuestionInline(BoardScopedInline, FrozenInlineMixin, admin.StackedInline):
    model = Question
    fields = (
        "order",
        "key",
        "text",
        "help_text",
        "kind",
        "choices",
        "is_required",
        "scale",
        "standard",
        "justification_required",
        "action_threshold",
    )
    extra = 0


@admin.register(FormSection)
class FormSectionAdmin(BoardScopedModelAdmin, AuditedModelAdmin, FrozenFormMixin, admin.ModelAdmin):
    list_display = ("heading", "order", "kind", "template")
    list_filter = ("template__board", "template__start_year", "kind")
    fields = ("template", "order", "kind", "heading", "guidance", "answers_required")
    inlines = [QuestionInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "template":
            # Sections can only be added to forms that no round has frozen (the current board's forms).
            kwargs["queryset"] = FormTemplate.objects.filter(frozen_at__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
