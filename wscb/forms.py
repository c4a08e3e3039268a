"""Error messages that say what is wrong with which field (the GOV.UK error pattern), for every form.

Django's messages are generic ("This field is required.", "Enter a valid date."); in an error
summary that lists every problem at the top of the page they do not say which answer needs
fixing. ``SpecificErrorMessagesMixin`` rewrites each field's default messages from its label::

    class MeetingForm(SpecificErrorMessagesMixin, forms.ModelForm): ...

gives "Enter the venue", "Select the group", "Date must be a real date, like 31/03/2017",
"Venue must be 200 characters or fewer"; a question as a label is quoted ("Enter an answer to
“How is board information shared?”"). A message a form sets itself (``error_messages=...`` or ``add_error``) is
left alone. ``tests/wscb/test_every_form_has_specific_error_messages.py`` fails for a form class
in the project without the mixin; the back office gets it through ``wscb.admin``.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import pretty_name

#: Words after which a label needs no "the": "Enter your name", "Select a file".
_DETERMINERS = ("the", "a", "an", "your", "my", "our", "their", "this", "these", "each", "every", "any", "who")


def _is_question(label: str) -> bool:
    """A label that is a question or a sentence is quoted, not worked into the message."""
    label = str(label).strip()
    return label.endswith("?") or len(label) > 60


def _phrase(label: str) -> str:
    """The label as it reads inside a sentence: "Deputy's name" -> "the deputy's name"; an
    abbreviation or a name at the start keeps its capitals ("the CSE lead")."""
    label = str(label).strip().rstrip(":").strip()
    first = label.split(" ", 1)[0]
    if not (len(first) > 1 and (first.isupper() or first[1:].lower() != first[1:])):
        label = label[:1].lower() + label[1:]
    if first.lower() in _DETERMINERS:
        return label
    return f"the {label}"


def _sentence(label: str) -> str:
    label = str(label).strip().rstrip(":").strip()
    return label[:1].upper() + label[1:]


def _default_messages(field: forms.Field) -> dict:
    """The messages Django gives ``field`` when nobody has set their own."""
    messages = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def specific_messages(field: forms.Field, label: str) -> dict:
    """The messages for ``field`` (labelled ``label``), keyed by Django's error codes."""
    phrase, name = _phrase(label), _sentence(label)
    if _is_question(label):
        phrase, name = f"an answer to “{str(label).strip()}”", f"The answer to “{str(label).strip()}”"
    widget = field.widget
    choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField) or isinstance(
        widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple
    )
    if isinstance(field, forms.BooleanField):
        required = f"Tick “{_sentence(label)}” to continue"
    elif isinstance(field, forms.FileField):
        required = f"Choose the file for {phrase}"
    elif isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        required = f"Select at least one {phrase}" if not phrase.endswith("s") else f"Select {phrase}"
    elif choosing:
        required = f"Select {phrase}"
    else:
        required = f"Enter {phrase}"
    messages = {"required": required}
    if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = f"{name} must be a whole number"
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = f"{name} must be a number"
        messages["max_digits"] = f"{name} must have no more than %(max)s digits"
        messages["max_decimal_places"] = f"{name} must have no more than %(max)s decimal places"
        messages["max_whole_digits"] = f"{name} must have no more than %(max)s digits before the decimal point"
    elif isinstance(field, forms.DateTimeField):
        messages["invalid"] = f"{name} must be a real date and time"
    elif isinstance(field, forms.DateField):
        messages["invalid"] = f"{name} must be a real date, like 31/03/2017"
    elif isinstance(field, forms.TimeField):
        messages["invalid"] = f"{name} must be a real time, like 14:30"
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = f"Enter {phrase} in the correct format, like name@example.org"
    elif isinstance(field, forms.URLField):
        messages["invalid"] = f"Enter {phrase} as a web address, like https://example.org"
    elif isinstance(field, forms.FileField):
        messages["invalid"] = f"The file for {phrase} could not be read: choose it again"
        messages["missing"] = f"Choose the file for {phrase}"
    from_the_list = f"Select {phrase} from the list"  # noqa: S608 (an English sentence, not SQL)
    if choosing:
        messages["invalid_choice"] = messages["invalid_pk_value"] = from_the_list
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        messages["invalid_list"] = from_the_list
    if isinstance(field, forms.CharField):
        messages["max_length"] = f"{name} must be %(limit_value)d characters or fewer"
        messages["min_length"] = f"{name} must be at least %(limit_value)d characters"
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        messages["min_value"] = f"{name} must be %(limit_value)s or more"
        messages["max_value"] = f"{name} must be %(limit_value)s or less"
        messages["step_size"] = f"{name} must be a multiple of %(limit_value)s"
    return messages


HIDDEN_FIELD_MESSAGE = "Part of this form was missing or out of date: reload the page and try again"


def apply_specific_messages(form: forms.BaseForm) -> None:
    """Give every field of ``form`` specific messages where it still has Django's defaults."""
    for name, field in form.fields.items():
        defaults = _default_messages(field)
        if isinstance(field.widget, forms.HiddenInput):
            # Not something a person can correct: the page was tampered with or is out of date.
            messages = {"required": HIDDEN_FIELD_MESSAGE, "invalid": HIDDEN_FIELD_MESSAGE}
        else:
            messages = specific_messages(field, field.label if field.label else pretty_name(name))
        for code, message in messages.items():
            current = field.error_messages.get(code)
            if current is None or str(current) == str(defaults.get(code, "")):
                field.error_messages[code] = message


class SpecificErrorMessagesMixin:
    """Mix into every form (before ``forms.Form``/``forms.ModelForm``); see the module docstring."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        apply_specific_messages(self)


def with_specific_messages(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    """``form_class`` with the mixin (for forms made by factories, such as the back office's)."""
    if issubclass(form_class, SpecificErrorMessagesMixin):
        return form_class
    return type(form_class.__name__, (SpecificErrorMessagesMixin, form_class), {"__module__": form_class.__module__})
