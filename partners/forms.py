"""Back-office forms for people (users) with e-mail sign-in."""

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm

from partners.models import User
from wscb.forms import SpecificErrorMessagesMixin

USER_FIELDS = ("email", "full_name", "job_title", "telephone", "role", "partner", "boards")


class UserCreateForm(SpecificErrorMessagesMixin, BaseUserCreationForm):
    class Meta:
        model = User
        fields = USER_FIELDS

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("A user with this e-mail address already exists.")
        return email


class UserEditForm(SpecificErrorMessagesMixin, UserChangeForm):
    class Meta:
        model = User
        fields = (*USER_FIELDS, "is_active")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("A user with this e-mail address already exists.")
        return email


class CurrentYearForm(SpecificErrorMessagesMixin, forms.Form):
    """The board's current reporting year: one of the years offered, or automatic."""

    current_reporting_year = forms.ChoiceField(
        label="Current reporting year",
        required=False,
        help_text="Every page that shows a year opens on this one; anyone can still choose another.",
    )

    def __init__(self, *args, years, automatic, **kwargs):
        super().__init__(*args, **kwargs)
        automatic_label = f"Automatic: the latest year that has records (now {automatic.label})"
        self.fields["current_reporting_year"].choices = [
            ("", automatic_label),
            *[(str(year.start_year), year.label) for year in years],
        ]

    def clean_current_reporting_year(self) -> int | None:
        value = self.cleaned_data["current_reporting_year"]
        return int(value) if value else None
