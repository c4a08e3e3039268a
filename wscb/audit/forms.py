"""The audit page's filter form."""

from django import forms

from wscb.audit.models import AuditAction
from wscb.forms import SpecificErrorMessagesMixin


class AuditFilterForm(SpecificErrorMessagesMixin, forms.Form):
    user = forms.CharField(label="Person (e-mail contains)", required=False, max_length=254)
    action = forms.ChoiceField(label="Action", required=False, choices=[("", "Any action"), *AuditAction.choices])
    object_type = forms.ChoiceField(label="Record type", required=False, choices=[("", "Any type")])
    date_from = forms.DateField(label="From (dd/mm/yyyy)", required=False)
    date_to = forms.DateField(label="To (dd/mm/yyyy)", required=False)

    def __init__(self, *args, object_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", "Any type"), *object_types]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            raise forms.ValidationError("The 'from' date must not be after the 'to' date.")
        return cleaned
