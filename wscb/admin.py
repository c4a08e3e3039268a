"""The back office: Django's admin, restricted by role and sending everyone else to 403 or sign-in."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse


class PortalAdminSite(admin.AdminSite):
    site_header = "Safeguarding board portal: back office"
    site_title = "Back office"
    index_title = "Records"
    enable_nav_sidebar = True

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
        response = super().password_change(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            from wscb.accounts.sign_in import audit_password_changed

            audit_password_changed(request, target=request.user, how="changed by its owner in the back office")
        return response

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
