"""Sign-in pages: e-mail sign-in, and a lockout that looks exactly like a wrong password."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from wscb.accounts import two_factor
from wscb.forms import SpecificErrorMessagesMixin
from wscb.security import NoStoreMixin, next_from

GENERIC_SIGN_IN_ERROR = (
    "The e-mail address and password did not match an account that can sign in. "
    "Check them and try again, or reset your password."
)


class SignInForm(SpecificErrorMessagesMixin, AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": GENERIC_SIGN_IN_ERROR,
        "inactive": GENERIC_SIGN_IN_ERROR,
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class SignInView(NoStoreMixin, auth_views.LoginView):
    """Step one: e-mail address and password. Step two (a code) follows when it is needed."""

    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if two_factor.second_factor_pending(self.request):
            step = "two-factor-verify" if two_factor.has_confirmed_device(form.get_user()) else "two-factor-setup"
            return redirect(f"{reverse(step)}?{urlencode({'next': self.get_success_url()})}")
        return response


def audit_password_changed(request, *, target, how: str, actor=None) -> None:
    """One ``changed`` event naming the field (password), never its value. ``actor`` defaults to
    the signed-in user, or the target when nobody is signed in (a reset link)."""
    from wscb.audit.models import AuditAction
    from wscb.audit.services import audit_record

    if actor is None and not request.user.is_authenticated:
        actor = target
    audit_record(
        request=request, user=actor, action=AuditAction.CHANGED, obj=target, detail=f"Changed: password ({how})"
    )


class PortalPasswordChangeForm(SpecificErrorMessagesMixin, PasswordChangeForm):
    pass


class PortalSetPasswordForm(SpecificErrorMessagesMixin, SetPasswordForm):
    pass


class PortalPasswordResetForm(SpecificErrorMessagesMixin, PasswordResetForm):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page, with the change written to the audit trail (never the password)."""

    form_class = PortalPasswordChangeForm

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_password_changed(self.request, target=form.user, how="changed by its owner")
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's page, with the new password's setting written to the audit trail."""

    form_class = PortalSetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_password_changed(self.request, target=form.user, how="reset by e-mail link")
        return response


def username_for_lockout(request, credentials) -> str | None:
    """The account a sign-in attempt is counted against: the e-mail address, in lower case,
    so that "Lead@X" and "lead@x" share one counter."""
    username = (credentials or {}).get("username") or request.POST.get("username")
    return username.strip().lower() if username else None


def lockout_response(request, original_response=None, credentials=None):
    """Called by django-axes once an account has too many failures: same page, same message, and
    the same time: the password is hashed as a check of a wrong password hashes it (django-axes
    refuses before any hashing, which made a locked answer ten times faster and so visible).

    Nobody can tell a locked account from a wrong password (or from an unknown e-mail).
    """
    get_user_model()().set_password(request.POST.get("password", ""))  # the cost of one password check
    form = SignInForm(request, data=request.POST)
    # Set the error directly rather than validating again, which would count another failure.
    form.cleaned_data = {}
    form._errors = ErrorDict({NON_FIELD_ERRORS: form.error_class([GENERIC_SIGN_IN_ERROR], error_class="nonfield")})
    context = {"form": form, "next": next_from(request, default=None)}
    return render(request, "registration/login.html", context)
