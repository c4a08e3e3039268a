"""``{{ field|error_anchor }}``: the id an error summary links to, so following the link puts the
cursor in the field (the first box of a group of radio buttons or tick boxes)."""

from django import template
from django.forms import CheckboxSelectMultiple, RadioSelect

register = template.Library()


@register.filter
def error_anchor(bound_field) -> str:
    widget = bound_field.field.widget
    inner = getattr(widget, "widget", widget)  # the back office wraps related fields' widgets
    if isinstance(inner, RadioSelect | CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


@register.filter
def formsets_have_errors(inline_admin_formsets) -> bool:
    """Whether any of a change form's inline formsets has a problem to list."""
    for inline_admin_formset in inline_admin_formsets or ():
        formset = inline_admin_formset.formset
        if formset.is_bound and (formset.non_form_errors() or any(form.errors for form in formset.forms)):
            return True
    return False
