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
