"""Forms for the account pages (second factor, sessions) and the audit page."""

from django import forms

from wscb.models import AuditAction


class SecondFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class ConfirmAuthenticatorForm(forms.Form):
    code = forms.CharField(
        label="Code from your app",
        max_length=10,
        help_text="Scan the QR code, then type the 6-digit code your app shows.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ReplaceAuthenticatorForm(ConfirmAuthenticatorForm):
    current_code = forms.CharField(
        label="Code from your current app",
        max_length=20,
        help_text="To confirm it is you: a code from the app you use now, or a backup code.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )
    field_order = ["current_code", "code"]


class AuditFilterForm(forms.Form):
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


class ImportFileForm(forms.Form):
    """The upload form every import page can use (checked by wscb.imports.read_upload)."""

    file = forms.FileField(label="Spreadsheet (CSV or XLSX)")
