"""Roles and the rules built on them, in one place.

Every view uses one of the mixins or decorators here. Anonymous users are sent to sign in;
a signed-in user whose role does not allow the view gets 403; an object outside the
user's scope (another agency's record) is loaded through a scoped queryset and gives 404.
The Django admin asks ``User.has_perm``, which comes back here too.
"""

from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from partners.models import Role

PARTNER_LEAD = Role.PARTNER_LEAD
BUSINESS_SUPPORT = Role.BUSINESS_SUPPORT
BOARD_MEMBER = Role.BOARD_MEMBER
ADMINISTRATOR = Role.ADMINISTRATOR

ALL_ROLES = frozenset(Role.values)
#: Roles that may read partnership-wide information (every agency's records).
PARTNERSHIP_READERS = frozenset({BUSINESS_SUPPORT, BOARD_MEMBER, ADMINISTRATOR})
#: Roles that keep the records (the back office).
RECORD_KEEPERS = frozenset({BUSINESS_SUPPORT, ADMINISTRATOR})

#: Admin models that only administrators manage (users, roles, settings, sign-in records).
ADMINISTRATOR_ONLY_MODELS = frozenset({"partners.user", "partners.board"})
ADMINISTRATOR_ONLY_APPS = frozenset({"axes", "auth", "contenttypes", "sessions", "admin"})
#: Apps whose records business support keeps in the back office.
BUSINESS_SUPPORT_APPS = frozenset({"partners", "meetings", "training", "finance", "reports", "annual"})


def role_has_model_permission(role: str, perm: str) -> bool:
    """Answer a Django permission string such as ``"partners.change_partner"`` for a role."""
    if role == ADMINISTRATOR:
        return True
    if role != BUSINESS_SUPPORT:
        return False
    app_label, _, codename = perm.partition(".")
    model_name = codename.split("_", 1)[1] if "_" in codename else ""
    if f"{app_label}.{model_name}" in ADMINISTRATOR_ONLY_MODELS:
        # Business support may look up people and boards (for choosing them) but not edit them.
        return codename.startswith("view_")
    return app_label in BUSINESS_SUPPORT_APPS


def role_has_module_permission(role: str, app_label: str) -> bool:
    if role == ADMINISTRATOR:
        return True
    return role == BUSINESS_SUPPORT and app_label in BUSINESS_SUPPORT_APPS


def user_has_role(user, roles: Iterable[str]) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in set(roles))


class RoleRequiredMixin(AccessMixin):
    """Allow signed-in users whose role is in ``allowed_roles``; others get 403."""

    allowed_roles: Iterable[str] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not user_has_role(request.user, self.allowed_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SignedInMixin(RoleRequiredMixin):
    allowed_roles = ALL_ROLES


class PartnershipReaderMixin(RoleRequiredMixin):
    allowed_roles = PARTNERSHIP_READERS


class RecordKeeperMixin(RoleRequiredMixin):
    allowed_roles = RECORD_KEEPERS


def role_required(*roles: str):
    """Function-view decorator twin of ``RoleRequiredMixin``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


signed_in_required = role_required(*ALL_ROLES)
