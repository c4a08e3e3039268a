"""Sign-in pages: e-mail sign-in, and a lockout that looks exactly like a wrong password."""

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.template.response import TemplateResponse

GENERIC_SIGN_IN_ERROR = (
    "The e-mail address and password did not match an account that can sign in. "
    "Check them and try again, or reset your password."
)


class SignInForm(AuthenticationForm):
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


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


def lockout_response(request, original_response=None, credentials=None):
    """Called by django-axes once an account has too many failures: same page, same message.

    Nobody can tell a locked account from a wrong password (or from an unknown e-mail).
    """
    # The form is not validated again: that would count one more failed attempt.
    form = SignInForm(request, initial={"username": request.POST.get("username", "")})
    context = {"form": form, "sign_in_error": GENERIC_SIGN_IN_ERROR, "next": request.GET.get("next", "")}
    return TemplateResponse(request, "registration/login.html", context)
