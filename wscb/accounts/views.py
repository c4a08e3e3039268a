"""Account pages: the second sign-in step, setting up an authenticator, backup codes, and sessions."""

from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from wscb.accounts import two_factor
from wscb.accounts.forms import ConfirmAuthenticatorForm, ReplaceAuthenticatorForm, SecondFactorCodeForm
from wscb.accounts.sessions import key_hash, session_end, sessions_end_others, user_sessions
from wscb.audit.models import AuditAction
from wscb.audit.services import audit_record
from wscb.permissions import AccountHolderMixin
from wscb.security import NoStoreMixin, next_from


def _next_url(request) -> str:
    return next_from(request)


class SignedInAnyStepMixin:
    """Signed in with a password (the second step may still be owed)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


class SecondFactorVerifyView(NoStoreMixin, SignedInAnyStepMixin, View):
    template_name = "account/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not two_factor.second_factor_pending(request):
            return redirect(_next_url(request))
        if request.user.is_authenticated and not two_factor.has_confirmed_device(request.user):
            return redirect(f"{reverse('two-factor-setup')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": SecondFactorCodeForm(), "next": _next_url(request)})

    def post(self, request):
        form = SecondFactorCodeForm(request.POST)
        if form.is_valid():
            if two_factor.second_factor_verify(request=request, token=form.cleaned_data["code"]):
                return redirect(_next_url(request))
            form.add_error("code", "That code is not valid, has been used already, or has expired. Try the next one.")
        return render(request, self.template_name, {"form": form, "next": _next_url(request)})


class SecondFactorSetupView(NoStoreMixin, SignedInAnyStepMixin, View):
    """Set up an authenticator. While the second step is owed this is open only to people who
    have no confirmed device yet: knowing the password is not enough to replace a device."""

    template_name = "account/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and not request.user.is_verified()
            and two_factor.has_confirmed_device(request.user)
        ):
            return redirect(f"{reverse('two-factor-verify')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def _context(self, request, form, device):
        return {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "manual_key": two_factor.manual_key(device),
            "next": _next_url(request),
            "required": two_factor.second_factor_required(request.user),
        }

    def _form_class(self, request):
        # Replacing an authenticator needs a code from the current one as well (re-authentication).
        if two_factor.has_confirmed_device(request.user):
            return ReplaceAuthenticatorForm
        return ConfirmAuthenticatorForm

    def get(self, request):
        # Every visit shows a fresh key, bound to this session (see totp_device_for_enrolment).
        device = two_factor.totp_device_for_enrolment(request=request)
        return render(request, self.template_name, self._context(request, self._form_class(request)(), device))

    def post(self, request):
        device = two_factor.totp_device_in_enrolment(request=request)
        if device is None:
            messages.error(
                request,
                "This set-up page was replaced by a newer one (opened again here or elsewhere). "
                "Scan the new QR code below.",
            )
            return self.get(request)
        form = self._form_class(request)(request.POST)
        if form.is_valid() and not _password_confirmed(request, form.cleaned_data["password"]):
            form.add_error("password", "That password is not right.")
        replacing = form.is_valid() and "current_code" in form.cleaned_data
        if replacing and not two_factor.current_code_valid(user=request.user, token=form.cleaned_data["current_code"]):
            form.add_error("current_code", "That is not a valid code from your current app or a backup code.")
        if form.is_valid():
            codes = two_factor.second_factor_confirm(request=request, device=device, token=form.cleaned_data["code"])
            if codes is not None:
                messages.success(
                    request, "Your authenticator app is set up. You will be asked for a code when you sign in."
                )
                return render(request, "account/backup_codes.html", {"codes": codes, "next": _next_url(request)})
            form.add_error("code", "That code did not match. Check the time on your phone and type the newest code.")
        return render(request, self.template_name, self._context(request, form, device))


def _password_confirmed(request, password: str) -> bool:
    """The signed-in user's password, checked through the authentication backends so that wrong
    guesses count towards the sign-in lockout like any other."""
    user = authenticate(request, username=request.user.email, password=password)
    return user is not None and user.pk == request.user.pk


class SecondFactorView(NoStoreMixin, AccountHolderMixin, View):
    """Overview: whether an authenticator is set up, and new backup codes."""

    def get(self, request):
        from django_otp.plugins.otp_static.models import StaticToken

        return render(
            request,
            "account/two_factor.html",
            {
                "has_device": two_factor.has_confirmed_device(request.user),
                "required": two_factor.second_factor_required(request.user),
                "backup_codes_left": StaticToken.objects.filter(device__user=request.user).count(),
            },
        )


class BackupCodesView(NoStoreMixin, AccountHolderMixin, View):
    """POST: replace the backup codes and show the new ones once."""

    http_method_names = ["post"]

    def post(self, request):
        if not request.user.is_verified():
            messages.error(request, "Set up an authenticator app first.")
            return redirect("two-factor")
        codes = two_factor.backup_codes_create(user=request.user)
        audit_record(
            request=request, action=AuditAction.SECOND_FACTOR_SET_UP, obj=request.user, detail="New backup codes"
        )
        return render(request, "account/backup_codes.html", {"codes": codes, "next": reverse("two-factor")})


class SessionListView(NoStoreMixin, AccountHolderMixin, View):
    def get(self, request):
        current = key_hash(request.session.session_key) if request.session.session_key else ""
        sessions = list(user_sessions(user=request.user))
        for record in sessions:
            record.is_current = record.key_hash == current
        others = [record for record in sessions if not record.is_current]
        return render(request, "account/sessions.html", {"sessions": sessions, "others": others})


class SessionEndView(NoStoreMixin, AccountHolderMixin, View):
    """GET: confirm; POST: end one of your other sessions."""

    def _record(self, request, pk):
        record = user_sessions(user=request.user).filter(pk=pk).first()
        if record is None or record.key_hash == key_hash(request.session.session_key or ""):
            raise Http404
        return record

    def get(self, request, pk):
        return render(request, "account/session_end_confirm.html", {"record": self._record(request, pk)})

    def post(self, request, pk):
        session_end(record=self._record(request, pk))
        audit_record(request=request, action=AuditAction.SESSIONS_ENDED, obj=request.user, detail="One other session")
        messages.success(request, "That session has ended.")
        return redirect("sessions")


class SessionsEndOthersView(NoStoreMixin, AccountHolderMixin, View):
    """GET: confirm; POST: end every session except this one."""

    def get(self, request):
        return render(request, "account/session_end_confirm.html", {"record": None})

    def post(self, request):
        count = sessions_end_others(user=request.user, current_key=request.session.session_key)
        audit_record(
            request=request, action=AuditAction.SESSIONS_ENDED, obj=request.user, detail=f"{count} other sessions"
        )
        messages.success(request, f"{count} other session{'s' if count != 1 else ''} ended.")
        return redirect("sessions")


class SecondFactorTurnOffView(NoStoreMixin, AccountHolderMixin, View):
    """Roles for which it is optional may turn two-step sign-in off, with a current code."""

    template_name = "account/two_factor_turn_off.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if two_factor.second_factor_required(request.user):
                raise PermissionDenied
            if not two_factor.has_confirmed_device(request.user):
                return redirect("two-factor")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": SecondFactorCodeForm()})

    def post(self, request):
        form = SecondFactorCodeForm(request.POST)
        if form.is_valid():
            if two_factor.second_factor_verify(request=request, token=form.cleaned_data["code"]):
                two_factor.second_factor_turn_off(request=request, user=request.user)
                messages.success(request, "Two-step sign-in is off. You can turn it on again at any time.")
                return redirect("two-factor")
            form.add_error("code", "That code is not valid, has been used already, or has expired.")
        return render(request, self.template_name, {"form": form}, status=400)
