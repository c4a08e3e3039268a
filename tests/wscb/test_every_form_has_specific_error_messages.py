"""Every form says what is wrong with which field: no "This field is required." anywhere.

The rule (``wscb.forms.SpecificErrorMessagesMixin``) is checked on every form class defined in the
project, on every form a view of the URL map uses (Django's own included), and on the back
office's forms, inline rows and editable lists (``wscb.admin.AccessibleAdminMixin``).
"""

import importlib
import inspect

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from tests.wscb.test_import_graph import project_modules
from wscb.forms import SpecificErrorMessagesMixin, apply_specific_messages, specific_messages

GENERIC = {"This field is required.", "Enter a valid date.", "Enter a whole number.", "Enter a number."}


def project_form_classes():
    found = {}
    for name in project_modules():
        if name.startswith("bench") or ".management." in name or name.endswith(".settings"):
            continue
        module = importlib.import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == name:
                found[f"{name}.{value.__qualname__}"] = value
    return found


def view_form_classes():
    found = {}

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
                continue
            assert isinstance(pattern, URLPattern)
            callback = pattern.callback
            while hasattr(callback, "__wrapped__") and not hasattr(callback, "view_class"):
                callback = callback.__wrapped__
            view_class = getattr(callback, "view_class", None)
            if view_class is None:
                continue
            initkwargs = getattr(callback, "view_initkwargs", {}) or {}
            form_class = initkwargs.get("form_class") or getattr(view_class, "form_class", None)
            if form_class is not None:
                found[f"{prefix}{pattern.pattern} ({view_class.__name__})"] = form_class

    walk(get_resolver().url_patterns)
    return found


def test_the_project_has_forms_to_check():
    assert len(project_form_classes()) > 20
    assert len(view_form_classes()) > 10


@pytest.mark.parametrize("name", sorted(project_form_classes()))
def test_every_form_class_in_the_project_has_specific_messages(name):
    form_class = project_form_classes()[name]
    assert issubclass(form_class, SpecificErrorMessagesMixin), (
        f"{name} must mix in wscb.forms.SpecificErrorMessagesMixin (before forms.Form or forms.ModelForm)"
    )


@pytest.mark.parametrize("name", sorted(view_form_classes()))
def test_every_form_a_view_uses_has_specific_messages(name):
    form_class = view_form_classes()[name]
    assert issubclass(form_class, SpecificErrorMessagesMixin), (
        f"{name} uses {form_class.__module__}.{form_class.__qualname__}: give it wscb.forms.SpecificErrorMessagesMixin"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_admin", list(admin.site._registry.values()), ids=lambda model_admin: model_admin.opts.label
)
def test_every_back_office_form_and_inline_row_has_specific_messages(model_admin, administrator):
    request = RequestFactory().get("/admin/")
    request.user = administrator
    form_class = model_admin.get_form(request, None)
    assert issubclass(form_class, SpecificErrorMessagesMixin)
    for formset, _inline in model_admin.get_formsets_with_inlines(request, None):
        assert issubclass(formset.form, SpecificErrorMessagesMixin), formset
    if model_admin.list_editable:
        assert issubclass(model_admin.get_changelist_formset(request).form, SpecificErrorMessagesMixin)


class Sample(SpecificErrorMessagesMixin, forms.Form):
    venue = forms.CharField(max_length=10)
    group = forms.ChoiceField(choices=[("board", "Board")])
    held_on = forms.DateField(label="Date")
    places = forms.IntegerField(label="Number of places", min_value=1)
    amount = forms.DecimalField(label="Amount (£)", max_digits=6, decimal_places=2)
    email = forms.EmailField(label="E-mail address")
    lead = forms.CharField(label="CSE lead")
    answer = forms.CharField(label="How is board information shared in your agency?")
    confirm = forms.BooleanField(label="I confirm the case study is anonymised")
    upload = forms.FileField(label="Attendance spreadsheet")
    own = forms.CharField(label="Your name", error_messages={"required": "Tell us who you are"})


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "venue", "Enter the venue"),
        ({}, "group", "Select the group"),
        ({"group": "nowhere"}, "group", "Select the group from the list"),
        ({}, "held_on", "Enter the date"),
        ({"held_on": "31/02/2017"}, "held_on", "Date must be a real date, like 31/03/2017"),
        ({"places": "two"}, "places", "Number of places must be a whole number"),
        ({"places": "0"}, "places", "Number of places must be 1 or more"),
        ({"amount": "12.345"}, "amount", "Amount (£) must have no more than 2 decimal places"),
        ({"venue": "A very long venue"}, "venue", "Venue must be 10 characters or fewer"),
        ({"email": "someone"}, "email", "Enter the e-mail address in the correct format, like name@example.org"),
        ({}, "lead", "Enter the CSE lead"),
        ({}, "answer", "Enter an answer to “How is board information shared in your agency?”"),
        ({}, "confirm", "Tick “I confirm the case study is anonymised” to continue"),
        ({}, "upload", "Choose the file for the attendance spreadsheet"),
        ({}, "own", "Tell us who you are"),
    ],
)
def test_messages_name_the_field_and_say_what_to_do(data, field, message):
    form = Sample(data)
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_no_generic_message_is_left_on_any_field_of_the_sample():
    form = Sample({})
    form.is_valid()
    assert not GENERIC & {message for messages in form.errors.values() for message in messages}


def test_a_message_the_form_sets_itself_is_kept():
    field = forms.CharField(error_messages={"required": "Give the deputy's name."})
    form = forms.Form()
    form.fields["deputy"] = field
    apply_specific_messages(form)
    assert field.error_messages["required"] == "Give the deputy's name."
    assert specific_messages(forms.CharField(), "Deputy's name")["required"] == "Enter the deputy's name"
