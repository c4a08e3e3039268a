"""Forms for the account pages: the second sign-in step and setting up or replacing an authenticator."""

from django import forms

from wscb.forms import SpecificErrorMessagesMixin


class SecondFactorCodeForm(SpecificErrorMessagesMixin, forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class ConfirmAuthenticatorForm(SpecificErrorMessagesMixin, forms.Form):
    """The code from the new app, and the password again: a session left open is not enough
    to set up someone's second factor."""

    code = forms.CharField(
        label="Code from your app",
        max_length=10,
        help_text="Scan the QR code, then type the 6-digit code your app shows.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        help_text="To confirm it is you.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ReplaceAuthenticatorForm(ConfirmAuthenticatorForm):
    current_code = forms.CharField(
        label="Code from your current app",
        max_length=20,
        help_text="To confirm it is you: a code from the app you use now, or a backup code.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )
    field_order = ["current_code", "code", "password"]
