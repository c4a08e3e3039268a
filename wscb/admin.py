"""The back office: Django's admin, restricted by role and sending everyone else to 403 or sign-in.

Every model registered on the site gets ``AccessibleAdminMixin`` (``PortalAdminSite.register`` mixes
it in), so no ModelAdmin can forget it: specific error messages on every form and inline row
(``wscb.forms``), and a name for every input in a tabular inline row or an editable changelist row,
which Django renders under a column heading with no label.
"""

from functools import update_wrapper

from django import forms
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.forms.utils import pretty_name
from django.shortcuts import redirect
from django.urls import reverse


def _row_name(form, index) -> str:
    instance = getattr(form, "instance", None)
    if instance is not None and instance.pk is not None:
        return str(instance)
    return "new row" if index is None else f"new row {index + 1}"


def name_row_fields(form, index) -> None:
    """Give each visible input of a table row an accessible name: "<column>, <row>"."""
    row = _row_name(form, index)
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.HiddenInput):
            continue
        label = field.label if field.label else pretty_name(name)
        # A related field's widget is wrapped (add/change links); the inner one renders the input.
        inner = getattr(field.widget, "widget", None)
        for widget in (field.widget,) if inner is None else (field.widget, inner):
            widget.attrs["aria-label"] = f"{label}, {row}"


def with_named_rows(formset_class):
    """``formset_class`` whose rows (and the blank row the admin copies for "Add another") name
    their inputs. Done in ``add_fields``, after the formset has added its Delete and Order boxes."""

    class NamedRowsFormSet(formset_class):
        def add_fields(self, form, index):
            super().add_fields(form, index)
            name_row_fields(form, index)

    NamedRowsFormSet.__name__ = formset_class.__name__
    return NamedRowsFormSet


class AccessibleAdminMixin:
    """Mixed into every registered ModelAdmin by ``PortalAdminSite.register``."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        from wscb.forms import with_specific_messages

        return with_specific_messages(super().get_form(request, obj, change=change, **kwargs))

    def get_formsets_with_inlines(self, request, obj=None):
        from wscb.forms import with_specific_messages

        for formset, inline in super().get_formsets_with_inlines(request, obj):
            formset.form = with_specific_messages(formset.form)
            if inline.template == admin.TabularInline.template:
                formset = with_named_rows(formset)
            yield formset, inline

    def get_import_form_class(self, request):
        """django-import-export's upload form (only import-export admins have and call this)."""
        from wscb.forms import with_specific_messages

        return with_specific_messages(super().get_import_form_class(request))

    def get_changelist_formset(self, request, **kwargs):
        from wscb.forms import with_specific_messages

        formset = super().get_changelist_formset(request, **kwargs)
        formset.form = with_specific_messages(formset.form)
        return with_named_rows(formset)


class PortalAdminSite(admin.AdminSite):
    site_header = "Safeguarding board portal: back office"
    site_title = "Back office"
    index_title = "Records"
    enable_nav_sidebar = True

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AccessibleAdminMixin):
            from wscb.forms import with_specific_messages

            attributes = {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__}
            if getattr(admin_class, "change_password_form", None) is not None:  # UserAdmin's password page
                attributes["change_password_form"] = with_specific_messages(admin_class.change_password_form)
            admin_class = type(admin_class.__name__, (AccessibleAdminMixin, admin_class), attributes)
        super().register(model_or_iterable, admin_class, **options)

    def each_context(self, request):
        context = super().each_context(request)
        context["site_url"] = reverse("home")
        board = getattr(request, "board", None)
        if board is not None:
            context["site_header"] = f"{board.short_name} back office"
        return context

    def has_permission(self, request):
        from wscb.accounts.two_factor import second_factor_pending

        # The middleware sends an unverified user to the second step first; this is the backstop.
        return request.user.is_active and request.user.is_staff and not second_factor_pending(request)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, view)

    def i18n_javascript(self, request, extra_context=None):
        from wscb.security import may_be_cached

        reason = "the back office's translation catalogue: the same JavaScript for everyone"
        return may_be_cached(reason)(super().i18n_javascript)(request, extra_context)

    def password_change(self, request, extra_context=None):
        response = self._password_change(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            from wscb.accounts.sign_in import audit_password_changed

            audit_password_changed(request, target=request.user, how="changed by its owner in the back office")
        return response

    def _password_change(self, request, extra_context=None):
        """Django's ``AdminSite.password_change`` with a form that names each field in its messages."""
        from django.contrib.admin.forms import AdminPasswordChangeForm
        from django.contrib.auth.views import PasswordChangeView

        from wscb.forms import with_specific_messages

        defaults = {
            "form_class": with_specific_messages(AdminPasswordChangeForm),
            "success_url": reverse("admin:password_change_done", current_app=self.name),
            "extra_context": {**self.each_context(request), **(extra_context or {})},
        }
        if self.password_change_template is not None:
            defaults["template_name"] = self.password_change_template
        request.current_app = self.name
        return PasswordChangeView.as_view(**defaults)(request)

    def final_catch_all_view(self, request, url):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not self.has_permission(request):
            raise PermissionDenied
        return super().final_catch_all_view(request, url)

    def login(self, request, extra_context=None):
        """One sign-in page for the whole portal: the admin's own is not used. ``next`` is
        followed only when it stays on this site (``wscb.security.next_from``)."""
        from wscb.security import next_from

        next_url = next_from(request, default="admin:index")
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect(next_url)
            raise PermissionDenied
        return redirect_to_login(next_url)
